package gov.tawasul.staff.view;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTimeTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    /** 2026-12-02 11:05 UTC = 14:05 in Riyadh = 22 Jumada al-Thani 1448 (Umm al-Qura). */
    private static final Instant AT = Instant.parse("2026-12-02T11:05:00Z");

    @Test
    void arabicShowsHijriAndGregorianInRiyadhTime() {
        String shown = ConsoleTime.format(AT, RIYADH, "ar");
        assertThat(shown).isEqualTo("22 جمادى الآخرة 1448 هـ · 2 ديسمبر 2026 · 14:05");
    }

    @Test
    void englishShowsGregorianInRiyadhTime() {
        assertThat(ConsoleTime.format(AT, RIYADH, "en")).isEqualTo("2 Dec 2026, 14:05");
        assertThat(ConsoleTime.iso(AT, RIYADH)).isEqualTo("2026-12-02T14:05:00+03:00");
    }

    @Test
    void waitingDurations() {
        Instant now = AT.plusSeconds(130 * 60);
        assertThat(ConsoleTime.duration(AT, now, "en")).isEqualTo("2 h 10 min");
        assertThat(ConsoleTime.duration(AT, AT.plusSeconds(299), "en")).isEqualTo("4 min");
        assertThat(ConsoleTime.duration(AT, AT.plusSeconds(3 * 86400 + 5), "ar")).isEqualTo("3 ي");
        assertThat(ConsoleTime.format(null, RIYADH, "ar")).isEmpty();
    }
}
