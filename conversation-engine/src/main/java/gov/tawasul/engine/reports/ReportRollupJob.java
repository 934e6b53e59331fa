package gov.tawasul.engine.reports;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.SingletonLease;
import gov.tawasul.engine.store.ReportRollups;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the report rollups ({@link ReportRollups}) of closed local days ({@code tawasul.staff.time-zone}) current,
 * every {@code tawasul.reports.rollup.every} (15 min; {@code off} in tests): a day is closed an hour after its
 * local midnight ends (so that "stuck", not final an hour after queuing, is settled). Each run rolls every closed
 * day from the first message on that is not rolled yet, oldest first, and rolls again the last
 * {@code tawasul.reports.rollup.reroll-days} (7) closed days, which late delivery receipts (a status changed
 * after the day was rolled) may have changed; older days are not read again. One instance at a time: the
 * {@link SingletonLease} {@code <prefix>reports:rollup-lease}, held for an hour and renewed by its holder's runs.
 */
@ApplicationScoped
@Startup
public class ReportRollupJob {

    private static final Logger LOG = Logger.getLogger(ReportRollupJob.class);
    private static final Duration LEASE = Duration.ofHours(1);
    /** How long after a day's end it counts as closed. */
    public static final Duration SETTLE = Duration.ofHours(1);

    private final ReportRollups rollups;
    private final ZoneId zone;
    private final int rerollDays;
    private final EngineContext context;
    private final Instance<StatefulRedisConnection<String, String>> redis;
    private final String leaseKey;
    private volatile SingletonLease lease;

    @Inject
    ReportRollupJob(ReportRollups rollups,
                    @ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = "Asia/Riyadh") String zone,
                    @ConfigProperty(name = "tawasul.reports.rollup.reroll-days", defaultValue = "7") int rerollDays,
                    EngineContext context, Instance<StatefulRedisConnection<String, String>> redis,
                    RedisConfig redisConfig) {
        if (rerollDays < 0) {
            throw new IllegalArgumentException("tawasul.reports.rollup.reroll-days must not be negative: " + rerollDays);
        }
        this.rollups = rollups;
        this.zone = ZoneId.of(zone);
        this.rerollDays = rerollDays;
        this.context = context;
        this.redis = redis;
        this.leaseKey = redisConfig.keyPrefix() + "reports:rollup-lease";
    }

    /** The timer: the holder of the lease runs {@link #rollUp}; a failure is logged, the next run tries again. */
    @Scheduled(every = "${tawasul.reports.rollup.every:15m}", delayed = "${tawasul.reports.rollup.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (lease == null) {
            lease = new SingletonLease(redis.get(), leaseKey);
        }
        return lease.hold(LEASE).emitOn(context.currentContextExecutor())
                .chain(held -> held ? rollUp(Instant.now()).replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "report rollup failed");
                    return Uni.createFrom().voidItem();
                });
    }

    /** @return the last closed local day as of {@code now} */
    public LocalDate lastClosedDay(Instant now) {
        return now.minus(SETTLE).atZone(zone).toLocalDate().minusDays(1);
    }

    /**
     * One run as of {@code now} (tests give their own), whoever holds the lease.
     *
     * @return the days rolled, oldest first
     */
    public Uni<List<LocalDate>> rollUp(Instant now) {
        LocalDate last = lastClosedDay(now);
        return rollups.firstActivity().chain(first -> {
            if (first.isEmpty() || first.get().atZone(zone).toLocalDate().isAfter(last)) {
                return Uni.createFrom().item(List.<LocalDate>of());
            }
            LocalDate start = first.get().atZone(zone).toLocalDate();
            return rollups.rolledDays(zone, start, last).chain(rolled -> {
                List<LocalDate> days = due(start, last, new HashSet<>(rolled));
                return Multi.createFrom().iterable(days).onItem().transformToUniAndConcatenate(
                                d -> rollups.roll(zone, d).replaceWith(d))
                        .collect().asList()
                        .invoke(done -> LOG.debugf("report rollup: %d days rolled (%s … %s)", done.size(),
                                done.isEmpty() ? "-" : done.get(0), done.isEmpty() ? "-" : done.get(done.size() - 1)));
            });
        });
    }

    /** @return the days of {@code [first, last]} not in {@code rolled}, and the last re-roll days, in order */
    List<LocalDate> due(LocalDate first, LocalDate last, Set<LocalDate> rolled) {
        Set<LocalDate> days = new TreeSet<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!rolled.contains(d) || d.isAfter(last.minusDays(rerollDays))) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    /** @return the zone the days are local to */
    public ZoneId zone() {
        return zone;
    }
}
