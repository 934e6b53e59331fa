package gov.tawasul.engine.model;

import java.util.Locale;

/**
 * Life cycle of an outbound message. It only moves forward:
 * {@code QUEUED → SENDING → SENT → DELIVERED → READ}, or ends in {@code UNDELIVERED} / {@code FAILED}.
 * A late {@code SENT} never overwrites {@code DELIVERED}; a final failure is never overwritten by an
 * earlier state; {@code DELIVERED} may still become {@code READ}.
 * Names match Twilio's {@code MessageStatus} values (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values).
 */
public enum DeliveryStatus {
    QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), READ(4), UNDELIVERED(5), FAILED(5);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** @return true for {@code UNDELIVERED} and {@code FAILED}. */
    public boolean isFailure() {
        return this == UNDELIVERED || this == FAILED;
    }

    /**
     * Whether a message now in this status may take {@code next}.
     * Failures may replace any state before {@code DELIVERED}; nothing replaces a failure or {@code READ}.
     */
    public boolean canMoveTo(DeliveryStatus next) {
        if (this == next || isFailure() || this == READ) {
            return false;
        }
        if (next.isFailure()) {
            return rank < DELIVERED.rank;
        }
        return next.rank > rank;
    }

    /**
     * Parses a provider status name ({@code "delivered"}, {@code "SENT"}; Twilio's {@code accepted},
     * {@code scheduled} map to {@code QUEUED}, {@code receiving}/{@code received} are not outbound states).
     *
     * @throws IllegalArgumentException for an unknown status
     */
    public static DeliveryStatus fromProvider(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "accepted", "scheduled", "queued" -> QUEUED;
            case "sending" -> SENDING;
            case "sent" -> SENT;
            case "delivered" -> DELIVERED;
            case "read" -> READ;
            case "undelivered" -> UNDELIVERED;
            case "failed", "canceled" -> FAILED;
            default -> throw new IllegalArgumentException("unknown delivery status: " + value);
        };
    }
}
