package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.channels.twitter.AccountActivityPayload.DmEvent;
import gov.tawasul.channels.twitter.AccountActivityPayload.MarkRead;
import gov.tawasul.channels.twitter.AccountActivityPayload.MessageCreate;
import gov.tawasul.channels.twitter.AccountActivityPayload.User;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.ws.rs.BadRequestException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an X webhook delivery, in either envelope: the Account Activity API's ({@link AccountActivityPayload},
 * https://docs.x.com/x-api/account-activity/introduction) or the X Activity API's ({@link XActivityEvent},
 * https://docs.x.com/x-api/activity/event-payloads), and normalises it into one {@link InboundBatch}.
 * A {@code message_create} from a citizen becomes a TEXT message
 * (POSTBACK when it answers a quick reply, ATTACHMENT when a media attachment came without text); one whose
 * {@code sender_id} is our account is our own DM coming back: an ECHO from us to the citizen, whoever typed it (the
 * bot or staff in X's own app). The Inbox tells them apart by the event id: the echo of a bot reply whose send
 * result is stored is a duplicate of the bot's row, and the echo of one still being sent is recorded and then gives
 * way to the bot's row when its result is stored. Mark-read events of citizens become READ watermarks up to
 * {@code last_read_event_id} (Account Activity only); typing indicators and every other event kind are dropped.
 * The event id is the provider message id (the same id in v1.1, v2, the X Activity API and X's apps).
 */
final class TwitterWebhookParser {

    private static final Logger LOG = Logger.getLogger(TwitterWebhookParser.class);
    /** Attribute: X media type of an attachment ({@code photo}, {@code animated_gif}, {@code video}). */
    static final String ATTR_MEDIA_TYPE = "mediaType";
    /** Attribute: https URL of an attachment's media (needs OAuth to download). */
    static final String ATTR_MEDIA_URL = "mediaUrl";

    private TwitterWebhookParser() {
    }

    /**
     * Parses a delivery's raw body. An object with a {@code data} key is an X Activity API event: a
     * {@code dm.received} or {@code dm.sent} event gives its DMs with {@code for_user_id} = {@code filter.user_id};
     * any other event type gives only that account id (nothing to store).
     *
     * @return the delivery in Account Activity form
     * @throws IOException when the body is not a JSON object of either shape
     */
    static AccountActivityPayload read(ObjectMapper json, byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("an X webhook delivery is a JSON object");
        }
        if (!root.has("data")) {
            return json.treeToValue(root, AccountActivityPayload.class);
        }
        XActivityEvent event = json.treeToValue(root, XActivityEvent.class);
        XActivityEvent.DmPayload dms = event.isDmEvent()
                ? json.treeToValue(event.data().payload(), XActivityEvent.DmPayload.class) : null;
        return event.toAccountActivity(dms);
    }

    /**
     * @param payload the parsed delivery
     * @param us      our account's user id (a DM it sent is an echo; its read receipts are not ours to record)
     * @param now     the receive time
     * @return the DMs (citizens' messages and echoes of our own, in payload order) and the READ watermarks
     * @throws BadRequestException (400) for a mark-read event whose {@code sender_id} is blank
     */
    static InboundBatch map(AccountActivityPayload payload, String us, Instant now) {
        List<InboundMessage> messages = new ArrayList<>();
        if (payload.dmEvents() != null) {
            for (DmEvent event : payload.dmEvents()) {
                // "direct_message_events":[null]: nothing to store, the other events of the delivery still are
                InboundMessage m = event == null ? null : message(event, us, payload.users(), now);
                if (m != null) {
                    messages.add(m);
                }
            }
        }
        List<WatermarkReceipt> reads = new ArrayList<>();
        if (payload.markReadEvents() != null) {
            for (MarkRead read : payload.markReadEvents()) {
                if (read != null && read.senderId() != null && !read.senderId().equals(us) && read.lastReadEventId() != null
                        && !read.lastReadEventId().isBlank()) {
                    if (read.senderId().isBlank()) {
                        throw new BadRequestException("direct_message_mark_read_events[] item with a blank sender_id");
                    }
                    reads.add(new WatermarkReceipt(new Address(Channel.TWITTER, read.senderId()), DeliveryStatus.READ,
                            null, read.lastReadEventId(), now));
                }
            }
        }
        return new InboundBatch(messages, List.of(), reads, List.of());
    }

    private static InboundMessage message(DmEvent event, String us, Map<String, User> users, Instant now) {
        if (event == null || !"message_create".equals(event.type())) {
            return null;
        }
        MessageCreate mc = event.messageCreate();
        if (event.id() == null || event.id().isBlank() || mc == null || isBlank(mc.senderId())
                || mc.target() == null || isBlank(mc.target().recipientId())) {
            LOG.warnf("X DM event %s without id, sender or recipient: dropped", event.id());
            return null;
        }
        Instant sentAt = epochMillis(event.createdTimestamp(), now);
        Address sender = new Address(Channel.TWITTER, mc.senderId());
        Address recipient = new Address(Channel.TWITTER, mc.target().recipientId());
        String text = DmText.readable(mc.messageData());
        Map<String, String> attributes = new HashMap<>();
        String mediaUrl = DmText.mediaUrl(mc.messageData());
        if (mediaUrl != null) {
            var media = mc.messageData().attachment().media();
            if (media.type() != null) {
                attributes.put(ATTR_MEDIA_TYPE, media.type());
            }
            if (media.mediaUrlHttps() != null) {
                attributes.put(ATTR_MEDIA_URL, media.mediaUrlHttps());
            }
        }
        if (mc.senderId().equals(us)) {
            return new InboundMessage(Channel.TWITTER, event.id(), sender, recipient, InboundKind.ECHO, text, null,
                    sentAt, null, attributes);
        }
        var qr = mc.messageData() == null ? null : mc.messageData().quickReplyResponse();
        String payload = qr == null || isBlank(qr.metadata()) ? null : qr.metadata();
        InboundKind kind = payload != null ? InboundKind.POSTBACK
                : mediaUrl != null && text.isEmpty() ? InboundKind.ATTACHMENT : InboundKind.TEXT;
        User user = users == null ? null : users.get(mc.senderId());
        String name = user == null ? null : user.handle();
        return new InboundMessage(Channel.TWITTER, event.id(), sender, recipient, kind, text, payload, sentAt, name,
                attributes);
    }

    /** @return the instant of an epoch-milliseconds string, or {@code fallback} when absent or malformed */
    static Instant epochMillis(String millis, Instant fallback) {
        if (isBlank(millis)) {
            return fallback;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
