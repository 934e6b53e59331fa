package gov.tawasul.engine.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * SMS quiet hours, e.g. {@code 22:00-07:00} in {@code Asia/Riyadh}: a notification due inside them waits for their
 * end. A span that wraps midnight is allowed; equal start and end means none.
 *
 * @param start first quiet minute
 * @param end   first minute allowed again
 * @param zone  the zone the times are in
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    /**
     * @param spec {@code HH:mm-HH:mm}, or empty / {@code none} for no quiet hours
     * @throws IllegalArgumentException when malformed
     */
    public static QuietHours parse(String spec, ZoneId zone) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
        }
        String[] parts = s.split("-");
        try {
            if (parts.length != 2) {
                throw new DateTimeParseException("expected HH:mm-HH:mm", s, 0);
            }
            return new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("tawasul.notifications.quiet-hours must be HH:mm-HH:mm: " + spec, e);
        }
    }

    /** @return whether {@code at} is inside the quiet hours */
    public boolean isQuiet(Instant at) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** @return {@code at} when it is not quiet, else the end of these quiet hours */
    public Instant nextAllowed(Instant at) {
        if (!isQuiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime endToday = local.toLocalDate().atTime(end).atZone(zone);
        return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
    }
}
