package gov.tawasul.cases.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * {@code tawasul.cases.connector=rest} without a token and a breaker that opens after 4 calls, half failed. The
 * timeout is long (10 s): this profile tests the breaker, not timeouts, and a first call on a loaded machine must
 * not count as a failure of its own (a 3 s timeout made the test flaky with other builds on the same 2 cores).
 */
public class CircuitBreakerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tawasul.cases.connector", "rest",
                "tawasul.cases.rest.timeout", "10s",
                "tawasul.cases.rest.circuit.request-volume", "4",
                "tawasul.cases.rest.circuit.failure-ratio", "0.5",
                "tawasul.cases.rest.circuit.delay", "60s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CaseApiWireMock.class));
    }
}
