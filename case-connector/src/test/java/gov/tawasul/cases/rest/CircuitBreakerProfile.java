package gov.tawasul.cases.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** {@code tawasul.cases.connector=rest} without a token, with the timeout of {@link RestConnectorProfile} and a breaker
 * that opens after 4 calls, half failed. */
public class CircuitBreakerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tawasul.cases.connector", "rest",
                "tawasul.cases.rest.timeout", RestConnectorProfile.TIMEOUT_MILLIS + "ms",
                "tawasul.cases.rest.circuit.request-volume", "4",
                "tawasul.cases.rest.circuit.failure-ratio", "0.5",
                "tawasul.cases.rest.circuit.delay", "60s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CaseApiWireMock.class));
    }
}
