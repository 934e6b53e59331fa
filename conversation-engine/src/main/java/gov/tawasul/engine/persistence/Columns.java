package gov.tawasul.engine.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Converts the values native queries return (driver-dependent Java types) to the types the engine uses. */
public final class Columns {

    private Columns() {
    }

    /** @return the value as a long, or 0 for null. */
    public static long asLong(Object value) {
        return value == null ? 0L : ((Number) value).longValue();
    }

    /** @return the value as an Instant ({@code timestamptz} may come as OffsetDateTime, Instant or LocalDateTime in UTC), or null. */
    public static Instant asInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }

    /** @return an Instant as an OffsetDateTime in UTC for binding to {@code timestamptz}, or null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
