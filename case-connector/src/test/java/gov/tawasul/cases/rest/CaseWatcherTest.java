package gov.tawasul.cases.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch mode polls {@code GET /cases/{n}} (WireMock) for a followed case: the first answer is the baseline
 * (stored, nobody told), a changed status is an event ({@code WATCH}) whose notification is queued for the follower.
 */
@QuarkusTest
@TestProfile(WatchProfile.class)
class CaseWatcherTest {

    private static final String CASE = "1446-000777";

    @InjectCaseApi
    WireMockServer caseApi;

    @Inject
    CaseWatcher watcher;

    /** Also the follower's SMS, which retries against the unreachable Twilio of this test's configuration. */
    @AfterEach
    void clean() {
        TestDb.execute("truncate notification, case_follower, case_event, outbound_message cascade");
    }

    @Test
    void aChangedStatusOfAFollowedCaseBecomesAnEvent() {
        TestDb.execute("truncate notification, case_follower, case_event cascade");
        CaseApiStubs.answer(caseApi, CASE, 200, body("UNDER_REVIEW", "قيد الدراسة", "Under review",
                "2026-12-01T09:00:00+03:00"));
        TestDb.execute("""
                insert into case_follower (case_number, channel, citizen_address, bot_address, locale, source)
                values (?, 'SMS', '+15555550100', '+15555550199', 'ar', 'REGISTERED')""", CASE);

        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from case_event where case_number = ?", CASE) == 1L);
        assertThat(TestDb.value("select source || ' ' || status || ' ' || (fanned_out_at is not null) "
                + "from case_event")).isEqualTo("WATCH UNDER_REVIEW true");

        CaseApiStubs.answer(caseApi, CASE, 200, body("APPROVED", "مقبولة", "Approved", "2026-12-01T11:00:00+03:00"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from case_event where case_number = ?", CASE) == 2L);
        assertThat(TestDb.value("select event_id from case_event order by id desc limit 1"))
                .isEqualTo("watch-1446-000777-APPROVED-1796112000");
        await().atMost(Duration.ofSeconds(5)).until(() -> (Long) TestDb.value(
                "select count(*) from notification n join case_event e on e.id = n.case_event_id "
                        + "where e.status = 'APPROVED' and n.citizen_address = '+15555550100'") == 1L);
        assertThat(TestDb.value("select count(*) from notification n join case_event e on e.id = n.case_event_id "
                + "where e.status = 'UNDER_REVIEW'")).isEqualTo(0L);
        assertThat(caseApi.findAll(getRequestedFor(urlEqualTo(CaseApiWireMock.CASES + CASE))).size())
                .isGreaterThanOrEqualTo(2);
        // unchanged answers make nothing more
        long calls = caseApi.findAll(getRequestedFor(urlEqualTo(CaseApiWireMock.CASES + CASE))).size();
        await().atMost(Duration.ofSeconds(5)).until(() -> caseApi.findAll(getRequestedFor(
                urlEqualTo(CaseApiWireMock.CASES + CASE))).size() > calls);
        assertThat(TestDb.value("select count(*) from case_event")).isEqualTo(2L);
    }

    @Test
    void theBudgetSpreadsARoundOverTheIntervalWithinTheCallsPerMinute() {
        // tick 1 s, interval 1 s, 600 calls/min: 10 calls per tick at most
        assertThat(watcher.budget(0)).isEqualTo(0);
        assertThat(watcher.budget(3)).isEqualTo(3);
        assertThat(watcher.budget(50)).isEqualTo(10);
    }

    private static String body(String status, String ar, String en, String updatedAt) {
        return """
                {"caseNumber":"%s","status":"%s","statusLabel":{"ar":"%s","en":"%s"},"updatedAt":"%s",\
                "contacts":[{"channel":"sms","address":"+15555550100"}]}""".formatted(CASE, status, ar, en, updatedAt);
    }
}
