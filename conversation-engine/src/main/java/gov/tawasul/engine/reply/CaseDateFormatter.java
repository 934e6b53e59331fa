package gov.tawasul.engine.reply;

import java.time.OffsetDateTime;
import java.time.chrono.HijrahChronology;
import java.time.chrono.HijrahDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats a case's last-update date in the reply language, at the offset the case system gave.
 * Arabic: the Hijri date of the Umm al-Qura calendar (Java's {@link HijrahChronology}) followed by the Gregorian
 * date, e.g. {@code 29 جمادى الأولى 1448هـ الموافق 20/11/2026م}. English: {@code 20 Nov 2026}.
 * ASCII digits throughout, as case numbers are.
 */
public final class CaseDateFormatter {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final DateTimeFormatter HIJRI = DateTimeFormatter.ofPattern("d MMMM y", ARABIC)
            .withChronology(HijrahChronology.INSTANCE);
    private static final DateTimeFormatter GREGORIAN_AR = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private CaseDateFormatter() {
    }

    /** @return the formatted date, or an empty string for null */
    public static String format(OffsetDateTime when, String locale) {
        if (when == null) {
            return "";
        }
        if ("ar".equals(locale)) {
            String hijri = HIJRI.format(HijrahDate.from(when.toLocalDate()));
            return hijri + "هـ الموافق " + GREGORIAN_AR.format(when) + "م";
        }
        return ENGLISH.format(when);
    }
}
