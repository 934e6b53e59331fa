package gov.tawasul.engine.port;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;

/**
 * Sends outbound messages on one channel. Implementations are CDI beans in {@code channels/}.
 * <p>
 * {@link #send} <b>blocks</b> (provider SDKs are blocking clients): the engine always calls it on a worker
 * thread, never on an event loop, and never inside a database transaction. It must not throw for a provider
 * error: every failure is classified into a {@link SendResult}.
 */
public interface ChannelSender {

    /** @return the channel this sender serves. */
    Channel channel();

    /**
     * Sends one message. Blocking.
     *
     * @return accepted with the provider's id, or a classified failure
     */
    SendResult send(OutboundMessage message);

    /**
     * @return false when the channel is off (its credentials are not set): the outbox sends nothing and refuses
     *         every draft {@code CHANNEL_OFF}
     */
    default boolean enabled() {
        return true;
    }

    /**
     * Asks the provider whether it holds {@code message}, whose send was interrupted (left in flight without a
     * provider id by an instance that stopped). Blocking, on a worker thread; must not throw.
     *
     * @param sendBegan when the interrupted send began (the provider's message, if any, was created after it, give
     *                  or take the clocks' skew)
     * @return found (with the provider's ids and statuses), not found (the engine sends it again), or unknown (the
     *         default: the channel cannot be asked; the message is then marked failed, "may have been sent")
     */
    default SendReconciliation reconcile(OutboundMessage message, java.time.Instant sendBegan) {
        return new SendReconciliation.Unknown("the " + channel().wireName() + " API cannot be asked for a sent message");
    }

    /** @return the longest text the channel takes in one message (SMS: 1,600; Messenger: 2,000; X: 10,000). */
    int maxTextLength();

    /**
     * @param errorCode the error code of a final failure this sender returned
     * @return true when it means that the recipient cannot be reached on this channel at all (X 349: "you cannot
     *         send messages to this user"), so that a case-status update goes by the next channel of
     *         {@code tawasul.notifications.fallback-order} instead; false by default
     */
    default boolean unreachable(String errorCode) {
        return false;
    }
}
