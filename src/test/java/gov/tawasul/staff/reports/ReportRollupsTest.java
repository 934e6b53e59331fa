package gov.tawasul.staff.reports;

import gov.tawasul.engine.reports.ReportRollupJob;
import gov.tawasul.engine.store.ReportRollups;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup path gives the raw path's figures: {@link ReportFixture}'s week summarised from the message rows, then
 * again with some of its days rolled up (the others, not contiguous, still read raw), compared field by field;
 * the bot's answer-time percentiles (from buckets once days are rolled) within the documented 5 %. The job rolls
 * closed days only and re-rolls the last ones when a late receipt changes them.
 */
@QuarkusTest
class ReportRollupsTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final String WEEK = "?from=" + ReportFixture.FROM + "&to=" + ReportFixture.TO;

    @Inject
    ReportRollups rollups;
    @Inject
    ReportRollupJob job;

    @BeforeEach
    void seed() {
        ReportFixture.seed();
    }

    @AfterEach
    void clear() {
        TestDb.execute("truncate report_daily, report_rolled_day, report_citizen_days, report_handoff");
    }

    private Map<String, Object> summary(String query) {
        return StaffSession.loginAs(StaffRole.SUPERVISOR).given().get("/api/staff/reports/summary" + query)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private void roll(String... days) {
        for (String d : days) {
            rollups.roll(RIYADH, LocalDate.parse(d)).await().atMost(Duration.ofSeconds(30));
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertSameFigures(Map<String, Object> rolled, Map<String, Object> raw) {
        Map<String, Object> rolledBot = (Map<String, Object>) rolled.remove("bot");
        Map<String, Object> rawBot = (Map<String, Object>) raw.remove("bot");
        for (String p : List.of("answerTimeP50Seconds", "answerTimeP95Seconds")) {
            double exact = ((Number) rawBot.remove(p)).doubleValue();
            double estimate = ((Number) rolledBot.remove(p)).doubleValue();
            assertThat(Math.abs(estimate - exact)).as(p + " " + estimate + " vs " + exact)
                    .isLessThan(0.05 * exact);
            assertThat(estimate).as(p).isNotEqualTo(exact); // the bucketed path was really taken
        }
        assertThat(rolledBot).isEqualTo(rawBot);
        ((Map<String, Object>) rolled.get("handoffs")).remove("oldestWaitSeconds");
        ((Map<String, Object>) raw.get("handoffs")).remove("oldestWaitSeconds");
        assertThat(rolled).isEqualTo(raw);
    }

    @Test
    void rolledDaysGiveTheRawFiguresFieldByField() {
        for (String query : List.of(WEEK, WEEK + "&channel=sms", WEEK + "&channel=facebook",
                "?from=2025-11-01&to=2025-11-10")) {
            clear();
            Map<String, Object> raw = summary(query);
            assertThat(raw.get("channels")).as(query).isNotEqualTo(List.of());
            // Sun, Mon, Tue and Thu rolled; Wed, Fri, Sat (and the edges of the longer period) read raw
            roll("2025-11-02", "2025-11-03", "2025-11-04", "2025-11-06");
            assertSameFigures(summary(query), raw);
            // every day rolled: nothing raw but handoffs and waiting
            roll("2025-11-01", "2025-11-05", "2025-11-07", "2025-11-08", "2025-11-09", "2025-11-10");
            clear();
            Map<String, Object> raw2 = summary(query);
            roll("2025-11-01", "2025-11-02", "2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07",
                    "2025-11-08", "2025-11-09", "2025-11-10");
            assertSameFigures(summary(query), raw2);
        }
    }

    @Test
    void countsMatchExactlyAndPercentilesStayWithinTheirBucket() {
        Map<String, Object> raw = summary(WEEK);
        roll("2025-11-02", "2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07", "2025-11-08");
        Map<String, Object> rolled = summary(WEEK);
        @SuppressWarnings("unchecked")
        Map<String, Object> bot = (Map<String, Object>) rolled.get("bot");
        // 2, 4, 6, 8 s: exact median 5, p95 7.7; the buckets place each within 5 %
        assertThat(((Number) bot.get("answerTimeP50Seconds")).doubleValue()).isBetween(4.75, 5.25);
        assertThat(((Number) bot.get("answerTimeP95Seconds")).doubleValue()).isBetween(7.7 * 0.95, 7.7 * 1.05);
        assertThat(bot.get("replies")).isEqualTo(4);
        assertThat(((List<?>) rolled.get("channels"))).isEqualTo(raw.get("channels"));
        assertThat(rolled.get("cases")).isEqualTo(raw.get("cases"));
        assertThat(rolled.get("errors")).isEqualTo(raw.get("errors"));
        assertThat(rolled.get("traffic")).isEqualTo(raw.get("traffic"));
        assertThat(TestDb.value("select count(*) from report_rolled_day")).isEqualTo(7L);
        // the four requests for a person (Mon, Tue, Wed, Thu) are read from their rolled rows
        assertThat(TestDb.value("select count(*) from report_handoff where first_at is not null")).isEqualTo(4L);
        ((Map<?, ?>) rolled.get("handoffs")).remove("oldestWaitSeconds");
        ((Map<?, ?>) raw.get("handoffs")).remove("oldestWaitSeconds");
        assertThat(rolled.get("handoffs")).isEqualTo(raw.get("handoffs"));
        assertThat(rolled.get("agents")).isEqualTo(raw.get("agents"));
    }

    @Test
    void theJobRollsClosedDaysAndRerollsTheLastOnesAfterALateReceipt() {
        // Thu 2025-11-06 00:30 Riyadh: Wed ended only 30 minutes ago, so Sun–Tue are closed
        Instant thursday = Instant.parse("2025-11-05T21:30:00Z");
        assertThat(job.lastClosedDay(thursday)).isEqualTo(LocalDate.parse("2025-11-04"));
        List<LocalDate> first = job.rollUp(thursday).await().atMost(Duration.ofSeconds(30));
        assertThat(first).containsExactly(LocalDate.parse("2025-11-02"), LocalDate.parse("2025-11-03"),
                LocalDate.parse("2025-11-04"));
        // Monday's failed SMS reply is reported delivered late: Monday's rollup is stale until the next run
        TestDb.execute("update outbound_message set status = 'DELIVERED', error_code = null where error_code = '30003'");
        assertThat((List<?>) summary(WEEK).get("errors")).hasSize(1);
        Instant later = Instant.parse("2025-11-10T12:00:00Z");
        List<LocalDate> second = job.rollUp(later).await().atMost(Duration.ofSeconds(30));
        // Mon 10th 15:00: the 7 closed days up to Sun 9th rolled (again), Sun 2nd left as it was
        assertThat(second).containsExactly(LocalDate.parse("2025-11-03"), LocalDate.parse("2025-11-04"),
                LocalDate.parse("2025-11-05"), LocalDate.parse("2025-11-06"), LocalDate.parse("2025-11-07"),
                LocalDate.parse("2025-11-08"), LocalDate.parse("2025-11-09"));
        Map<String, Object> rolled = summary(WEEK);
        assertThat(rolled.get("errors")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> sms = ((List<Map<String, Object>>) rolled.get("channels")).stream()
                .filter(c -> c.get("channel").equals("sms")).findFirst().orElseThrow();
        assertThat(sms).containsEntry("finalCount", 6).containsEntry("delivered", 6);
        // a day older than the re-roll window stays as it was rolled
        TestDb.execute("update outbound_message set status = 'FAILED', error_code = '30005' where status = 'READ'");
        List<LocalDate> third = job.rollUp(later).await().atMost(Duration.ofSeconds(30));
        assertThat(third).doesNotContain(LocalDate.parse("2025-11-02"));
        assertThat(summary(WEEK).get("errors")).isEqualTo(List.of());
    }
}
