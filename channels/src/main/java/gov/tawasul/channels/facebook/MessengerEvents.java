package gov.tawasul.channels.facebook;

import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;

import java.util.List;

/**
 * Everything one Messenger webhook POST carries, normalised: messages for the {@link gov.tawasul.engine.inbox.Inbox}
 * (oldest first), and receipts for {@link gov.tawasul.engine.delivery.DeliveryReceipts} (in document order).
 *
 * @param messages   text, postback, attachment and echo messages, sorted by timestamp (stable)
 * @param deliveries one per {@code delivery.mids[]} element
 * @param watermarks one per {@code delivery.watermark} (DELIVERED) and {@code read.watermark} (READ)
 * @param ignored    messaging items of kinds the bot does not handle (optins, reactions, referrals, …)
 */
public record MessengerEvents(List<InboundMessage> messages, List<DeliveryReceipt> deliveries,
                              List<WatermarkReceipt> watermarks, int ignored) {

    public MessengerEvents {
        messages = List.copyOf(messages);
        deliveries = List.copyOf(deliveries);
        watermarks = List.copyOf(watermarks);
    }

    /** @return what the {@link gov.tawasul.engine.inbox.Inbox} takes: the messages, deliveries and watermarks */
    public InboundBatch toBatch() {
        return new InboundBatch(messages, deliveries, watermarks, List.of());
    }

    /** A webhook for another object than {@code page} (e.g. {@code instagram}): nothing to do. */
    static MessengerEvents none() {
        return new MessengerEvents(List.of(), List.of(), List.of(), 0);
    }
}
