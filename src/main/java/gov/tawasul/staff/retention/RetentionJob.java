package gov.tawasul.staff.retention;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.SingletonLease;
import gov.tawasul.engine.store.CaseFollowers;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.Notifications;
import gov.tawasul.engine.store.OutboundMessages;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daily retention job ({@code tawasul.retention.cron}, 02:30): for each channel, message texts, payloads and
 * citizen addresses older than its retention ({@code tawasul.retention.messages}, 90 days, or
 * {@code messages-per-channel.<channel>}) are erased by the stores that own the tables — inbound and outbound texts
 * blanked, recipients and conversations' citizen addresses replaced by their keyed hash, finished notifications'
 * addresses hashed, stopped followers removed — keeping every row, count, status and time reports need. Audit
 * events older than {@code tawasul.retention.audit} (2 years) are removed through {@link AuditLog#purgeBefore}.
 * Each run is recorded as {@code RETENTION_APPLIED} with what it did. One instance at a time: the
 * {@link SingletonLease} {@code <prefix>retention:lease}, held for an hour and not released, so the other instances
 * whose timers fire the same night skip. Work is done in batches; a run may be repeated (it only finds what is
 * left).
 */
@ApplicationScoped
@Startup
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final Duration LEASE = Duration.ofHours(1);
    private static final Duration MIN_AUDIT = Duration.ofDays(30);

    private final RetentionConfig config;
    private final InboundMessages inbound;
    private final OutboundMessages outbound;
    private final Notifications notifications;
    private final CaseFollowers followers;
    private final Conversations conversations;
    private final AuditLog audit;
    private final EngineContext context;
    private final Instance<StatefulRedisConnection<String, String>> redis;
    private final String leaseKey;
    private volatile SingletonLease lease;

    @Inject
    RetentionJob(RetentionConfig config, InboundMessages inbound, OutboundMessages outbound,
                 Notifications notifications, CaseFollowers followers, Conversations conversations, AuditLog audit,
                 EngineContext context, Instance<StatefulRedisConnection<String, String>> redis,
                 RedisConfig redisConfig) {
        this.config = config;
        this.inbound = inbound;
        this.outbound = outbound;
        this.notifications = notifications;
        this.followers = followers;
        this.conversations = conversations;
        this.audit = audit;
        this.context = context;
        this.redis = redis;
        this.leaseKey = redisConfig.keyPrefix() + "retention:lease";
        check(config);
    }

    /** Refuses retentions that cannot be meant (start-up stops, naming the setting). */
    static void check(RetentionConfig config) {
        positive("tawasul.retention.messages", config.messages());
        config.messagesPerChannel().forEach((name, retention) -> {
            try {
                Channel.fromWireName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tawasul.retention.messages-per-channel." + name
                        + ": unknown channel (sms, facebook, twitter, email, whatsapp, webchat)");
            }
            positive("tawasul.retention.messages-per-channel." + name, retention);
        });
        if (config.audit().compareTo(MIN_AUDIT) < 0) {
            throw new IllegalArgumentException("tawasul.retention.audit must be at least 30 days: " + config.audit());
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** The timer: the holder of the lease runs {@link #apply}; a failure is logged, the next night tries again. */
    @Scheduled(cron = "${tawasul.retention.cron:0 30 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        if (lease == null) {
            lease = new SingletonLease(redis.get(), leaseKey);
        }
        return lease.hold(LEASE).emitOn(context.currentContextExecutor())
                .chain(held -> held ? apply(Instant.now()).replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "retention run failed");
                    return Uni.createFrom().voidItem();
                });
    }

    /** @return the retention of {@code channel}: its own setting, else {@code tawasul.retention.messages} */
    public Duration retentionOf(Channel channel) {
        Duration own = config.messagesPerChannel().get(channel.wireName());
        return own == null ? config.messages() : own;
    }

    /**
     * Runs once as of {@code now} (tests give their own {@code now}), whoever holds the lease, and records it.
     *
     * @return what it did
     */
    public Uni<RetentionRun> apply(Instant now) {
        Map<String, Map<String, Object>> done = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Channel channel : Channel.values()) {
            Instant cutoff = now.minus(retentionOf(channel));
            chain = chain.chain(() -> channel(channel, cutoff)).invoke(counts -> done.put(channel.wireName(), counts))
                    .replaceWithVoid();
        }
        Instant auditCutoff = now.minus(config.audit());
        return chain.chain(() -> audit.purgeBefore(auditCutoff))
                .map(removed -> new RetentionRun(done, auditCutoff, removed))
                .call(run -> audit.record(AuditLog.SYSTEM, AuditAction.RETENTION_APPLIED, "retention", null,
                        run.detail()))
                .invoke(run -> LOG.infof("retention applied: audit events before %s removed: %d; per channel %s",
                        auditCutoff, run.auditRemoved(), run.channels()));
    }

    private Uni<Map<String, Object>> channel(Channel channel, Instant cutoff) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("cutoff", cutoff.toString());
        return drain(() -> inbound.redactOlderThan(channel, cutoff)).invoke(n -> counts.put("inbound", n))
                .chain(() -> drain(() -> outbound.redactOlderThan(channel, cutoff)))
                .invoke(n -> counts.put("outbound", n))
                .chain(() -> drain(() -> notifications.redactOlderThan(channel, cutoff)))
                .invoke(n -> counts.put("notifications", n))
                .chain(() -> followers.dropStoppedBefore(channel, cutoff)).invoke(n -> counts.put("followers", n))
                .chain(() -> drain(() -> conversations.redactInactive(channel, cutoff)))
                .invoke(n -> counts.put("conversations", n))
                .replaceWith(counts);
    }

    /** @return the sum of the batches of {@code batch}, repeated until one changes nothing */
    private static Uni<Integer> drain(Supplier<Uni<Integer>> batch) {
        return drain(batch, 0);
    }

    private static Uni<Integer> drain(Supplier<Uni<Integer>> batch, int sum) {
        return batch.get().chain(n -> n == 0 ? Uni.createFrom().item(sum) : drain(batch, sum + n));
    }
}
