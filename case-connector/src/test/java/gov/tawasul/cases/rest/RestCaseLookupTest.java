package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import gov.tawasul.cases.CaseFixtures;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.port.CaseLookup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST connector against the case-management API served by WireMock ({@link RestConnectorProfile}): what only
 * this connector does (token, path safety, failures, timeout, Vert.x context). Found/not found: {@link RestCaseLookupContractTest}.
 */
@QuarkusTest
@TestProfile(RestConnectorProfile.class)
class RestCaseLookupTest {

    @Inject
    CaseLookup cases;

    @InjectCaseApi
    WireMockServer caseApi;

    private static String body(String caseNumber) {
        return """
                {"caseNumber":"%s","status":"UNDER_REVIEW",
                 "statusLabel":{"ar":"قيد الدراسة","en":"Under review"},
                 "department":{"ar":"إدارة التراخيص","en":"Licensing Department"},
                 "nextStep":{"ar":"سيتم إشعاركم بالنتيجة خلال 5 أيام عمل","en":"You will be notified within 5 working days"},
                 "updatedAt":"2026-11-20T09:30:00+03:00",
                 "contacts":[{"channel":"sms","address":"+966500000001"},
                             {"channel":"sms","address":"%s"},
                             {"channel":"facebook","address":"%s"},
                             {"channel":"twitter","address":"%s"},
                             {"channel":"email","address":"citizen@example.org"},
                             {"channel":"whatsapp","address":"+966500000001"}],
                 "openedAt":"2026-11-01T08:00:00+03:00"}
                """.formatted(caseNumber, CaseFixtures.twilioCitizenNumber(), CaseFixtures.messengerCitizenPsid(),
                CaseFixtures.twitterCitizenId());
    }

    private void answer(String encodedCaseNumber, int status, String body) {
        CaseApiStubs.answer(caseApi, encodedCaseNumber, status, body);
    }

    private CaseLookupResult lookup(String number) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> cases.lookup(number));
    }

    @BeforeEach
    void reset() {
        caseApi.resetAll();
    }

    @Test
    void foundMapsEveryField() throws Throwable {
        answer("1446-000123", 200, body("1446-000123"));

        CaseLookupResult result = lookup("1446-000123");

        assertThat(result).isInstanceOf(CaseLookupResult.Found.class);
        CaseRecord record = ((CaseLookupResult.Found) result).record();
        assertThat(record.caseNumber()).isEqualTo("1446-000123");
        assertThat(record.status()).isEqualTo("UNDER_REVIEW");
        assertThat(record.statusLabel()).isEqualTo(new LocalizedText("قيد الدراسة", "Under review"));
        assertThat(record.statusLabel().in("ar")).isEqualTo("قيد الدراسة");
        assertThat(record.department()).isEqualTo(new LocalizedText("إدارة التراخيص", "Licensing Department"));
        assertThat(record.nextStep()).isEqualTo(new LocalizedText("سيتم إشعاركم بالنتيجة خلال 5 أيام عمل",
                "You will be notified within 5 working days"));
        assertThat(record.updatedAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:30:00+03:00"));
        assertThat(record.updatedAt().getOffset().getId()).isEqualTo("+03:00");
        assertThat(record.contacts()).containsExactly(
                new CaseContact(Channel.SMS, "+966500000001"),
                new CaseContact(Channel.SMS, "+15555550100"),
                new CaseContact(Channel.FACEBOOK, "2000000000000001"),
                new CaseContact(Channel.TWITTER, "1000000000000000002"),
                new CaseContact(Channel.EMAIL, "citizen@example.org"),
                new CaseContact(Channel.WHATSAPP, "+966500000001"));
    }

    @Test
    void bearerTokenIsSent() throws Throwable {
        answer("12345", 200, body("12345"));

        assertThat(lookup("12345")).isInstanceOf(CaseLookupResult.Found.class);

        caseApi.verify(1, getRequestedFor(urlEqualTo(CaseApiWireMock.CASES + "12345"))
                .withHeader("Authorization", equalTo("Bearer " + RestConnectorProfile.TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void dotSegmentsNeverLeaveTheCasesPath() throws Throwable {
        answer("%2E%2E%2Fadmin", 404, "");

        assertThat(lookup("../admin")).isEqualTo(new CaseLookupResult.NotFound("../admin"));

        caseApi.verify(1, getRequestedFor(urlEqualTo(CaseApiWireMock.CASES + "%2E%2E%2Fadmin")));
        assertThat(caseApi.getAllServeEvents()).hasSize(1);
    }

    @Test
    void unavailableOn500() throws Throwable {
        answer("67890", 500, "{\"error\":\"database down\"}");

        assertThat(lookup("67890")).isEqualTo(new CaseLookupResult.Unavailable("67890", "HTTP 500"));
    }

    @Test
    void unavailableOn401() throws Throwable {
        answer("67890", 401, "");

        assertThat(lookup("67890")).isEqualTo(new CaseLookupResult.Unavailable("67890", "HTTP 401"));
    }

    @Test
    void unavailableOnMalformedJson() throws Throwable {
        answer("123", 200, "{\"caseNumber\":\"123\",\"status\":");

        assertThat(lookup("123")).isInstanceOf(CaseLookupResult.Unavailable.class);
    }

    @Test
    void unavailableOnBodyWithoutStatusLabel() throws Throwable {
        answer("123", 200, "{\"caseNumber\":\"123\",\"status\":\"COMPLETED\",\"updatedAt\":\"2026-11-18T13:05:00+03:00\"}");

        CaseLookupResult result = lookup("123");

        assertThat(result).isInstanceOf(CaseLookupResult.Unavailable.class);
        assertThat(((CaseLookupResult.Unavailable) result).reason()).contains("statusLabel missing");
    }

    @Test
    void unavailableOnConnectionReset() throws Throwable {
        caseApi.stubFor(get(urlPathMatching(CaseApiWireMock.CASES + ".*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(lookup("123")).isInstanceOf(CaseLookupResult.Unavailable.class);
    }

    @Test
    void unavailableAfterTimeoutOnTheCallersContext() throws Throwable {
        caseApi.stubFor(get(urlEqualTo(CaseApiWireMock.CASES + "1446-000123")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body("1446-000123")).withFixedDelay((int) RestConnectorProfile.TIMEOUT_MILLIS * 3)));
        AtomicReference<Context> caller = new AtomicReference<>();
        AtomicReference<Context> completion = new AtomicReference<>();
        long start = System.nanoTime();

        CaseLookupResult result = VertxContextSupport.subscribeAndAwait(() -> {
            caller.set(Vertx.currentContext());
            return cases.lookup("1446-000123").invoke(() -> completion.set(Vertx.currentContext()));
        });

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result).isEqualTo(new CaseLookupResult.Unavailable("1446-000123", "timeout"));
        assertThat(millis).isBetween(RestConnectorProfile.TIMEOUT_MILLIS - 50, RestConnectorProfile.TIMEOUT_MILLIS * 2);
        assertThat(caller.get()).isNotNull();
        assertThat(completion.get()).isSameAs(caller.get());
    }

    @Test
    void foundCompletesOnTheCallersEventLoop() throws Throwable {
        answer("12345", 200, body("12345"));
        AtomicReference<Context> caller = new AtomicReference<>();
        AtomicReference<Boolean> onEventLoop = new AtomicReference<>();

        CaseLookupResult result = VertxContextSupport.subscribeAndAwait(() -> {
            caller.set(Vertx.currentContext());
            return cases.lookup("12345").invoke(() -> onEventLoop.set(Context.isOnEventLoopThread()
                    && Vertx.currentContext() == caller.get()));
        });

        assertThat(result).isInstanceOf(CaseLookupResult.Found.class);
        assertThat(onEventLoop.get()).isTrue();
    }
}
