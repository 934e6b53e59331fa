package gov.tawasul.engine.handoff;

import gov.tawasul.engine.model.ConversationView;

/** What a staff action on a conversation ({@link Handoffs}) came to. */
public sealed interface HandoffOutcome {

    /**
     * Done, or nothing to do (the conversation already was as asked).
     *
     * @param conversation the conversation as it is now (state, {@code assignedAgent})
     */
    record Done(ConversationView conversation) implements HandoffOutcome {
    }

    /**
     * Refused: another agent holds the conversation (only a supervisor's override takes it from them).
     *
     * @param agent the staff username holding it
     */
    record HeldBy(String agent) implements HandoffOutcome {
    }

    /** No conversation has this id. */
    record NotFound() implements HandoffOutcome {
    }
}
