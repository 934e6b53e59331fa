package gov.tawasul.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's report that every outbound message to a citizen up to a point was delivered or read
 * (Messenger {@code delivery.watermark} / {@code read.watermark}, X {@code last_read_event_id}).
 *
 * @param citizen        the citizen's address (the recipient of our messages)
 * @param status         {@link DeliveryStatus#DELIVERED} or {@link DeliveryStatus#READ}
 * @param watermark      every message we sent at or before this instant is covered, or null when
 *                       {@code upToProviderMessageId} is given instead
 * @param upToProviderMessageId every message sent up to (and including) the one with this provider id, or null
 * @param occurredAt     when it happened
 */
public record WatermarkReceipt(Address citizen, DeliveryStatus status, Instant watermark,
                               String upToProviderMessageId, Instant occurredAt) {
    public WatermarkReceipt {
        Objects.requireNonNull(citizen, "citizen");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (watermark == null && upToProviderMessageId == null) {
            throw new IllegalArgumentException("a watermark or a provider message id is required");
        }
    }
}
