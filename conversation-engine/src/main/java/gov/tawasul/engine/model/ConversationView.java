package gov.tawasul.engine.model;

import java.time.Instant;

/**
 * What the engine knows of a conversation when it decides whether a message may be sent: a read-only snapshot of
 * one {@code conversation} row and its opt-out.
 *
 * @param id            {@code conversation.id}
 * @param citizen       the citizen's address
 * @param bot           our address (phone number, Page id, X account id)
 * @param state         who answers it now
 * @param locale        the last reply language ({@code ar}/{@code en}) or null
 * @param lastInboundAt when the citizen last wrote, or null when never (Messenger's 24-hour window counts from it)
 * @param optedOut      whether the citizen opted out of messages from {@code bot} (SMS STOP, a provider's opt-out)
 * @param assignedAgent the staff username holding the conversation ({@code WITH_AGENT}), or null when none
 */
public record ConversationView(long id, Address citizen, Address bot, ConversationState state, String locale,
                               Instant lastInboundAt, boolean optedOut, String assignedAgent) {

    /** A conversation nobody holds (no {@code assignedAgent}). */
    public ConversationView(long id, Address citizen, Address bot, ConversationState state, String locale,
                            Instant lastInboundAt, boolean optedOut) {
        this(id, citizen, bot, state, locale, lastInboundAt, optedOut, null);
    }

    /** @return the channel of the conversation */
    public Channel channel() {
        return citizen.channel();
    }
}
