package gov.tawasul.engine.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link OfficeHours} in words, for the citizen, in Arabic or English, ASCII digits as in every reply:
 * <ul>
 *   <li>{@link #hours}: {@code Sunday to Thursday, 08:00–16:00 (Riyadh time)} /
 *       {@code من الأحد إلى الخميس، من 08:00 إلى 16:00 بتوقيت الرياض};</li>
 *   <li>{@link #nextOpening}: {@code today at 08:00}, {@code tomorrow at 08:00}, {@code on Sunday at 08:00} /
 *       {@code اليوم الساعة 08:00}, {@code غداً الساعة 08:00}, {@code يوم الأحد الساعة 08:00}.</li>
 * </ul>
 * The zone is named by its city (the zone id's last part; in Arabic for the region's zones, else the zone's
 * Arabic name). Pure.
 */
public final class OfficeHoursText {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final Map<String, String> ARABIC_CITIES = Map.ofEntries(
            Map.entry("Asia/Riyadh", "الرياض"), Map.entry("Asia/Dubai", "دبي"), Map.entry("Asia/Kuwait", "الكويت"),
            Map.entry("Asia/Qatar", "الدوحة"), Map.entry("Asia/Bahrain", "البحرين"), Map.entry("Asia/Muscat", "مسقط"),
            Map.entry("Asia/Aden", "عدن"), Map.entry("Asia/Baghdad", "بغداد"), Map.entry("Asia/Amman", "عمّان"),
            Map.entry("Africa/Cairo", "القاهرة"));

    private OfficeHoursText() {
    }

    /** @return every span of the office hours, with the zone, in {@code locale} ({@code ar} or {@code en}) */
    public static String hours(OfficeHours hours, String locale) {
        boolean ar = "ar".equals(locale);
        String spans = hours.spans().stream().map(s -> span(s, ar)).collect(Collectors.joining(ar ? "؛ " : "; "));
        return ar ? spans + " " + arabicZone(hours) : spans + " (" + englishZone(hours) + ")";
    }

    /** @return when the office opens next after {@code now}, relative to {@code now}'s date in the office's zone */
    public static String nextOpening(OfficeHours hours, Instant now, String locale) {
        boolean ar = "ar".equals(locale);
        ZonedDateTime opening = hours.nextOpening(now).atZone(hours.zone());
        LocalDate today = now.atZone(hours.zone()).toLocalDate();
        String time = TIME.format(opening);
        if (opening.toLocalDate().equals(today)) {
            return ar ? "اليوم الساعة " + time : "today at " + time;
        }
        if (opening.toLocalDate().equals(today.plusDays(1))) {
            return ar ? "غداً الساعة " + time : "tomorrow at " + time;
        }
        return ar ? "يوم " + day(opening.getDayOfWeek(), true) + " الساعة " + time
                : "on " + day(opening.getDayOfWeek(), false) + " at " + time;
    }

    private static String span(OfficeHours.Span span, boolean ar) {
        String start = TIME.format(span.start());
        String end = span.untilMidnight() ? "24:00" : TIME.format(span.end());
        String days = days(span.days(), ar);
        return ar ? days + "، من " + start + " إلى " + end : days + ", " + start + "–" + end;
    }

    /** Consecutive days as a range ({@code Sunday to Thursday}), others listed. */
    private static String days(List<DayOfWeek> days, boolean ar) {
        boolean consecutive = days.size() > 2;
        for (int i = 1; i < days.size() && consecutive; i++) {
            consecutive = days.get(i) == days.get(i - 1).plus(1);
        }
        if (consecutive) {
            String first = day(days.get(0), ar);
            String last = day(days.get(days.size() - 1), ar);
            return ar ? "من " + first + " إلى " + last : first + " to " + last;
        }
        return days.stream().map(d -> day(d, ar)).collect(Collectors.joining(ar ? " و" : ", "));
    }

    private static String day(DayOfWeek day, boolean ar) {
        return day.getDisplayName(TextStyle.FULL, ar ? ARABIC : Locale.ENGLISH);
    }

    private static String englishZone(OfficeHours hours) {
        String id = hours.zone().getId();
        int slash = id.lastIndexOf('/');
        return slash < 0 ? hours.zone().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                : id.substring(slash + 1).replace('_', ' ') + " time";
    }

    private static String arabicZone(OfficeHours hours) {
        String city = ARABIC_CITIES.get(hours.zone().getId());
        return city != null ? "بتوقيت " + city : "(" + hours.zone().getDisplayName(TextStyle.FULL, ARABIC) + ")";
    }
}
