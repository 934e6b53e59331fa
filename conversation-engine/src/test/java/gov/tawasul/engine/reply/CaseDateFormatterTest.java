package gov.tawasul.engine.reply;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CaseDateFormatterTest {

    @Test
    void arabicGivesUmmAlQuraHijriThenGregorian() {
        // 20 November 2026 = 10 Jumada al-Akhirah 1448 in the Umm al-Qura calendar
        String text = CaseDateFormatter.format(OffsetDateTime.parse("2026-11-20T09:30:00+03:00"), "ar");
        assertThat(text).isEqualTo("10 جمادى الآخرة 1448هـ الموافق 20/11/2026م");
    }

    @Test
    void usesTheCaseSystemsOffsetForTheDay() {
        // 23:30 UTC on the 19th is already the 20th in Riyadh
        assertThat(CaseDateFormatter.format(OffsetDateTime.parse("2026-11-20T02:30:00+03:00"), "en"))
                .isEqualTo("20 Nov 2026");
    }

    @Test
    void nullIsEmpty() {
        assertThat(CaseDateFormatter.format(null, "ar")).isEmpty();
    }
}
