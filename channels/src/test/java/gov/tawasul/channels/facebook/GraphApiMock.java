package gov.tawasul.channels.facebook;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.responsetemplating.ResponseTemplateTransformer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Quarkus test resource serving the Graph API's Send API ({@code POST /v21.0/me/messages}) with WireMock on a free
 * port: by default every message is accepted with Meta's response
 * {@code {"recipient_id":"<the request's recipient.id>","message_id":"m_<random>"}}. Sets
 * {@code tawasul.facebook.graph-url} to the server and injects it into the test's field annotated
 * {@link InjectGraphApi}. One server per resource, stopped with it.
 */
public class GraphApiMock implements QuarkusTestResourceLifecycleManager {

    /** Path of the Send API at the configured version. */
    public static final String SEND_PATH = "/v21.0/me/messages";

    private WireMockServer server;

    /** Removes recorded requests and custom stubs of {@code graph}; restores the default "accepted" answer. */
    public static void reset(WireMockServer graph) {
        graph.resetAll();
        acceptEverySend(graph);
    }

    /** Stubs the default answer (priority 10, so a test's own stubs come first): every send accepted. */
    static void acceptEverySend(WireMockServer graph) {
        graph.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"recipient_id\":\"{{jsonPath request.body '$.recipient.id'}}\","
                        + "\"message_id\":\"m_{{randomValue length=40 type='ALPHANUMERIC'}}\"}")
                .withTransformers(ResponseTemplateTransformer.NAME)));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().templatingEnabled(true));
        server.start();
        acceptEverySend(server);
        return Map.of("tawasul.facebook.graph-url", server.baseUrl(), "tawasul.facebook.api-version", "v21.0");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectGraphApi.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
