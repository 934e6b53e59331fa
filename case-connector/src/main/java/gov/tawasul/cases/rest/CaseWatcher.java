package gov.tawasul.cases.rest;

import gov.tawasul.cases.CaseLookupProducer;
import gov.tawasul.cases.CasesConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.notify.CaseEventIntake;
import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.SingletonLease;
import gov.tawasul.engine.store.CaseFollowers;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The watch mode, for case systems that cannot push events ({@code tawasul.cases.watch.enabled=true} with
 * {@code tawasul.cases.connector=rest}): every {@code tick} (60 s) a slice of the followed cases is looked up with
 * {@code GET /cases/{n}}, so that every followed case is looked at once per {@code interval} (15 min), the calls
 * spread over it and at most {@code calls-per-minute} (60); the slice continues in case-number order where the last
 * one stopped. {@link CaseEventIntake#observe} makes an event when {@code status} or {@code updatedAt} changed (the
 * first sighting is the baseline: nobody is told). One instance at a time: the {@link SingletonLease}
 * {@code <prefix>cases:watch-lease}, renewed by its holder every tick.
 */
@ApplicationScoped
@Startup
public class CaseWatcher {

    private static final Logger LOG = Logger.getLogger(CaseWatcher.class);

    private final boolean active;
    private final CasesConfig.Watch config;
    private final Instance<RestCaseLookup> rest;
    private final CaseFollowers followers;
    private final CaseEventIntake intake;
    private final EngineContext context;
    private final Instance<StatefulRedisConnection<String, String>> redis;
    private final String leaseKey;
    private volatile SingletonLease lease;
    private volatile String cursor = "";

    @Inject
    CaseWatcher(CasesConfig config, CaseLookupProducer producer, Instance<RestCaseLookup> rest,
                CaseFollowers followers, CaseEventIntake intake, EngineContext context,
                Instance<StatefulRedisConnection<String, String>> redis, RedisConfig redisConfig) {
        this.config = config.watch();
        this.active = this.config.enabled() && producer.connector() == CaseLookupProducer.Connector.REST;
        if (this.config.enabled() && !active) {
            LOG.warn("tawasul.cases.watch.enabled=true needs tawasul.cases.connector=rest: the watch mode is off");
        }
        if (active && (this.config.callsPerMinute() < 1 || this.config.interval().isZero()
                || this.config.interval().isNegative())) {
            throw new IllegalArgumentException("tawasul.cases.watch.calls-per-minute and interval must be positive");
        }
        this.rest = rest;
        this.followers = followers;
        this.intake = intake;
        this.context = context;
        this.redis = redis;
        this.leaseKey = redisConfig.keyPrefix() + "cases:watch-lease";
    }

    /** One slice; a failure is logged and the next tick goes on. */
    @Scheduled(every = "${tawasul.cases.watch.tick:60s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!active) {
            return Uni.createFrom().voidItem();
        }
        Executor here = context.currentContextExecutor();
        return hold().emitOn(here).chain(held -> held ? slice() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "case watch pass failed");
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Boolean> hold() {
        if (lease == null) {
            lease = new SingletonLease(redis.get(), leaseKey);
        }
        return lease.hold(config.tick().multipliedBy(3));
    }

    private Uni<Void> slice() {
        return followers.followedCaseCount().chain(total -> {
            int budget = budget(total);
            if (budget == 0) {
                return Uni.createFrom().voidItem();
            }
            return followers.followedCases(cursor, budget).chain(cases -> {
                cursor = cases.size() < budget ? "" : cases.get(cases.size() - 1);
                return watch(cases);
            });
        });
    }

    /** @return calls this tick: the share of a full round per interval, within the per-minute budget */
    int budget(long followedCases) {
        double ticksPerInterval = Math.max(1.0, (double) config.interval().toMillis() / config.tick().toMillis());
        long share = (long) Math.ceil(followedCases / ticksPerInterval);
        long cap = Math.max(1, Math.round(config.callsPerMinute() * config.tick().toMillis() / 60_000.0));
        return (int) Math.min(share, cap);
    }

    private Uni<Void> watch(List<String> cases) {
        RestCaseLookup lookup = rest.get();
        return Multi.createFrom().iterable(cases)
                .onItem().transformToUniAndConcatenate(number -> lookup.lookup(number).chain(result ->
                        result instanceof CaseLookupResult.Found found
                                ? intake.observe(CaseEventIntake.Source.WATCH, found.record())
                                : Uni.createFrom().item(false)))
                .collect().last().replaceWithVoid();
    }
}
