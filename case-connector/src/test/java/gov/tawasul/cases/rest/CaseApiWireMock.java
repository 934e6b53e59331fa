package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Serves the case-management API with WireMock on a free port, mounted under {@code /api}; sets
 * {@code tawasul.cases.rest.url} to it. Tests reach the server through {@link #server}.
 */
public class CaseApiWireMock implements QuarkusTestResourceLifecycleManager {

    /** The running server of the current test profile. */
    public static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("tawasul.cases.rest.url", server.baseUrl() + "/api");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
