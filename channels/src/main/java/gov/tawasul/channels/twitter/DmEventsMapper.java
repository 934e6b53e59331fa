package gov.tawasul.channels.twitter;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Normalises a v2 {@code MessageCreate} dm_event the same way as its webhook twin (same event id, so the same
 * dedup key): a citizen's DM is TEXT from the citizen to us; a DM whose {@code sender_id} is our account is an ECHO
 * to the other participant of the one-to-one {@code dm_conversation_id} ({@code "<id>-<id>"}), whoever typed it (the
 * Inbox recognises the bot's own replies by their event id). Other event types and group conversations give null.
 */
final class DmEventsMapper {

    private DmEventsMapper() {
    }

    /**
     * @param ourUserId  the agency account's user id
     * @param usernames  user id → username from {@code includes.users}
     * @param now        fallback timestamp
     */
    static InboundMessage map(DmEventsPage.Event event, String ourUserId, Map<String, String> usernames,
                              Instant now) {
        if (!"MessageCreate".equals(event.eventType()) || event.id() == null || event.senderId() == null) {
            return null;
        }
        Instant sentAt = parse(event.createdAt(), now);
        String text = event.text() == null ? "" : event.text().strip();
        if (event.senderId().equals(ourUserId)) {
            String citizen = otherParticipant(event.dmConversationId(), ourUserId);
            if (citizen == null) {
                return null;
            }
            return new InboundMessage(Channel.TWITTER, event.id(), new Address(Channel.TWITTER, ourUserId),
                    new Address(Channel.TWITTER, citizen), InboundKind.ECHO, text, null, sentAt, null, Map.of());
        }
        return new InboundMessage(Channel.TWITTER, event.id(), new Address(Channel.TWITTER, event.senderId()),
                new Address(Channel.TWITTER, ourUserId), InboundKind.TEXT, text, null, sentAt,
                usernames.get(event.senderId()), Map.of());
    }

    /** @return the creation time of an event, or {@code fallback} */
    static Instant parse(String createdAt, Instant fallback) {
        if (createdAt == null) {
            return fallback;
        }
        try {
            return Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** @return the participant of a one-to-one conversation id who is not us, or null */
    static String otherParticipant(String conversationId, String us) {
        if (conversationId == null) {
            return null;
        }
        String[] ids = conversationId.split("-");
        if (ids.length != 2) {
            return null;
        }
        return ids[0].equals(us) ? ids[1] : ids[1].equals(us) ? ids[0] : null;
    }
}
