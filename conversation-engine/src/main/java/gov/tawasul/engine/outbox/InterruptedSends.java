package gov.tawasul.engine.outbox;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.port.SendReconciliation;
import gov.tawasul.engine.store.OutboundMessages;
import gov.tawasul.engine.store.OutboundMessages.InterruptedSend;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Settles the sends an instance left in flight when it stopped (status {@code SENDING}, no provider id, untouched
 * for {@code tawasul.engine.recovery.interrupted-after}) by asking the provider, not by guessing
 * ({@link ChannelSender#reconcile}, on a worker thread):
 * <ul>
 * <li>found: the provider's id and status are stored as if the send had returned (receipts that came meanwhile are
 *     applied), so staff and reports see what the citizen got;</li>
 * <li>not found: queued to be sent again at once (exactly once, since the provider does not have it);</li>
 * <li>unknown (the channel cannot be asked, or the question failed): {@code FAILED}, {@code SEND_UNCERTAIN}, "it may
 *     have been sent" — sending again could deliver it twice.</li>
 * </ul>
 * Each outcome is stored only if the row is still as it was read, so two instances settling at once agree.
 * Must run on a Vert.x context.
 */
@ApplicationScoped
public class InterruptedSends {

    private static final Logger LOG = Logger.getLogger(InterruptedSends.class);

    private final OutboundMessages messages;
    private final ChannelSenders senders;
    private final EngineContext context;

    InterruptedSends(OutboundMessages messages, ChannelSenders senders, EngineContext context) {
        this.messages = messages;
        this.senders = senders;
        this.context = context;
    }

    /** Settles the interrupted sends older than {@code age} (at most 50 a pass). */
    public Uni<Void> settle(Duration age) {
        return messages.interrupted(age).chain(sends -> Sequential.each(sends, send -> settle(send, age)));
    }

    private Uni<Void> settle(InterruptedSend send, Duration age) {
        ChannelSender sender = senders.forChannel(send.message().channel());
        if (sender == null || !sender.enabled()) {
            return messages.failUncertain(send.message().id(), age, "the channel is off");
        }
        return context.blocking(() -> ask(sender, send)).chain(answer -> {
            long id = send.message().id();
            if (answer instanceof SendReconciliation.Found found) {
                return adopt(send, found, age);
            }
            if (answer instanceof SendReconciliation.Unknown unknown) {
                LOG.infof("outbound %d: interrupted send, the provider cannot tell (%s)", id, unknown.reason());
                return messages.failUncertain(id, age, unknown.reason());
            }
            LOG.infof("outbound %d: interrupted send not at the provider, sending it again", id);
            return messages.resendInterrupted(id, age);
        });
    }

    private static SendReconciliation ask(ChannelSender sender, InterruptedSend send) {
        try {
            return sender.reconcile(send.message(), send.sendBegan());
        } catch (RuntimeException e) {
            LOG.errorf(e, "outbound %d: reconcile threw", send.message().id());
            return new SendReconciliation.Unknown(e.getClass().getSimpleName());
        }
    }

    /** The oldest candidate no other message holds is ours; if all are taken, ours never arrived. */
    private Uni<Void> adopt(InterruptedSend send, SendReconciliation.Found found, Duration age) {
        List<String> ids = found.candidates().stream().map(SendReconciliation.Candidate::providerMessageId).toList();
        return messages.knownProviderIds(send.message().channel(), ids).chain(known -> {
            for (SendReconciliation.Candidate c : found.candidates()) {
                if (!known.contains(c.providerMessageId())) {
                    LOG.infof("outbound %d: interrupted send found at the provider as %s (%s)", send.message().id(),
                            c.providerMessageId(), c.status());
                    return messages.accepted(send.message(), c.providerMessageId(), c.status());
                }
            }
            return messages.resendInterrupted(send.message().id(), age);
        });
    }
}
