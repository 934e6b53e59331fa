package gov.tawasul.app.metrics;

import gov.tawasul.engine.store.ReportQueries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges of the handoff queue, read from {@code conversation} every {@code tawasul.metrics.handoff-interval} (15 s;
 * every instance reads the same table, so take the max, not the sum, over instances):
 * {@code tawasul.handoff.waiting} ({@code tawasul_handoff_waiting}: conversations waiting for staff) and
 * {@code tawasul.handoff.oldest.wait} ({@code tawasul_handoff_oldest_wait_seconds}: how long the oldest of them has
 * waited, wall time, 0 when none).
 */
@ApplicationScoped
public class HandoffGauges {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HandoffGauges.class);

    private final ReportQueries queries;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();
    private final MeterRegistry metrics;
    private final List<Gauge> gauges;

    HandoffGauges(ReportQueries queries, MeterRegistry metrics) {
        this.queries = queries;
        this.metrics = metrics;
        this.gauges = List.of(
                Gauge.builder("tawasul.handoff.waiting", waiting, AtomicLong::get)
                        .description("conversations waiting for staff").register(metrics),
                Gauge.builder("tawasul.handoff.oldest.wait", this, HandoffGauges::oldestSeconds)
                        .description("wait of the oldest conversation waiting for staff").baseUnit("seconds")
                        .register(metrics));
    }

    /**
     * The registry outlives this bean (the tests restart the app in one JVM, and Micrometer's global composite keeps
     * a meter by name): a gauge left behind would go on reading this dead instance, so the next one's values would
     * never show.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(metrics::remove);
    }

    /** Reads the queue once and sets both gauges; never fails (a failed or hung read leaves the last values). */
    @Scheduled(every = "${tawasul.metrics.handoff-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        // a read that hangs or fails must not stop the next ones (SKIP waits for this one to end): bounded, logged
        return queries.waiting(null).ifNoItem().after(Duration.ofSeconds(5)).fail()
                .invoke(w -> {
                    waiting.set(w.count());
                    oldest.set(w.oldestSince());
                })
                .onFailure().invoke(e -> LOG.debugf("handoff gauges not refreshed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private double oldestSeconds() {
        Instant since = oldest.get();
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
