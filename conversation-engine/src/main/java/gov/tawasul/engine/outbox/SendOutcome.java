package gov.tawasul.engine.outbox;

import gov.tawasul.engine.policy.SendDecision;

/** What {@link Outbox#send} did with a draft. */
public sealed interface SendOutcome {

    /**
     * Stored (and its first send attempt made and stored).
     *
     * @param outboundId   {@code outbound_message.id}
     * @param leaseReleased whether the conversation lease the draft named ({@link OutboundDraft.InReplyTo#leaseOwner})
     *                     was given up with the provider's answer (false: not asked, or the attempt did not end
     *                     accepted)
     */
    record Queued(long outboundId, boolean leaseReleased) implements SendOutcome {
        /** Stored; no lease was given up. */
        public Queued(long outboundId) {
            this(outboundId, false);
        }
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
