package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** A failing case system is not hammered: after 4 failed calls the breaker opens and calls fail fast. */
@QuarkusTest
@TestProfile(CircuitBreakerProfile.class)
class CircuitBreakerTest {

    @Inject
    CaseLookup cases;

    @InjectCaseApi
    WireMockServer caseApi;

    private CaseLookupResult lookup(String number) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> cases.lookup(number));
    }

    @Test
    void opensAfterFailuresAndStopsCallingTheApi() throws Throwable {
        caseApi.stubFor(get(urlPathMatching(CaseApiWireMock.CASES + ".*"))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));

        for (int i = 0; i < 4; i++) {
            assertThat(lookup("12345")).isEqualTo(new CaseLookupResult.Unavailable("12345", "HTTP 503"));
        }
        assertThat(lookup("12345")).isEqualTo(new CaseLookupResult.Unavailable("12345", "circuit open"));
        assertThat(lookup("67890")).isEqualTo(new CaseLookupResult.Unavailable("67890", "circuit open"));

        caseApi.verify(4, getRequestedFor(urlPathMatching(CaseApiWireMock.CASES + ".*")));
        caseApi.verify(4, getRequestedFor(urlPathMatching(CaseApiWireMock.CASES + ".*"))
                .withHeader("Authorization", absent()));
    }
}
