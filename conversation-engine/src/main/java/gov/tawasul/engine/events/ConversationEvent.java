package gov.tawasul.engine.events;

import gov.tawasul.engine.model.Channel;

/**
 * A change that a person watching the conversations would care about, published after its commit.
 * Events carry the row's id and its position, so that a subscriber that missed some (a dropped pub/sub message,
 * a reconnect) catches up from the tables with {@link ConversationEvents#after}: a lost event costs freshness,
 * never correctness.
 *
 * @param position       the value of the sequence {@code conversation_event_position} the change took; increases
 *                       with every change (not contiguous: values of rolled-back or conflicting writes are skipped)
 * @param type           what changed
 * @param conversationId the conversation
 * @param messageId      {@code inbound_message.id} for {@link Type#INBOUND_STORED}, {@code outbound_message.id}
 *                       for the outbound types, 0 for {@link Type#CONVERSATION_STATE}
 * @param channel        the conversation's channel
 * @param state          the new state by name: {@code InboundState} for inbound, {@code DeliveryStatus} for
 *                       outbound, {@code ConversationState} for a conversation
 * @param errorCode      for an outbound status: the provider's error code as it came, else null
 */
public record ConversationEvent(long position, Type type, long conversationId, long messageId, Channel channel,
                                String state, String errorCode) {

    /** What changed. */
    public enum Type {
        /** An inbound message was stored (a duplicate is not an event). */
        INBOUND_STORED,
        /** An outbound message row was created (bot reply, agent message, notification, echo of staff's message). */
        OUTBOUND_QUEUED,
        /** An outbound message's status moved forward (sending, sent, delivered, read, failed with its code). */
        OUTBOUND_STATUS,
        /** A conversation's state changed (handed to a person, taken, handed back, closed). */
        CONVERSATION_STATE,
        /**
         * Not a change: events may have been missed (the cross-instance feed reconnected); subscribers catch up
         * from their last position. {@code position} is 0.
         */
        RESYNC
    }
}
