package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Quarkus test resource serving the case-management API with WireMock on a free port (dynamic port), the API root
 * mounted under {@value #ROOT}: sets {@code tawasul.cases.rest.url} to it. Listed by a test profile
 * ({@code testResources()}); injects the server into the test's field annotated {@link InjectCaseApi}
 * (Quarkus test resources: https://quarkus.io/guides/getting-started-testing, "Starting services before the Quarkus
 * application starts").
 * One server per test profile, stopped with it.
 */
public class CaseApiWireMock implements QuarkusTestResourceLifecycleManager {

    /** Path of the API root on the server; case {@code n} is at {@value #CASES}{@code n} (encoded). */
    public static final String ROOT = "/api";
    /** Path prefix of the case resources, e.g. {@code /api/cases/2024%2F12345}. */
    public static final String CASES = ROOT + "/cases/";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("tawasul.cases.rest.url", server.baseUrl() + ROOT);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectCaseApi.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
