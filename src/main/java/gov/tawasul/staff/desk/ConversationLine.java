package gov.tawasul.staff.desk;

import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationSummary;
import gov.tawasul.staff.console.ConsoleUser;
import gov.tawasul.staff.view.AddressMask;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A conversation as one staff member may see it (addresses masked for agents): a line of the list, the head of a
 * transcript, and the JSON of {@code GET /api/staff/conversations}.
 *
 * @param id              conversation id
 * @param channel         {@code sms}, {@code facebook}, {@code twitter}, …
 * @param citizen         the citizen's address, masked for agents ({@code +9665••••0001}, {@code ••••4821})
 * @param citizenName     the name the provider gave, or null
 * @param state           {@code BOT}, {@code WAITING_FOR_AGENT}, {@code WITH_AGENT}, {@code CLOSED}
 * @param assignedAgent   username of the staff member holding it, or null
 * @param assignedName    that staff member's display name (their username when they have none), or null
 * @param waitingSince    when it started to wait for a person, or null
 * @param lastActivityAt  latest message or state change
 * @param caseNumbers     case numbers asked, most recent first
 * @param departments     their departments
 * @param optedOut        the citizen opted out
 * @param failedDelivery  a message to the citizen failed
 * @param lastMessage     the latest message's text ({@code ""} when there is none)
 * @param lastFromCitizen whether the latest message is the citizen's
 * @param mine            whether the viewer holds it
 */
public record ConversationLine(long id, String channel, String citizen, String citizenName, ConversationState state,
                               String assignedAgent, String assignedName, Instant waitingSince, Instant lastActivityAt,
                               List<String> caseNumbers, List<String> departments, boolean optedOut,
                               boolean failedDelivery, String lastMessage, boolean lastFromCitizen, boolean mine) {

    /**
     * @param summary the conversation
     * @param viewer  who looks at it
     * @param names   display names by username (of the staff holding conversations)
     * @return {@code summary} as {@code viewer} may see it
     */
    public static ConversationLine of(ConversationSummary summary, ConsoleUser viewer, Map<String, String> names) {
        String agent = summary.assignedAgent();
        return new ConversationLine(summary.id(), summary.channel().wireName(),
                AddressMask.show(summary.citizen(), viewer.supervisor()), summary.citizenName(), summary.state(),
                agent, agent == null ? null : names.getOrDefault(agent, agent), summary.waitingSince(), summary.lastActivityAt(), summary.caseNumbers(),
                summary.departments(), summary.optedOut(), summary.failed(),
                summary.lastText() == null ? "" : summary.lastText(),
                summary.lastInbound(), viewer.username().equals(summary.assignedAgent()));
    }

    /** @return the message key of the channel's name, e.g. {@code channelSMS} */
    public String channelKey() {
        return "channel" + channel.toUpperCase(java.util.Locale.ROOT);
    }

    /** @return the message key of the state's name, e.g. {@code stateWITH_AGENT} */
    public String stateKey() {
        return "state" + state.name();
    }
}
