package gov.tawasul.staff.console;

import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.staff.canned.CannedReply;
import gov.tawasul.staff.desk.ConversationLine;
import gov.tawasul.staff.desk.MessageLine;

import java.time.Instant;
import java.util.List;

/**
 * The transcript beside the list: the conversation's head with what the viewer may do, its messages, the reply
 * box.
 *
 * @param line       the conversation
 * @param messages   its newest messages, oldest first
 * @param me         the viewer
 * @param canned     canned replies offered in the reply box
 * @param limit      the channel's longest text
 * @param notice     a message key to show above the reply box after an action, or null
 * @param noticeArg  its argument (an agent's name, a limit…), or null
 * @param noticeKind {@code ok}, {@code bad} or {@code warn}
 * @param now        the time waiting durations count to
 */
public record TranscriptPanel(ConversationLine line, List<MessageLine> messages, ConsoleUser me,
                              List<CannedReply> canned, int limit, String notice, String noticeArg,
                              String noticeKind, Instant now) {

    /** @return whether someone other than the viewer holds it */
    public boolean heldByOther() {
        return line.assignedAgent() != null && !line.mine();
    }

    /** @return whether the viewer may take it over now */
    public boolean canTakeOver() {
        return line.assignedAgent() == null;
    }

    /** @return whether the viewer, a supervisor, may take it from its holder */
    public boolean canReassign() {
        return heldByOther() && me.supervisor();
    }

    /** @return whether the viewer may hand it back to the bot */
    public boolean canHandBack() {
        return line.state() == ConversationState.WITH_AGENT && (line.mine() || me.supervisor())
                || line.state() == ConversationState.WAITING_FOR_AGENT;
    }

    /** @return whether the viewer may close it */
    public boolean canClose() {
        return line.state() != ConversationState.CLOSED && (!heldByOther() || me.supervisor());
    }

    /** @return whether the reply box is open to the viewer */
    public boolean canReply() {
        return !heldByOther() && !line.optedOut();
    }

    /** @return the same panel with a notice */
    public TranscriptPanel withNotice(String key, String arg, String kind) {
        return new TranscriptPanel(line, messages, me, canned, limit, key, arg, kind, now);
    }
}
