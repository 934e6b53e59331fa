package gov.tawasul.cases.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** {@code tawasul.cases.connector=rest} against {@link CaseApiWireMock}, with a token, a 5 s timeout (above a cold first
 * call on a busy machine: 1.5 s seen with 2 cores shared, over 3 s at load 20) and a circuit breaker that never opens within the test (so
 * that failure tests do not affect each other). */
public class RestConnectorProfile implements QuarkusTestProfile {

    /** The bearer token configured. */
    public static final String TOKEN = "case-api-test-token-7f3a";
    /** The timeout configured, in milliseconds. */
    public static final long TIMEOUT_MILLIS = 5000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tawasul.cases.connector", "rest",
                "tawasul.cases.rest.token", TOKEN,
                "tawasul.cases.rest.timeout", TIMEOUT_MILLIS + "ms",
                "tawasul.cases.rest.circuit.request-volume", "1000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CaseApiWireMock.class));
    }
}
