package gov.tawasul.engine.notify;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private final QuietHours night = QuietHours.parse("22:00-07:00", RIYADH);

    @Test
    void smsDueInsideTheQuietHoursWaitsForTheirEndInRiyadh() {
        // 23:00 Riyadh = 20:00 UTC → 07:00 Riyadh next day = 04:00 UTC
        assertThat(night.nextAllowed(Instant.parse("2026-12-02T20:00:00Z"))).isEqualTo("2026-12-03T04:00:00Z");
        // 03:00 Riyadh = 00:00 UTC → 07:00 Riyadh the same day
        assertThat(night.nextAllowed(Instant.parse("2026-12-03T00:00:00Z"))).isEqualTo("2026-12-03T04:00:00Z");
        // 22:00 sharp is quiet, 07:00 sharp is not
        assertThat(night.isQuiet(Instant.parse("2026-12-02T19:00:00Z"))).isTrue();
        assertThat(night.isQuiet(Instant.parse("2026-12-03T04:00:00Z"))).isFalse();
        // midday: now
        assertThat(night.nextAllowed(Instant.parse("2026-12-02T09:00:00Z"))).isEqualTo("2026-12-02T09:00:00Z");
    }

    @Test
    void aSpanWithinOneDayAndNoneAndMalformed() {
        QuietHours lunch = QuietHours.parse("12:00-13:30", RIYADH);
        assertThat(lunch.nextAllowed(Instant.parse("2026-12-02T09:15:00Z"))).isEqualTo("2026-12-02T10:30:00Z");
        assertThat(lunch.isQuiet(Instant.parse("2026-12-02T10:30:00Z"))).isFalse();
        QuietHours none = QuietHours.parse("none", RIYADH);
        assertThat(none.isQuiet(Instant.parse("2026-12-02T20:00:00Z"))).isFalse();
        assertThatThrownBy(() -> QuietHours.parse("22-07", RIYADH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuietHours.parse("22:00", RIYADH)).isInstanceOf(IllegalArgumentException.class);
    }
}
