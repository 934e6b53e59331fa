package gov.tawasul.engine.store;

import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.InboundKind;

import java.time.Instant;
import java.util.Map;

/**
 * The oldest unanswered inbound message of a conversation, with what the engine needs to decide about it.
 *
 * @param id             {@code inbound_message.id}
 * @param kind           what it carries
 * @param text           text as received (not normalised)
 * @param payload        postback/quick-reply payload or null
 * @param attributes     extra provider fields of the message (e.g. Twilio {@code OptOutType}); never null
 * @param conversation   its conversation (state, language, opt-out, last inbound time)
 * @param fromOwnAddress whether the sender is one of our own addresses on the channel (never answered: loops)
 * @param moreWaiting    whether later messages of the conversation wait behind this one
 * @param receivedAt     when it was stored (the start of the bot's answer time)
 * @param claimedBy      the instance holding the conversation's lease while this message is answered
 *                       ({@link InboundMessages#nextPending})
 * @param senderLinked   whether the sender held any live identity link when the message was read (false: the
 *                       disclosure path need not read them)
 */
public record PendingInbound(long id, InboundKind kind, String text, String payload, Map<String, String> attributes,
                             ConversationView conversation, boolean fromOwnAddress, boolean moreWaiting,
                             Instant receivedAt, String claimedBy, boolean senderLinked) {
}
