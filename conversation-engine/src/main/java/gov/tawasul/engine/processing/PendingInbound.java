package gov.tawasul.engine.processing;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;

import java.time.Instant;

/**
 * The oldest unanswered inbound message of a conversation, with what the engine needs of its conversation.
 *
 * @param id             {@code inbound_message.id}
 * @param conversationId the conversation
 * @param channel        channel
 * @param kind           what it carries
 * @param text           text as received
 * @param payload        postback/quick-reply payload or null
 * @param citizen        the citizen's address
 * @param bot            our address
 * @param lastLocale     the conversation's last reply language or null
 * @param lastInboundAt  when the citizen last wrote
 * @param state          conversation state ({@code BOT} or {@code HANDOFF})
 * @param attributes     extra provider fields of the message
 * @param fromOwnAddress whether the sender is one of our own addresses on the channel (never answered: loops)
 * @param optedOut       whether the citizen opted out of this conversation (SMS STOP)
 */
record PendingInbound(long id, long conversationId, Channel channel, InboundKind kind, String text, String payload,
                      Address citizen, Address bot, String lastLocale, Instant lastInboundAt, String state,
                      java.util.Map<String, String> attributes, boolean fromOwnAddress, boolean optedOut) {
}
