package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock Twilio API for {@code @QuarkusTest}s, plus the settings the shared fixtures were signed for:
 * public URL {@code https://bot.example.com}, auth token {@code 0123456789abcdef0123456789abcdef}.
 */
public class TwilioWireMockResource implements QuarkusTestResourceLifecycleManager {

    /** Public base URL the twilio-* fixtures were signed for. */
    public static final String PUBLIC_URL = "https://bot.example.com";

    private static volatile WireMockServer server;

    /** @return the running server of the current test application */
    public static WireMockServer twilio() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "tawasul.twilio.api-url", server.baseUrl(),
                "tawasul.twilio.account-sid", TwilioApiStubs.ACCOUNT_SID,
                "tawasul.twilio.auth-token", TwilioFixtures.FIXTURE_TOKEN,
                "tawasul.public-url", PUBLIC_URL);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
