package gov.tawasul.engine.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The fixed windows limits count in: clock hours (UTC) and days in {@code tawasul.staff.time-zone} (Asia/Riyadh).
 * A window's key names its start; its end is when a limited citizen may try again.
 */
@ApplicationScoped
public class Windows {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;
    private volatile Clock clock = Clock.systemUTC();

    @Inject
    Windows(@ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = "Asia/Riyadh") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** A window: its name in keys and its end. */
    public record Window(String id, Instant end) {
        /** @return milliseconds from {@code now} to a minute after the end (the time-to-live of its keys) */
        public long ttlMillis(Instant now) {
            return Math.max(1, end.toEpochMilli() - now.toEpochMilli()) + 60_000;
        }
    }

    /** @return now, by this class's clock */
    public Instant now() {
        return clock.instant();
    }

    /** @return the clock hour now */
    public Window hour() {
        Instant start = now().truncatedTo(ChronoUnit.HOURS);
        return new Window("h" + start.getEpochSecond() / 3600, start.plus(1, ChronoUnit.HOURS));
    }

    /** @return the local day now */
    public Window day() {
        LocalDate today = LocalDate.ofInstant(now(), zone);
        return new Window("d" + today, today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** @return {@code end} as a citizen reads it: {@code HH:mm} today, else {@code yyyy-MM-dd HH:mm} (local time) */
    public String local(Instant end) {
        ZonedDateTime at = end.atZone(zone);
        return at.toLocalDate().equals(LocalDate.ofInstant(now(), zone)) ? TIME.format(at) : DAY_TIME.format(at);
    }

    /** For tests: the clock windows are taken from. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }
}
