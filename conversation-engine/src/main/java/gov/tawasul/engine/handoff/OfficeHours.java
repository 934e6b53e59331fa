package gov.tawasul.engine.handoff;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When staff answer: {@code tawasul.staff.office-hours} in {@code tawasul.staff.time-zone}.
 * <p>
 * Format: one or more spans separated by {@code ;}, each {@code <days> <HH:mm>-<HH:mm>}; days are English
 * three-letter names ({@code Sun Mon Tue Wed Thu Fri Sat}, any case), a range {@code Sun-Thu} (wrapping over the
 * week end: {@code Sat-Wed}) or a comma list of days and ranges ({@code Sun,Tue-Wed}); the end is after the start,
 * {@code 24:00} is the end of the day. Examples: {@code Sun-Thu 08:00-16:00} (the default),
 * {@code Sun-Wed 08:00-15:00; Thu 08:00-12:00}. A day may appear in one span only. A malformed value, an unknown
 * zone or a week without any office time stops start-up ({@link IllegalArgumentException}).
 * <p>
 * Times are wall-clock times of the zone on each date (a period that a daylight-saving change shortens is shorter).
 * Immutable and thread-safe.
 */
@ApplicationScoped
@Startup
public class OfficeHours {

    /** Default of {@code tawasul.staff.office-hours}. */
    public static final String DEFAULT_HOURS = "Sun-Thu 08:00-16:00";
    /** Default of {@code tawasul.staff.time-zone}. */
    public static final String DEFAULT_ZONE = "Asia/Riyadh";

    private static final Pattern SPAN = Pattern.compile(
            "\\s*([A-Za-z]{3}(?:\\s*-\\s*[A-Za-z]{3})?(?:\\s*,\\s*[A-Za-z]{3}(?:\\s*-\\s*[A-Za-z]{3})?)*)"
                    + "\\s+(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final LocalTime END_OF_DAY = LocalTime.MAX;

    /**
     * One span of the setting, as written.
     *
     * @param days  the days it covers, in the order written ({@code Sun-Thu}: Sunday … Thursday)
     * @param start opening time
     * @param end   closing time ({@link LocalTime#MAX} for {@code 24:00})
     */
    public record Span(List<DayOfWeek> days, LocalTime start, LocalTime end) {
        public Span {
            days = List.copyOf(days);
        }

        /** @return whether it closes at the end of the day ({@code 24:00}) */
        public boolean untilMidnight() {
            return end.equals(END_OF_DAY);
        }
    }

    private final String spec;
    private final ZoneId zone;
    private final List<Span> spans;
    private final Map<DayOfWeek, Span> byDay = new EnumMap<>(DayOfWeek.class);

    @Inject
    OfficeHours(@ConfigProperty(name = "tawasul.staff.office-hours", defaultValue = DEFAULT_HOURS) String hours,
                @ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = DEFAULT_ZONE) String zone) {
        this.spec = hours;
        this.zone = zone(zone);
        this.spans = parse(hours);
        for (Span span : spans) {
            for (DayOfWeek day : span.days()) {
                if (byDay.put(day, span) != null) {
                    throw invalid(hours, day + " appears in two spans");
                }
            }
        }
    }

    /**
     * @param hours a value of {@code tawasul.staff.office-hours}
     * @param zone  a zone id, e.g. {@code Asia/Riyadh}
     * @return the office hours
     * @throws IllegalArgumentException when either is malformed
     */
    public static OfficeHours of(String hours, String zone) {
        return new OfficeHours(hours, zone);
    }

    /** @return the zone the hours are in */
    public ZoneId zone() {
        return zone;
    }

    /** @return the spans in the order of the setting */
    public List<Span> spans() {
        return spans;
    }

    /** @return whether staff are at work at {@code at} (opening time inclusive, closing time exclusive) */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Span span = byDay.get(local.getDayOfWeek());
        if (span == null) {
            return false;
        }
        LocalDate date = local.toLocalDate();
        return !at.isBefore(opening(date, span)) && at.isBefore(closing(date, span));
    }

    /**
     * @return {@code at} itself when the office is open then, else the next time it opens (within the coming week)
     */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            LocalDate d = date.plusDays(i);
            Span span = byDay.get(d.getDayOfWeek());
            if (span != null && opening(d, span).isAfter(at)) {
                return opening(d, span);
            }
        }
        throw new IllegalStateException("no office time in a week: " + spec);
    }

    /**
     * @return the office time between {@code from} and {@code to} (only the parts within office hours count, e.g.
     *         for service levels); zero when {@code to} is not after {@code from}
     */
    public Duration officeDuration(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            Span span = byDay.get(d.getDayOfWeek());
            if (span == null) {
                continue;
            }
            Instant start = max(from, opening(d, span));
            Instant end = min(to, closing(d, span));
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private Instant opening(LocalDate date, Span span) {
        return date.atTime(span.start()).atZone(zone).toInstant();
    }

    private Instant closing(LocalDate date, Span span) {
        return span.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : date.atTime(span.end()).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tawasul.staff.time-zone: unknown time zone '" + zone
                    + "' (expected a region id such as Asia/Riyadh)", e);
        }
    }

    private static List<Span> parse(String hours) {
        if (hours == null || hours.isBlank()) {
            throw invalid(hours, "empty");
        }
        List<Span> spans = new ArrayList<>();
        for (String part : hours.split(";", -1)) {
            Matcher m = SPAN.matcher(part);
            if (!m.matches()) {
                throw invalid(hours, "'" + part.strip() + "' is not '<days> <HH:mm>-<HH:mm>'");
            }
            LocalTime start = time(hours, m.group(2), false);
            LocalTime end = time(hours, m.group(3), true);
            if (!end.isAfter(start)) {
                throw invalid(hours, "'" + part.strip() + "' closes before it opens");
            }
            spans.add(new Span(days(hours, m.group(1)), start, end));
        }
        return spans;
    }

    private static List<DayOfWeek> days(String hours, String text) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] range = item.split("-");
            DayOfWeek first = day(hours, range[0]);
            DayOfWeek last = range.length == 1 ? first : day(hours, range[1]);
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                if (days.contains(d)) {
                    throw invalid(hours, d + " named twice");
                }
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String hours, String name) {
        DayOfWeek day = DAYS.get(name.strip().toLowerCase(Locale.ROOT));
        if (day == null) {
            throw invalid(hours, "unknown day '" + name.strip() + "' (Sun Mon Tue Wed Thu Fri Sat)");
        }
        return day;
    }

    private static LocalTime time(String hours, String text, boolean end) {
        if (end && text.equals("24:00")) {
            return END_OF_DAY;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(hours, "'" + text + "' is not a time HH:mm");
        }
    }

    private static IllegalArgumentException invalid(String hours, String why) {
        return new IllegalArgumentException("tawasul.staff.office-hours='" + hours + "': " + why
                + "; expected e.g. '" + DEFAULT_HOURS + "' or 'Sun-Wed 08:00-15:00; Thu 08:00-12:00'");
    }

    @Override
    public String toString() {
        return spec + " " + zone;
    }
}
