package gov.tawasul.engine.processing;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.delivery.DeliveryReceipts;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.persistence.Columns;
import gov.tawasul.engine.persistence.Sql;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backstop that makes "nothing accepted is lost" hold across crashes and restarts. Every
 * {@code tawasul.engine.recovery-interval} it: schedules conversations with inbound messages still unanswered after
 * {@code tawasul.engine.recovery-age}; resends queued outbound messages whose retry is due; marks as failed a
 * send interrupted by a crash (in flight for 5 minutes without a provider id: resending could deliver it twice);
 * applies receipts left pending by a race.
 */
@ApplicationScoped
public class RecoveryJob {

    private static final Logger LOG = Logger.getLogger(RecoveryJob.class);

    private static final String STALE_INBOUND = """
            select distinct conversation_id from inbound_message
            where state = 'RECEIVED' and received_at < ?1 limit 200""";
    private static final String DUE_RETRIES = """
            select id from outbound_message
            where status = 'QUEUED' and next_attempt_at <= now() order by next_attempt_at limit 100""";
    private static final String INTERRUPTED = """
            update outbound_message set status = 'FAILED', error_message = 'send interrupted (instance stopped)',
                   updated_at = now()
            where status = 'QUEUED' and next_attempt_at is null and provider_message_id is null
              and updated_at < now() - interval '5 minutes'""";

    private final Sql sql;
    private final EngineContext context;
    private final EngineConfig config;
    private final ConversationProcessor processor;
    private final Outbox outbox;
    private final DeliveryReceipts receipts;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    public RecoveryJob(Sql sql, EngineContext context, EngineConfig config, ConversationProcessor processor,
                       Outbox outbox, DeliveryReceipts receipts, Vertx vertx) {
        this.sql = sql;
        this.context = context;
        this.config = config;
        this.processor = processor;
        this.outbox = outbox;
        this.receipts = receipts;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.recoveryInterval().toMillis(), id -> runOnce());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Runs one pass unless one is still running. */
    public void runOnce() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        context.runDetached(() -> pass().onTermination().invoke(() -> running.set(false)),
                e -> LOG.warnf(e, "recovery pass failed"));
    }

    private Uni<Void> pass() {
        Instant before = Instant.now().minus(config.recoveryAge());
        return sql.column(STALE_INBOUND, Object.class, Columns.utc(before))
                .invoke(ids -> ids.stream().mapToLong(Columns::asLong)
                        .filter(id -> !processor.isActive(id)).forEach(processor::schedule))
                .chain(() -> sql.column(DUE_RETRIES, Object.class))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> outbox.retry(Columns.asLong(id)))
                        .collect().last())
                .chain(() -> sql.update(INTERRUPTED))
                .chain(receipts::relinkPending);
    }
}
