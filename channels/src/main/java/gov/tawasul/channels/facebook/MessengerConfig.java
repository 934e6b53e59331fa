package gov.tawasul.channels.facebook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Facebook Messenger channel ({@code tawasul.facebook.*}). Secrets are optional so that the app
 * starts without Messenger configured: without an app secret every webhook POST is refused (403), without a verify
 * token every subscription check is refused (403), without a page access token every send fails finally.
 * How to obtain them: {@code docs/facebook.md}.
 */
@ConfigMapping(prefix = "tawasul.facebook")
public interface MessengerConfig {

    /** The string typed into the App Dashboard's "Verify Token" field, echoed back by Meta as {@code hub.verify_token}. */
    Optional<String> verifyToken();

    /** The Meta app's App Secret: key of the {@code X-Hub-Signature-256} HMAC and of {@code appsecret_proof}. */
    Optional<String> appSecret();

    /** Page access token used for the Send API ({@code me/messages}). */
    Optional<String> pageAccessToken();

    /** Graph API root, no trailing slash, no version (tests point it at WireMock). */
    @WithDefault("https://graph.facebook.com")
    String graphUrl();

    /** Graph API version as it appears in the path, e.g. {@code v21.0}. */
    @WithDefault("v21.0")
    String apiVersion();

    /** Connect and read timeout of one Send API call. */
    @WithDefault("10s")
    Duration timeout();
}
