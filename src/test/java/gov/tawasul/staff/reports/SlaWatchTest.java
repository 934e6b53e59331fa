package gov.tawasul.staff.reports;

import gov.tawasul.engine.handoff.OfficeHours;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The list's SLA warning: office time only (Sun–Thu 08:00–16:00 Riyadh), 15 min, warned 5 min before. */
class SlaWatchTest {

    private final SlaWatch sla = new SlaWatch(OfficeHours.of("Sun-Thu 08:00-16:00", "Asia/Riyadh"),
            Duration.ofMinutes(15), Duration.ofMinutes(5));

    private static Instant t(String riyadh) {
        return java.time.OffsetDateTime.parse(riyadh + "+03:00").toInstant();
    }

    @Test
    void inOfficeHours() {
        Instant since = t("2026-12-01T10:00:00");  // Tuesday
        assertThat(sla.state(since, t("2026-12-01T10:09:00"))).isEqualTo("ok");
        assertThat(sla.state(since, t("2026-12-01T10:10:00"))).isEqualTo("soon");
        assertThat(sla.minutesLeft(since, t("2026-12-01T10:12:30"))).isEqualTo(3);
        assertThat(sla.state(since, t("2026-12-01T10:15:00"))).isEqualTo("breached");
    }

    @Test
    void theWeekendAndTheNightDoNotCount() {
        Instant thursday = t("2026-12-03T15:55:00");  // 5 min before closing
        assertThat(sla.state(thursday, t("2026-12-05T23:00:00"))).isEqualTo("ok");        // Saturday night
        assertThat(sla.state(thursday, t("2026-12-06T08:05:00"))).isEqualTo("soon");      // Sunday, 10 min used
        assertThat(sla.state(thursday, t("2026-12-06T08:10:00"))).isEqualTo("breached");
        Instant evening = t("2026-12-01T20:00:00");
        assertThat(sla.state(evening, t("2026-12-02T07:59:00"))).isEqualTo("ok");
        assertThat(sla.left(evening, t("2026-12-02T08:01:00"))).isEqualTo(Duration.ofMinutes(14));
    }

    @Test
    void notWaitingIsOk() {
        assertThat(sla.state(null, Instant.now())).isEqualTo("ok");
    }
}
