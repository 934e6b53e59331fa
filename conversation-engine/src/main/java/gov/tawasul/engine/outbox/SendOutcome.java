package gov.tawasul.engine.outbox;

import gov.tawasul.engine.policy.SendDecision;

/** What {@link Outbox#send} did with a draft. */
public sealed interface SendOutcome {

    /** Stored (and its first send attempt made and stored). @param outboundId {@code outbound_message.id} */
    record Queued(long outboundId) implements SendOutcome {
    }

    /** Not stored: the send policy refused it. */
    record Refused(SendDecision.Reason reason, String detail) implements SendOutcome {
    }

    /**
     * Not stored: the inbound message already has its reply (another instance or a retry made it), or the queued
     * notification the draft carries was already sent.
     */
    record AlreadyAnswered() implements SendOutcome {
    }
}
