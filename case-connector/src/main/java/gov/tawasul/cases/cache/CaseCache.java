package gov.tawasul.cases.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.cases.CaseLookupProducer;
import gov.tawasul.cases.CasesConfig;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.notify.CaseEventListener;
import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Redis cache of the cases the REST connector found ({@code tawasul.cases.connector=rest}): one hash per case,
 * {@code <prefix>cases:cache:<case number>} with the fields {@code record} (the case as JSON, contacts included),
 * {@code updated} (its {@code updatedAt} in epoch ms, {@code -1} when none) and {@code stored} (when it was written,
 * epoch ms). An entry is fresh for {@code tawasul.cases.cache-ttl} after it was stored; the key lives
 * {@code cache-ttl + cache-keep}, the stale copy only serving the "as of" answer while the case API is down.
 * <p>
 * Every case event replaces the entry ({@link #changed}: push, watch, CSV import), so that a lookup within the TTL
 * never answers a status older than the last event. A lookup's answer is written only when it is not older than the
 * entry (a lookup that started before an event and ended after it does not put the old status back). The cache holds
 * case records, not answers: who may see a case is still decided per asker by the engine. Off ({@link #active()}
 * false, every call does nothing) with the local connector — the table is local already — or {@code cache-ttl=0}.
 * All calls are asynchronous on the shared Lettuce connection and complete on the caller's Vert.x context.
 */
@ApplicationScoped
public class CaseCache implements CaseEventListener {

    private static final Logger LOG = Logger.getLogger(CaseCache.class);

    /** KEYS: entry. ARGV: record JSON, updated ms, stored ms, key ttl ms, force (1: an event). */
    private static final String PUT = """
            if ARGV[5] ~= '1' then
              local known = redis.call('HGET', KEYS[1], 'updated')
              if known and tonumber(known) > tonumber(ARGV[2]) then return 0 end
            end
            redis.call('HSET', KEYS[1], 'record', ARGV[1], 'updated', ARGV[2], 'stored', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1""";

    /**
     * The lookups' answers of one write-behind batch. KEYS: entries. ARGV: key ttl ms, then per entry record JSON,
     * updated ms, stored ms. Each is written unless its entry holds a case updated later. Returns how many were.
     */
    private static final String PUT_LOOKUPS = """
            local n = 0
            for i, key in ipairs(KEYS) do
              local at = 2 + (i - 1) * 3
              local known = redis.call('HGET', key, 'updated')
              if not (known and tonumber(known) > tonumber(ARGV[at + 1])) then
                redis.call('HSET', key, 'record', ARGV[at], 'updated', ARGV[at + 1], 'stored', ARGV[at + 2])
                redis.call('PEXPIRE', key, ARGV[1])
                n = n + 1
              end
            end
            return n""";

    /** How long a lookup's answer waits to be written with the others that came meanwhile. */
    static final long WRITE_BEHIND_MILLIS = 10;

    /**
     * What the cache holds of a case.
     *
     * @param record   the case
     * @param storedAt when it was written
     * @param fresh    whether it was written less than {@code cache-ttl} ago
     */
    public record Entry(CaseRecord record, Instant storedAt, boolean fresh) {
    }

    /** The JSON form of a cached case (the engine's model has no JSON binding of its own). */
    record Json(String caseNumber, String status, LocalizedText statusLabel, LocalizedText department,
                LocalizedText nextStep, OffsetDateTime updatedAt, List<Contact> contacts, boolean demo) {
    }

    /** A contact in {@link Json}: the channel's wire name and the address. */
    record Contact(String channel, String address) {
    }

    private final StatefulRedisConnection<String, String> redis;
    private final EngineContext context;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration ttl;
    private final long keyTtlMillis;
    private final boolean active;
    private volatile Clock clock = Clock.systemUTC();
    private final Vertx vertx;
    /** Lookups' answers not written yet: key, record JSON, updated ms, stored ms. */
    private final ConcurrentLinkedQueue<String[]> unwritten = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    @Inject
    CaseCache(StatefulRedisConnection<String, String> redis, EngineContext context, ObjectMapper json,
              RedisConfig redisConfig, CasesConfig config, CaseLookupProducer producer, Vertx vertx) {
        this.vertx = vertx;
        if (config.cacheTtl().isNegative() || config.cacheKeep().isNegative()) {
            throw new IllegalArgumentException("tawasul.cases.cache-ttl and cache-keep must not be negative");
        }
        this.redis = redis;
        this.context = context;
        this.json = json;
        this.prefix = redisConfig.keyPrefix() + "cases:cache:";
        this.ttl = config.cacheTtl();
        this.keyTtlMillis = config.cacheTtl().plus(config.cacheKeep()).toMillis();
        this.active = !config.cacheTtl().isZero() && producer.connector() == CaseLookupProducer.Connector.REST;
    }

    /** @return whether lookups are cached (REST connector, {@code cache-ttl} above 0) */
    public boolean active() {
        return active;
    }

    /** @return the Redis key of a case's entry */
    public String key(String caseNumber) {
        return prefix + caseNumber;
    }

    /** @return the entry of a case, fresh or stale, or empty; must be called on a Vert.x context */
    public Uni<Optional<Entry>> get(String caseNumber) {
        if (!active) {
            return Uni.createFrom().item(Optional.empty());
        }
        var back = context.currentContextExecutor();
        return Uni.createFrom().completionStage(() -> redis.async().hgetall(key(caseNumber)))
                .map(this::entry).emitOn(back);
    }

    /**
     * Stores what the case API answered, unless the entry holds a case updated later: written behind, within
     * {@value #WRITE_BEHIND_MILLIS} ms, together with the other answers that came meanwhile (one script for all, off
     * the reply's way). Returns at once; a failed write is logged (the next lookup asks the API again).
     */
    public Uni<Void> putLookup(CaseRecord record) {
        if (!active) {
            return Uni.createFrom().voidItem();
        }
        unwritten.add(new String[]{key(record.caseNumber()), write(record), updatedMillis(record),
                Long.toString(clock.millis())});
        if (writeScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WRITE_BEHIND_MILLIS, id -> writeBehind());
        }
        return Uni.createFrom().voidItem();
    }

    private void writeBehind() {
        writeScheduled.set(false);
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(keyTtlMillis));
        for (String[] put; (put = unwritten.poll()) != null; ) {
            keys.add(put[0]);
            args.add(put[1]);
            args.add(put[2]);
            args.add(put[3]);
        }
        if (keys.isEmpty()) {
            return;
        }
        try {
            redis.async().<Long>eval(PUT_LOOKUPS, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                    args.toArray(String[]::new)).exceptionally(e -> {
                        LOG.warnf("case cache: %d answer(s) not stored: %s", keys.size(), e.getMessage());
                        return 0L;
                    });
        } catch (RuntimeException e) {
            LOG.warnf(e, "case cache: %d answer(s) not stored", keys.size());
        }
    }

    private static String updatedMillis(CaseRecord record) {
        return Long.toString(record.updatedAt() == null ? -1 : record.updatedAt().toInstant().toEpochMilli());
    }

    /** A case event: the entry becomes the event's case, whatever it held. */
    @Override
    public Uni<Void> changed(CaseRecord record) {
        return put(record, true);
    }

    /** Tests: the clock freshness is judged by ({@code null}: the system clock). */
    public void use(Clock clock) {
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    private Uni<Void> put(CaseRecord record, boolean force) {
        if (!active) {
            return Uni.createFrom().voidItem();
        }
        String body = write(record);
        String updated = updatedMillis(record);
        String stored = Long.toString(clock.millis());
        var back = context.currentContextExecutor();
        return Uni.createFrom().completionStage(() -> redis.async().<Long>eval(PUT, ScriptOutputType.INTEGER,
                        new String[]{key(record.caseNumber())}, body, updated, stored, Long.toString(keyTtlMillis),
                        force ? "1" : "0"))
                .emitOn(back).replaceWithVoid();
    }

    /**
     * @param fields the entry's hash as read ({@code HGETALL}: field → value; empty when there is none)
     * @return the entry they hold, or empty (none, or written by another version: a miss)
     */
    public Optional<Entry> entry(Map<String, String> fields) {
        if (fields == null || fields.get("record") == null || fields.get("stored") == null) {
            return Optional.empty();
        }
        try {
            Json j = json.readValue(fields.get("record"), Json.class);
            List<CaseContact> contacts = j.contacts() == null ? List.of() : j.contacts().stream()
                    .map(c -> new CaseContact(Channel.fromWireName(c.channel()), c.address())).toList();
            CaseRecord record = new CaseRecord(j.caseNumber(), j.status(), j.statusLabel(), j.department(),
                    j.nextStep(), j.updatedAt(), contacts, j.demo());
            Instant storedAt = Instant.ofEpochMilli(Long.parseLong(fields.get("stored")));
            return Optional.of(new Entry(record, storedAt, storedAt.plus(ttl).isAfter(clock.instant())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // an entry of another version: a miss, replaced by the next answer
        }
    }

    private String write(CaseRecord r) {
        try {
            return json.writeValueAsString(new Json(r.caseNumber(), r.status(), r.statusLabel(), r.department(),
                    r.nextStep(), r.updatedAt(), r.contacts().stream()
                    .map(c -> new Contact(c.channel().wireName(), c.address())).toList(), r.demo()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case record cannot be written as JSON", e);
        }
    }
}
