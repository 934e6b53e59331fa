package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Quarkus test resource serving a WireMock Twilio API on a free port, plus the settings the shared fixtures were
 * signed for: public URL {@value #PUBLIC_URL}, auth token {@link TwilioFixtures#FIXTURE_TOKEN}. Injects the server
 * into the test's field annotated {@link InjectTwilioApi} (Quarkus test resources:
 * https://quarkus.io/guides/getting-started-testing, "Starting services before the Quarkus application starts").
 * One server per resource, stopped with it. Init arguments ({@code @ResourceArg}) are further settings of the app.
 */
public class TwilioWireMockResource implements QuarkusTestResourceLifecycleManager {

    /** Public base URL the twilio-* fixtures were signed for. */
    public static final String PUBLIC_URL = "https://bot.example.com";

    private WireMockServer server;
    private final Map<String, String> extra = new HashMap<>();

    /** @param initArgs further settings of the test's app, e.g. {@code tawasul.whatsapp.from} (WhatsApp on) */
    @Override
    public void init(Map<String, String> initArgs) {
        extra.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>(extra);
        config.putAll(Map.of(
                "tawasul.twilio.api-url", server.baseUrl(),
                "tawasul.twilio.account-sid", TwilioApiStubs.ACCOUNT_SID,
                "tawasul.twilio.auth-token", TwilioFixtures.FIXTURE_TOKEN,
                "tawasul.public-url", PUBLIC_URL));
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectTwilioApi.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
