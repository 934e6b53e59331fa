package gov.tawasul.engine.port;

import gov.tawasul.engine.model.DeliveryStatus;

import java.util.List;

/**
 * What a provider says of a message whose send was interrupted (the instance stopped between handing it over and
 * storing the provider's answer), from {@link ChannelSender#reconcile}.
 */
public sealed interface SendReconciliation {

    /**
     * The provider holds messages like ours (same recipient and text, created after the send began), oldest first:
     * the engine takes the first whose id is not already another message's.
     *
     * @param candidates provider id and status of each, oldest first; never empty
     */
    record Found(List<Candidate> candidates) implements SendReconciliation {
        public Found {
            if (candidates == null || candidates.isEmpty()) {
                throw new IllegalArgumentException("a Found reconciliation needs at least one candidate");
            }
            candidates = List.copyOf(candidates);
        }
    }

    /** One message the provider holds: its id and the status it reports. */
    record Candidate(String providerMessageId, DeliveryStatus status) {
    }

    /** The provider was asked and holds no such message: sending it now sends it once. */
    record NotFound() implements SendReconciliation {
    }

    /**
     * The provider cannot be asked (the channel offers no way, or the question failed): the message may or may not
     * have gone.
     *
     * @param reason why, for the log and the message's stored error
     */
    record Unknown(String reason) implements SendReconciliation {
    }
}
