package gov.tawasul.channels.facebook;

import com.restfb.DefaultJsonMapper;
import com.restfb.JsonMapper;
import com.restfb.exception.FacebookJsonMappingException;
import com.restfb.types.webhook.WebhookEntry;
import com.restfb.types.webhook.WebhookObject;
import com.restfb.types.webhook.messaging.DeliveryItem;
import com.restfb.types.webhook.messaging.MessageItem;
import com.restfb.types.webhook.messaging.MessagingAttachment;
import com.restfb.types.webhook.messaging.MessagingItem;
import com.restfb.types.webhook.messaging.PostbackItem;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a verified Messenger webhook body into {@link MessengerEvents}, with RestFB's webhook types
 * ({@link WebhookObject} → {@link WebhookEntry} → {@link MessagingItem}). Every entry and every messaging item is read
 * (Meta batches entries). Mapping:
 * <ul>
 *   <li>{@code message} with text (quick-reply taps included: payload = {@code quick_reply.payload}) → TEXT, key {@code mid};</li>
 *   <li>{@code message} without text (attachments, stickers, locations) → ATTACHMENT, key {@code mid};</li>
 *   <li>{@code message.is_echo} (or any message whose sender is the Page) → ECHO from the Page to the PSID, its
 *       {@code app_id} kept, and our outbound id when its {@code metadata} is ours
 *       ({@link InboundMessage#ATTR_OUR_OUTBOUND_ID}); whether the bot sent it is decided by the Inbox from the mid
 *       (or that id), not here;</li>
 *   <li>{@code postback} → POSTBACK with its payload, key {@code postback:<PSID>:<timestamp ms>:<payload>}
 *       (postbacks may lack a {@code mid});</li>
 *   <li>{@code delivery} → one DELIVERED receipt per {@code mids[]} and a DELIVERED watermark;
 *       {@code read} → a READ watermark; the citizen is {@code sender.id}.</li>
 * </ul>
 * Wire formats: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/ (messages,
 * messaging_postbacks, message_deliveries, message_reads, message_echoes).
 */
@ApplicationScoped
public class MessengerWebhookParser {

    /** Attribute holding the {@code app_id} of an echo. */
    public static final String ATTR_APP_ID = "appId";
    /** Attribute holding the attachment types of a message ({@code image}, {@code location}, …, comma-separated). */
    public static final String ATTR_ATTACHMENTS = "attachments";
    /** Attribute holding a sticker id. */
    public static final String ATTR_STICKER = "stickerId";

    private final JsonMapper mapper = new DefaultJsonMapper();

    /**
     * @param rawBody    the verified body bytes (UTF-8 JSON)
     * @param receivedAt when the webhook arrived (used where Meta gives no timestamp, e.g. {@code "timestamp":0})
     * @return the events; empty for an object other than {@code page}
     * @throws BadRequestException when the body is not a JSON object, or a messaging item has a blank
     *                             {@code sender.id} or {@code recipient.id} (an item without them, a null item or one
     *                             that is no object, e.g. {@code "messaging":[true]}, is ignored)
     */
    public MessengerEvents parse(byte[] rawBody, Instant receivedAt) {
        WebhookObject webhook;
        try {
            webhook = mapper.toJavaObject(new String(rawBody, StandardCharsets.UTF_8), WebhookObject.class);
        } catch (FacebookJsonMappingException e) {
            throw new BadRequestException("Malformed Messenger webhook body");
        }
        if (webhook == null || !webhook.isPage()) {
            return MessengerEvents.none();
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryReceipt> deliveries = new ArrayList<>();
        List<WatermarkReceipt> watermarks = new ArrayList<>();
        int ignored = 0;
        for (WebhookEntry entry : nullSafe(webhook.getEntryList())) {
            if (entry == null) {
                // "entry":[null] or an entry that is no object: nothing for us, the rest of the batch still is
                ignored++;
                continue;
            }
            for (MessagingItem item : nullSafe(entry.getMessaging())) {
                if (item == null || item.getSender() == null || item.getSender().getId() == null
                        || item.getRecipient() == null || item.getRecipient().getId() == null) {
                    ignored++;
                    continue;
                }
                Instant at = instant(item.getTimestamp(), receivedAt);
                Address sender = address(item.getSender().getId(), "sender.id");
                Address recipient = address(item.getRecipient().getId(), "recipient.id");
                if (item.getMessage() != null) {
                    boolean fromPage = sender.value().equals(entry.getId());
                    InboundMessage m = message(item.getMessage(), sender, recipient, at, fromPage);
                    if (m == null) {
                        ignored++;
                    } else {
                        messages.add(m);
                    }
                } else if (item.getPostback() != null) {
                    messages.add(postback(item.getPostback(), sender, recipient, at));
                } else if (item.getDelivery() != null) {
                    delivery(item.getDelivery(), sender, at, receivedAt, deliveries, watermarks);
                } else if (item.getRead() != null && watermark(item.getRead().getWatermark()) != null) {
                    watermarks.add(new WatermarkReceipt(sender, DeliveryStatus.READ,
                            watermark(item.getRead().getWatermark()), null, receivedAt));
                } else {
                    ignored++;
                }
            }
        }
        messages.sort(Comparator.comparing(InboundMessage::sentAt));
        return new MessengerEvents(messages, deliveries, watermarks, ignored);
    }

    /** @param fromPage the sender is the Page itself ({@code entry.id}): an echo even without {@code is_echo} */
    private InboundMessage message(MessageItem m, Address sender, Address recipient, Instant at, boolean fromPage) {
        if (Boolean.TRUE.equals(m.getIsDeleted())) {
            return null;
        }
        String mid = m.getMid() != null && !m.getMid().isBlank() ? m.getMid()
                : "message:" + sender.value() + ":" + at.toEpochMilli();
        Map<String, String> attributes = new HashMap<>();
        List<MessagingAttachment> attachments = nullSafe(m.getAttachments());
        if (!attachments.isEmpty()) {
            attributes.put(ATTR_ATTACHMENTS, attachments.stream().map(MessagingAttachment::getType)
                    .map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (m.getStickerId() != null) {
            attributes.put(ATTR_STICKER, m.getStickerId());
        }
        String text = m.getText() == null ? "" : m.getText();
        if (m.isEcho() || fromPage) {
            // sender = the Page, recipient = the citizen (PSID)
            if (m.getAppId() != null) {
                attributes.put(ATTR_APP_ID, m.getAppId());
            }
            String ours = SendApiRequest.outboundIdOf(m.getMetadata());
            if (ours != null) {
                attributes.put(InboundMessage.ATTR_OUR_OUTBOUND_ID, ours);
            }
            String shown = text.isBlank() && attributes.containsKey(ATTR_ATTACHMENTS)
                    ? "[" + attributes.get(ATTR_ATTACHMENTS) + "]" : text;
            return new InboundMessage(Channel.FACEBOOK, mid, sender, recipient, InboundKind.ECHO, shown, null, at,
                    null, attributes);
        }
        String payload = m.getQuickReply() == null ? null : m.getQuickReply().getPayload();
        InboundKind kind = !text.isBlank() || payload != null ? InboundKind.TEXT : InboundKind.ATTACHMENT;
        return new InboundMessage(Channel.FACEBOOK, mid, sender, recipient, kind, text, payload, at, null, attributes);
    }

    private static InboundMessage postback(PostbackItem p, Address sender, Address recipient, Instant at) {
        String payload = p.getPayload() == null ? "" : p.getPayload();
        String key = "postback:" + sender.value() + ":" + at.toEpochMilli() + ":" + payload;
        return new InboundMessage(Channel.FACEBOOK, key, sender, recipient, InboundKind.POSTBACK,
                p.getTitle(), payload, at, null, Map.of());
    }

    private static void delivery(DeliveryItem d, Address citizen, Instant at, Instant receivedAt,
                                 List<DeliveryReceipt> deliveries, List<WatermarkReceipt> watermarks) {
        for (String mid : nullSafe(d.getMids())) {
            if (mid != null && !mid.isBlank()) {
                deliveries.add(new DeliveryReceipt(Channel.FACEBOOK, mid, DeliveryStatus.DELIVERED, null, null, at));
            }
        }
        Instant watermark = watermark(d.getWatermark());
        if (watermark != null) {
            watermarks.add(new WatermarkReceipt(citizen, DeliveryStatus.DELIVERED, watermark, null, receivedAt));
        }
    }

    /** @return the watermark (epoch milliseconds as a string) as an instant, or null when absent or not a number */
    private static Instant watermark(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(value.strip());
            return ms > 0 ? Instant.ofEpochMilli(ms) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @throws BadRequestException for a blank id */
    private static Address address(String id, String field) {
        if (id.isBlank()) {
            throw new BadRequestException("Messenger messaging item with a blank " + field);
        }
        return new Address(Channel.FACEBOOK, id);
    }

    private static Instant instant(Date timestamp, Instant fallback) {
        return timestamp == null || timestamp.getTime() <= 0 ? fallback : timestamp.toInstant();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
