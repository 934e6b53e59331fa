package gov.tawasul.staff.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.HijrahChronology;
import java.time.chrono.HijrahDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as staff read them: in the agency's zone (Asia/Riyadh by default), in the Arabic UI with the Hijri
 * (Umm al-Qura, {@link HijrahChronology}) date beside the Gregorian one, and waiting times as a short duration.
 */
public final class ConsoleTime {

    private static final Locale AR = Locale.forLanguageTag("ar-SA");
    private static final DateTimeFormatter HIJRI = DateTimeFormatter.ofPattern("d MMMM y", AR)
            .withChronology(HijrahChronology.INSTANCE);
    private static final DateTimeFormatter GREGORIAN_AR = DateTimeFormatter.ofPattern("d MMMM y", AR)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);
    private static final DateTimeFormatter TIME_AR = DateTimeFormatter.ofPattern("HH:mm", AR);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private ConsoleTime() {
    }

    /**
     * @param at   the instant, may be null
     * @param zone the agency's zone
     * @param lang {@code ar}: {@code 22 جمادى الآخرة 1448 هـ · 2 ديسمبر 2026 · 14:05}
     *             (Western digits, as the agency's systems write them); {@code en}:
     *             {@code 2 Dec 2026, 14:05}
     * @return the text, or {@code ""} for null
     */
    public static String format(Instant at, ZoneId zone, String lang) {
        if (at == null) {
            return "";
        }
        ZonedDateTime t = at.atZone(zone);
        if ("ar".equals(lang)) {
            return HIJRI.format(HijrahDate.from(t)) + " هـ · " + GREGORIAN_AR.format(t) + " · " + TIME_AR.format(t);
        }
        return EN.format(t);
    }

    /** @return the instant as ISO-8601 with the zone's offset, for {@code <time datetime>} */
    public static String iso(Instant at, ZoneId zone) {
        return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
    }

    /**
     * @param since the start
     * @param now   the end
     * @param lang  {@code ar} or {@code en}
     * @return e.g. {@code 5 min}, {@code 2 h 10 min}, {@code 3 d} ({@code 5 د}, {@code 2 س 10 د}, {@code 3 ي})
     */
    public static String duration(Instant since, Instant now, String lang) {
        long minutes = Math.max(0, Duration.between(since, now).toMinutes());
        boolean ar = "ar".equals(lang);
        String d = ar ? " ي" : " d";
        String h = ar ? " س" : " h";
        String m = ar ? " د" : " min";
        if (minutes >= 24 * 60) {
            return minutes / (24 * 60) + d;
        }
        if (minutes >= 60) {
            return minutes / 60 + h + (minutes % 60 == 0 ? "" : " " + minutes % 60 + m);
        }
        return minutes + m;
    }
}
