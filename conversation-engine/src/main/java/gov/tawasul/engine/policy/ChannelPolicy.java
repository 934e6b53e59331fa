package gov.tawasul.engine.policy;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;

import java.time.Instant;

/**
 * A channel's own rule of "may I send this now, and how": Messenger's 24-hour window and its {@code HUMAN_AGENT}
 * tag, SMS text folding and segment counting, WhatsApp's 24-hour window and its templates. Implementations are CDI beans in
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

    /**
     * The same decision knowing the message's language, for channels whose rule depends on it (WhatsApp picks the
     * approved template of the locale outside its window). The default ignores the language.
     *
     * @param locale the message's language ({@code ar}/{@code en}), or null when unknown
     */
    default SendDecision decide(Origin origin, String text, String locale, ConversationView conversation,
                                Instant now) {
        return decide(origin, text, conversation, now);
    }

    /**
     * @return true when nobody but the bot confirms an opt-out or opt-in keyword on this channel (WhatsApp: Twilio
     *         has no carrier STOP handling there), so the bot answers the keyword after recording it; false (the
     *         default) when the provider confirms (Twilio's SMS Advanced Opt-Out) or the channel has no keywords
     */
    default boolean botConfirmsOptOut() {
        return false;
    }
}
