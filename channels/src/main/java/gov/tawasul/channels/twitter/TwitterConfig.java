package gov.tawasul.channels.twitter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the X/Twitter direct-message channel ({@code tawasul.twitter.*}). Credentials are the app's
 * OAuth 1.0a keys (developer portal, "Keys and tokens"): without a consumer secret every webhook is refused (403)
 * and the CRC is not answered (503); without the four credentials replies fail with error code
 * {@code not-configured}. Docs: docs/twitter.md.
 */
@ConfigMapping(prefix = "tawasul.twitter")
public interface TwitterConfig {

    /** How DMs reach the bot. */
    enum Mode {
        /** Account Activity API or X Activity API webhooks ({@code POST /webhooks/twitter}). */
        WEBHOOK,
        /** Reading {@code GET /2/dm_events} every {@link #pollInterval()} (access tiers without webhooks). */
        POLL
    }

    /** {@code webhook} (default) or {@code poll}. */
    @WithDefault("webhook")
    Mode mode();

    /** API key (OAuth 1.0a consumer key). */
    Optional<String> consumerKey();

    /** API key secret: signs OAuth requests, the CRC response and every webhook delivery. */
    Optional<String> consumerSecret();

    /** Access token of the agency's account (user context). */
    Optional<String> accessToken();

    /** Access token secret of the agency's account. */
    Optional<String> accessTokenSecret();

    /** REST root of the v1.1 API used to send DMs, with its trailing slash. */
    @WithDefault("https://api.twitter.com/1.1/")
    String apiUrl();

    /** Root of the X API v2 (no trailing slash), used in {@code poll} mode. */
    @WithDefault("https://api.twitter.com")
    String apiV2Url();

    /** Time between two reads of {@code /2/dm_events} in {@code poll} mode. */
    @WithDefault("60s")
    Duration pollInterval();

    /**
     * In {@code poll} mode with nothing stored yet (first start), events older than this are not answered:
     * the endpoint returns up to 30 days of history.
     */
    @WithDefault("1h")
    Duration pollInitialLookback();

    /**
     * Numeric user id of the agency's account: a DM it sent is our own (an echo, never answered), and webhook
     * deliveries for another account are dropped. Required in {@code poll} mode; in {@code webhook} mode, when
     * unset, each delivery's {@code for_user_id} (Account Activity) or {@code filter.user_id} (X Activity API)
     * stands for it.
     */
    Optional<String> userId();
}
