package gov.tawasul.engine.processing;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.outbox.InterruptedSends;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.store.DeliveryReceipts;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.OutboundMessages;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The backstop that makes "nothing accepted is lost" hold across crashes and restarts. Every
 * {@code tawasul.engine.recovery.interval} (never two passes at once on an instance) it: schedules conversations
 * with inbound messages still unanswered after {@code tawasul.engine.recovery.age}; resends queued outbound messages
 * whose retry is due; settles a send interrupted by a crash (in flight for
 * {@code tawasul.engine.recovery.interrupted-after} without a provider id) by asking the provider
 * ({@link InterruptedSends}: found → its id stored, not found → sent again, cannot tell → failed "may have been sent");
 * applies receipts left pending by a race. Runs on the event loop (non-blocking).
 */
@ApplicationScoped
public class RecoveryJob {

    private static final Logger LOG = Logger.getLogger(RecoveryJob.class);
    @jakarta.inject.Inject
    gov.tawasul.engine.store.DatabaseOutage outage;

    private final EngineConfig.Recovery config;
    private final ConversationProcessor processor;
    private final InboundMessages inbound;
    private final OutboundMessages outbound;
    private final DeliveryReceipts receipts;
    private final Outbox outbox;
    private final InterruptedSends interrupted;

    RecoveryJob(EngineConfig config, ConversationProcessor processor, InboundMessages inbound,
                OutboundMessages outbound, DeliveryReceipts receipts, Outbox outbox, InterruptedSends interrupted) {
        this.config = config.recovery();
        this.processor = processor;
        this.inbound = inbound;
        this.outbound = outbound;
        this.receipts = receipts;
        this.outbox = outbox;
        this.interrupted = interrupted;
    }

    /** One pass; a failure is logged and the next pass tries again. */
    @Scheduled(every = "${tawasul.engine.recovery.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return inbound.conversationsWaitingSince(Instant.now().minus(config.age()))
                .invoke(ids -> ids.stream().filter(id -> !processor.isActive(id)).forEach(processor::schedule))
                .chain(outbound::dueRetries)
                .chain(ids -> Sequential.each(ids, outbox::retry))
                .chain(() -> interrupted.settle(config.interruptedAfter()))
                .chain(receipts::relinkPending)
                .onFailure().recoverWithUni(e -> {
                    return outage.logUnlessAbsorbed(LOG, e, "recovery pass failed");
                });
    }

}
