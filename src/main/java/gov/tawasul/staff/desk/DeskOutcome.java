package gov.tawasul.staff.desk;

import gov.tawasul.engine.policy.SendDecision;

/** What became of a staff member's action on a conversation; the API and the pages each show it their way. */
public sealed interface DeskOutcome {

    /** Done; {@code line} is the conversation afterwards. */
    record Done(ConversationLine line) implements DeskOutcome {
    }

    /** The reply was stored and its first send attempt made. @param outboundId {@code outbound_message.id} */
    record Sent(long outboundId) implements DeskOutcome {
    }

    /** No conversation with this id. */
    record NotFound() implements DeskOutcome {
    }

    /** Another staff member holds it; only a supervisor may take it from them. @param agent their username */
    record HeldBy(String agent) implements DeskOutcome {
    }

    /** The reply is empty or longer than the channel takes. @param limit the channel's limit, 0 for empty */
    record BadText(int limit) implements DeskOutcome {
    }

    /** The send policy refused the reply (opted out, outside the window…). */
    record Refused(SendDecision.Reason reason, String detail) implements DeskOutcome {
    }
}
