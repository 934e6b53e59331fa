package gov.tawasul.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * One line of the staff's conversation list: the conversation, its latest message and its badges. Addresses are
 * whole here; the console masks them for agents.
 *
 * @param id             {@code conversation.id}
 * @param citizen        the citizen's address
 * @param bot            our address
 * @param citizenName    the name the provider gave (Messenger profile, X name), or null
 * @param state          who answers it now
 * @param assignedAgent  the staff member's username holding it, or null
 * @param waitingSince   when it started to wait for a person, or null when it does not wait
 * @param lastActivityAt latest message in either direction or state change
 * @param caseNumbers    case numbers asked in the conversation, most recent first
 * @param departments    those cases' departments as the case system names them, most recent first
 * @param optedOut       the citizen opted out of messages from {@code bot}
 * @param failed         at least one outbound message ended {@code FAILED} or {@code UNDELIVERED}
 * @param lastText       the latest message's text, or null when it has none
 * @param lastInbound    whether the latest message came from the citizen
 * @param locale         the conversation's language ({@code ar}/{@code en}) or null
 * @param lastInboundAt  when the citizen last wrote, or null (Messenger's reply window counts from it)
 */
public record ConversationSummary(long id, Address citizen, Address bot, String citizenName, ConversationState state,
                                  String assignedAgent, Instant waitingSince, Instant lastActivityAt,
                                  List<String> caseNumbers, List<String> departments, boolean optedOut,
                                  boolean failed, String lastText, boolean lastInbound, String locale,
                                  Instant lastInboundAt) {

    /** @return the conversation's channel */
    public Channel channel() {
        return citizen.channel();
    }

    /** @return what the send policy needs to know of this conversation */
    public ConversationView view() {
        return new ConversationView(id, citizen, bot, state, locale, lastInboundAt, optedOut, assignedAgent);
    }
}
