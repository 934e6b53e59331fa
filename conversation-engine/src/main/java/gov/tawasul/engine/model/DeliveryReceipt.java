package gov.tawasul.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's report on one outbound message, identified by its provider message id
 * (Twilio status callback, Messenger delivery with {@code mids}).
 *
 * @param channel           the channel
 * @param providerMessageId the id the provider gave the outbound message (Twilio {@code MessageSid}, Messenger {@code mid})
 * @param status            the reported status
 * @param errorCode         provider error code as it came (e.g. Twilio {@code 30007}), or null
 * @param errorMessage      human-readable reason, or null
 * @param occurredAt        when the provider says it happened, or when we received it
 */
public record DeliveryReceipt(Channel channel, String providerMessageId, DeliveryStatus status,
                              String errorCode, String errorMessage, Instant occurredAt) {
    public DeliveryReceipt {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (providerMessageId == null || providerMessageId.isBlank()) {
            throw new IllegalArgumentException("providerMessageId must not be blank");
        }
    }
}
