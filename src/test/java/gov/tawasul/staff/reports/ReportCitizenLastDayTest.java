package gov.tawasul.staff.reports;

import gov.tawasul.engine.store.ReportRollups;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report_citizen_last_day} (V25) stays the count of {@code report_citizen_days} by (zone, last day,
 * channel) whatever order days are rolled in and when they are rolled again, and is emptied with it.
 */
@QuarkusTest
class ReportCitizenLastDayTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final String COUNTED = """
            select coalesce(string_agg(last_day || ' ' || channel || ' ' || n, ', ' order by last_day, channel), '')
            from report_citizen_last_day where n <> 0""";
    private static final String RECOUNTED = """
            select coalesce(string_agg(last_day || ' ' || channel || ' ' || n, ', ' order by last_day, channel), '')
            from (select last_day, channel, count(*) as n from report_citizen_days group by 1, 2) x""";

    @Inject
    ReportRollups rollups;

    @BeforeEach
    void seed() {
        ReportFixture.seed();
    }

    @AfterEach
    void clear() {
        TestDb.execute("truncate report_daily, report_rolled_day, report_citizen_days, report_handoff");
    }

    private void roll(String day) {
        rollups.roll(RIYADH, LocalDate.parse(day)).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void histogramFollowsTheConversationsLastDays() {
        // Sunday: A wrote; Thursday: A again, so its last day moves (-1 Sunday, +1 Thursday)
        roll("2025-11-02");
        assertThat(TestDb.value(COUNTED)).isEqualTo("2025-11-02 SMS 1");
        roll("2025-11-06");
        assertThat(TestDb.value(COUNTED)).isEqualTo("2025-11-06 SMS 1");
        // the days between (B Monday, C Tuesday on Messenger, D Wednesday), Sunday and Thursday rolled again
        for (String d : new String[]{"2025-11-03", "2025-11-05", "2025-11-04", "2025-11-02", "2025-11-06"}) {
            roll(d);
            assertThat(TestDb.value(COUNTED)).as("after " + d).isEqualTo(TestDb.value(RECOUNTED));
        }
        assertThat(TestDb.value(COUNTED))
                .isEqualTo("2025-11-03 SMS 1, 2025-11-04 FACEBOOK 1, 2025-11-05 SMS 1, 2025-11-06 SMS 1");
        TestDb.execute("truncate report_citizen_days");
        assertThat(TestDb.value("select count(*) from report_citizen_last_day")).isEqualTo(0L);
    }
}
