package gov.tawasul.channels.twitter;

import gov.tawasul.channels.twitter.AccountActivityPayload.DmEvent;
import gov.tawasul.channels.twitter.AccountActivityPayload.MarkRead;
import gov.tawasul.channels.twitter.AccountActivityPayload.MessageCreate;
import gov.tawasul.channels.twitter.AccountActivityPayload.User;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.ws.rs.BadRequestException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Normalises an {@link AccountActivityPayload}. A {@code message_create} from a citizen becomes a TEXT message
 * (POSTBACK when it answers a quick reply, ATTACHMENT when a media attachment came without text); one whose
 * {@code sender_id} is {@code for_user_id} is our own DM coming back: an ECHO from us to the citizen, marked
 * {@link Inbox#ATTR_SENT_BY_BOT} when our app sent it (its {@code source_app_id} is ours, or its event id is one
 * the bot sent), otherwise recorded as a staff message. Mark-read events of citizens become READ watermarks up to
 * {@code last_read_event_id}; typing indicators and every other event kind are dropped.
 * The event id is the provider message id (the same id in v1.1 and v2).
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
     * @param payload     the parsed delivery
     * @param ourAppId    our app's id, if configured
     * @param sentByBot   event ids the bot itself sent (looked up beforehand)
     * @param now         the receive time
     * @throws BadRequestException (400) for a mark-read event whose {@code sender_id} is blank
     */
    static AccountActivity map(AccountActivityPayload payload, Optional<String> ourAppId, Set<String> sentByBot,
                               Instant now) {
        String us = payload.forUserId();
        List<InboundMessage> messages = new ArrayList<>();
        if (payload.dmEvents() != null) {
            for (DmEvent event : payload.dmEvents()) {
                InboundMessage m = message(event, us, payload.users(), ourAppId, sentByBot, now);
                if (m != null) {
                    messages.add(m);
                }
            }
        }
        List<WatermarkReceipt> reads = new ArrayList<>();
        if (payload.markReadEvents() != null) {
            for (MarkRead read : payload.markReadEvents()) {
                if (read.senderId() != null && !read.senderId().equals(us) && read.lastReadEventId() != null
                        && !read.lastReadEventId().isBlank()) {
                    if (read.senderId().isBlank()) {
                        throw new BadRequestException("direct_message_mark_read_events[] item with a blank sender_id");
                    }
                    reads.add(new WatermarkReceipt(new Address(Channel.TWITTER, read.senderId()), DeliveryStatus.READ,
                            null, read.lastReadEventId(), now));
                }
            }
        }
        return new AccountActivity(messages, reads);
    }

    /** @return the event ids of our own DMs in the payload (candidates for {@link Inbox#ATTR_SENT_BY_BOT}) */
    static List<String> ownEventIds(AccountActivityPayload payload) {
        List<String> ids = new ArrayList<>();
        if (payload.dmEvents() != null && payload.forUserId() != null) {
            for (DmEvent event : payload.dmEvents()) {
                if (event.messageCreate() != null && payload.forUserId().equals(event.messageCreate().senderId())
                        && event.id() != null) {
                    ids.add(event.id());
                }
            }
        }
        return ids;
    }

    private static InboundMessage message(DmEvent event, String us, Map<String, User> users,
                                          Optional<String> ourAppId, Set<String> sentByBot, Instant now) {
        if (!"message_create".equals(event.type())) {
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
            boolean ours = ourAppId.isPresent() && ourAppId.get().equals(mc.sourceAppId())
                    || sentByBot.contains(event.id());
            if (ours) {
                attributes.put(Inbox.ATTR_SENT_BY_BOT, "true");
            }
            return new InboundMessage(Channel.TWITTER, event.id(), sender, recipient, InboundKind.ECHO, text, null,
                    sentAt, null, attributes);
        }
        var qr = mc.messageData() == null ? null : mc.messageData().quickReplyResponse();
        String payload = qr == null || isBlank(qr.metadata()) ? null : qr.metadata();
        InboundKind kind = payload != null ? InboundKind.POSTBACK
                : mediaUrl != null && text.isEmpty() ? InboundKind.ATTACHMENT : InboundKind.TEXT;
        User user = users == null ? null : users.get(mc.senderId());
        String name = user == null ? null : user.screenName() != null ? user.screenName() : user.name();
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
