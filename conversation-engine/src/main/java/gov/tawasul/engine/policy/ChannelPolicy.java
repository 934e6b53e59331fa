package gov.tawasul.engine.policy;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;

import java.time.Instant;

/**
 * A channel's own rule of "may I send this now, and how": Messenger's 24-hour window and its {@code HUMAN_AGENT}
 * tag, SMS text folding and segment counting, later WhatsApp's template rule. Implementations are CDI beans in
 * {@code channels/}, one per channel; a channel without one allows every message as it is. Rules common to every
 * channel (opt-out, a conversation held by a person) are {@link SendPolicy}'s and are checked before this one.
 * <p>
 * Pure and fast: no I/O, called on the event loop for every outbound message before its row is queued.
 */
public interface ChannelPolicy {

    /** @return the channel this policy rules */
    Channel channel();

    /**
     * @param origin       who sends
     * @param text         the text to send, already within the channel's length limit
     * @param conversation the conversation it belongs to
     * @param now          the current time
     * @return allow (with the text as it must leave and the send options) or refuse (with the reason)
     */
    SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now);
}
