package gov.tawasul.staff.reports;

import gov.tawasul.engine.model.Channel;
import jakarta.ws.rs.BadRequestException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The period and channel a report is about: whole days {@code fromDate}…{@code toDate} (both included) in the
 * staff time zone ({@code tawasul.staff.time-zone}, Asia/Riyadh), optionally one channel.
 *
 * @param fromDate first day (local)
 * @param toDate   last day (local), not before {@code fromDate}, at most {@value #MAX_DAYS} days after it
 * @param channel  one channel, or null for all
 * @param zone     the zone the days are local to
 */
public record ReportPeriod(LocalDate fromDate, LocalDate toDate, Channel channel, ZoneId zone) {

    /** The longest period, in days. */
    public static final int MAX_DAYS = 366;
    /** Days of the default period (today and the six before). */
    public static final int DEFAULT_DAYS = 7;

    /**
     * @param from    {@code yyyy-MM-dd} or blank (default: {@value #DEFAULT_DAYS} days ending with {@code to})
     * @param to      {@code yyyy-MM-dd} or blank (default: today in {@code zone})
     * @param channel a channel's wire name ({@code sms}, {@code facebook}, …) or blank for all
     * @param zone    the staff time zone
     * @param now     the current instant (today's date)
     * @return the period
     * @throws BadRequestException (400) for a malformed date or channel, {@code to} before {@code from}, or more
     *                             than {@value #MAX_DAYS} days
     */
    public static ReportPeriod parse(String from, String to, String channel, ZoneId zone, Instant now) {
        LocalDate last = blank(to) ? now.atZone(zone).toLocalDate() : date(to, "to");
        LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1) : date(from, "from");
        if (last.isBefore(first)) {
            throw new BadRequestException("'to' (" + last + ") is before 'from' (" + first + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new BadRequestException("A report covers at most " + MAX_DAYS + " days.");
        }
        Channel c = null;
        if (!blank(channel)) {
            try {
                c = Channel.fromWireName(channel.strip());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Unknown channel '" + channel.strip() + "'.");
            }
        }
        return new ReportPeriod(first, last, c, zone);
    }

    /** @return the start of the first day */
    public Instant from() {
        return fromDate.atStartOfDay(zone).toInstant();
    }

    /** @return the start of the day after the last (exclusive end) */
    public Instant to() {
        return toDate.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** @return the number of days */
    public long days() {
        return ChronoUnit.DAYS.between(fromDate, toDate) + 1;
    }

    /** @return {@code hour} for periods of up to two days, else {@code day} */
    public String bucket() {
        return days() <= 2 ? "hour" : "day";
    }

    /** @return the channel's wire name, or empty for all */
    public String channelName() {
        return channel == null ? "" : channel.wireName();
    }

    private static LocalDate date(String s, String name) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("'" + name + "' must be a date yyyy-MM-dd.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
