package gov.tawasul.channels.webchat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The web chat and kiosk channel ({@code tawasul.webchat.*}).
 */
@ConfigMapping(prefix = "tawasul.webchat")
public interface WebchatConfig {

    /**
     * Origins (scheme, host and port, e.g. {@code https://www.agency.gov.sa}) whose pages may open the chat socket
     * and read a visitor's history: the bot's own public URL and the agency's sites that embed {@code widget.js}.
     * A WebSocket upgrade whose {@code Origin} header is missing or not listed is refused with 403.
     */
    @WithDefault("${tawasul.public-url}")
    List<String> allowedOrigins();

    /**
     * Key of the HMAC-SHA256 signature of visitor tokens and of the message ids a visitor acknowledges, 32
     * characters or more, the same on every instance. Unset: a random key per process (a warning at start-up;
     * visitors get a new identity after a restart). The {@code dev} and {@code test} profiles set a fixed one.
     */
    Optional<String> secret();

    /** Our address on the channel, the conversations' {@code bot_address}. */
    @WithDefault("webchat")
    String botAddress();

    /** Citizen messages one visitor may send within {@link #rateWindow()}; more are refused ({@code RATE_LIMITED}). */
    @WithDefault("20")
    int rateLimit();

    /** The window of {@link #rateLimit()}. */
    @WithDefault("60s")
    Duration rateWindow();

    /**
     * Case numbers the chat page suggests to a new user: bundled sample cases (public demo data), shown only while
     * the sample cases are loaded (local connector, {@code tawasul.cases.local.seed}).
     */
    @WithDefault("4512873,1446-000123,2024/12345")
    List<String> demoCases();

    /** Messages the history resource returns (the newest ones). */
    @WithDefault("100")
    int historyLimit();
}
