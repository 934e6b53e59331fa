package gov.tawasul.engine.model;

import java.util.List;

/**
 * Everything one webhook delivery (or one poll) brought, normalised by its channel's parser: the one thing a
 * channel hands to {@link gov.tawasul.engine.inbox.Inbox#accept(InboundBatch)}. The webhook answers 2xx only after
 * the returned {@code Uni} completed, i.e. after all of it was committed.
 *
 * @param messages   inbound messages (and echoes of our own account's messages), in any order
 * @param receipts   delivery receipts of single outbound messages (Twilio status callback, Messenger {@code mids})
 * @param watermarks receipts covering every message up to a point (Messenger watermarks, X read events)
 * @param optOuts    recipients the provider reports as opted out (Twilio error 21610 on a status callback)
 */
public record InboundBatch(List<InboundMessage> messages, List<DeliveryReceipt> receipts,
                           List<WatermarkReceipt> watermarks, List<RecipientOptOut> optOuts) {

    public InboundBatch {
        messages = messages == null ? List.of() : List.copyOf(messages);
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
        watermarks = watermarks == null ? List.of() : List.copyOf(watermarks);
        optOuts = optOuts == null ? List.of() : List.copyOf(optOuts);
    }

    /** An empty batch (a delivery with nothing for us: typing indicators, another object). */
    public static final InboundBatch EMPTY = new InboundBatch(List.of(), List.of(), List.of(), List.of());

    /** @return a batch of messages only */
    public static InboundBatch ofMessages(List<InboundMessage> messages) {
        return new InboundBatch(messages, List.of(), List.of(), List.of());
    }

    /** @return a batch of one message */
    public static InboundBatch of(InboundMessage message) {
        return ofMessages(List.of(message));
    }

    /** @return whether the batch carries nothing */
    public boolean isEmpty() {
        return messages.isEmpty() && receipts.isEmpty() && watermarks.isEmpty() && optOuts.isEmpty();
    }

    /**
     * The provider reports that the recipient of one of our messages opted out (Twilio error 21610: "the recipient
     * replied STOP"); the pair (recipient, our sender) is opted out as a STOP keyword would do. When the report names
     * both addresses (Twilio's {@code To} and {@code From}) they are used as they came, so that the opt-out holds
     * even when the report overtook the send response; else the pair is that of our message with this provider id.
     *
     * @param channel           the channel
     * @param providerMessageId the provider's id of our outbound message
     * @param citizen           the recipient as the provider names it, or null
     * @param bot               our sender as the provider names it, or null
     * @param reason            stored with the opt-out, e.g. {@code STATUS_ERROR_21610}
     */
    public record RecipientOptOut(Channel channel, String providerMessageId, String citizen, String bot,
                                  String reason) {
    }
}
