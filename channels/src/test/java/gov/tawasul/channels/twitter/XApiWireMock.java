package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;


import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock X API (v1.1 DM send and v2 dm_events) on a free port for @QuarkusTest classes, and the
 * {@code tawasul.twitter.*} settings pointing at it (credentials of the fixtures: consumer secret
 * {@link TwitterFixtures#SECRET}); injects the server into the test's field annotated {@link InjectXApi}
 * (Quarkus test resources: https://quarkus.io/guides/getting-started-testing).
 */
public class XApiWireMock implements QuarkusTestResourceLifecycleManager {

    /** Our app's id: {@code source_app_id} of the DMs the bot sends. */
    static final String APP_ID = "268278";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        stubDefaultSend(server);
        return Map.of(
                "tawasul.twitter.api-url", server.baseUrl() + "/1.1/",
                "tawasul.twitter.api-v2-url", server.baseUrl(),
                "tawasul.twitter.consumer-key", TestTwitterConfig.CONSUMER_KEY,
                "tawasul.twitter.consumer-secret", TwitterFixtures.SECRET,
                "tawasul.twitter.access-token", TestTwitterConfig.ACCESS_TOKEN,
                "tawasul.twitter.access-token-secret", TestTwitterConfig.ACCESS_TOKEN_SECRET,
                "tawasul.twitter.user-id", "1000000000000000001");
    }

    /**
     * Every DM send succeeds with a fresh event id, echoing the recipient and text as X does
     * (response templating).
     */
    static void stubDefaultSend(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody("""
                        {"event":{"type":"message_create","id":"11{{randomValue length=17 type='NUMERIC'}}","created_timestamp":"{{now format='epoch'}}","message_create":{"target":{"recipient_id":"{{jsonPath request.body '$.event.message_create.target.recipient_id'}}"},"sender_id":"1000000000000000001","source_app_id":"268278","message_data":{"text":"sent","entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]}}}}}""")));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectXApi.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
