package gov.tawasul.engine.identity;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Address;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * Bounded guessing: each sender may look up at most {@code tawasul.engine.lookup-budget} distinct case numbers per
 * clock hour (asking again about one already counted is free), all instances together (Redis sets
 * {@code <prefix>lookup:sender:<sender key>:<hour>}). Each case number counts its distinct senders in the hour
 * ({@code <prefix>lookup:case:<number>:<hour>}); at {@code tawasul.identity.lookup-report-senders} operators are told
 * once (metric {@code tawasul.lookup.many-senders} and one log line). One script, one round trip per number; the
 * same script reads the case connector's Redis hash of an admitted number ({@link
 * gov.tawasul.engine.port.CaseLookup#prefetchKey}: its cache entry), so that budget and cache cost one round trip.
 */
@ApplicationScoped
public class LookupBudget {

    private static final Logger LOG = Logger.getLogger(LookupBudget.class);

    /**
     * KEYS: sender set, case senders set, case report flag, sender refusal flag, optionally a hash to read.
     * ARGV: case number, budget, sender key, ttl ms, report threshold.
     * Returns {allowed 1|0, senders of the case, report 1|0, first refusal 1|0, the hash's fields and values (read
     * only when allowed; empty without the fifth key)}.
     */
    private static final String TAKE = """
            local allowed = 1
            if redis.call('sismember', KEYS[1], ARGV[1]) == 0 then
              if redis.call('scard', KEYS[1]) >= tonumber(ARGV[2]) then
                allowed = 0
              else
                redis.call('sadd', KEYS[1], ARGV[1])
                redis.call('pexpire', KEYS[1], ARGV[4])
              end
            end
            redis.call('sadd', KEYS[2], ARGV[3])
            redis.call('pexpire', KEYS[2], ARGV[4])
            local senders = redis.call('scard', KEYS[2])
            local report = 0
            if senders >= tonumber(ARGV[5]) and redis.call('set', KEYS[3], '1', 'NX', 'PX', ARGV[4]) then report = 1 end
            local first = 0
            if allowed == 0 and redis.call('set', KEYS[4], '1', 'NX', 'PX', ARGV[4]) then first = 1 end
            local fields = {}
            if allowed == 1 and KEYS[5] then fields = redis.call('hgetall', KEYS[5]) end
            return {allowed, senders, report, first, fields}""";

    /**
     * What {@link #take} decided.
     *
     * @param refusedUntil null when the lookup may go ahead, else the end of the hour (when the sender may ask again)
     * @param prefetched   the fields of the hash asked for, when the lookup may go ahead and one was asked for (empty
     *                     map: no such hash), else null
     */
    public record Taken(Instant refusedUntil, Map<String, String> prefetched) {
    }

    private final RedisScripts redis;
    private final Windows windows;
    private final IdentityMetrics metrics;
    private final int budget;
    private final int reportSenders;

    LookupBudget(RedisScripts redis, Windows windows, IdentityMetrics metrics, EngineConfig engine,
                 IdentityConfig config) {
        this.redis = redis;
        this.windows = windows;
        this.metrics = metrics;
        this.budget = engine.lookupBudget();
        this.reportSenders = config.lookupReportSenders();
    }

    /**
     * Counts {@code sender} asking about {@code caseNumber}.
     *
     * @return null when the lookup may go ahead, else the end of the hour (when the sender may ask again)
     */
    public Uni<Instant> take(Address sender, String caseNumber) {
        return take(sender, caseNumber, null).map(Taken::refusedUntil);
    }

    /**
     * Counts {@code sender} asking about {@code caseNumber} and, when the lookup may go ahead, reads the hash
     * {@code prefetchKey} in the same script.
     *
     * @param prefetchKey a full Redis key (a case connector's cache entry), or null for none
     */
    public Uni<Taken> take(Address sender, String caseNumber, String prefetchKey) {
        Windows.Window hour = windows.hour();
        String who = SenderKey.of(sender);
        String[] budgetKeys = {
                redis.key("lookup:sender:" + who + ":" + hour.id()),
                redis.key("lookup:case:" + caseNumber + ":" + hour.id()),
                redis.key("lookup:case-reported:" + caseNumber + ":" + hour.id()),
                redis.key("lookup:sender-refused:" + who + ":" + hour.id())};
        String[] keys = prefetchKey == null ? budgetKeys : new String[]{budgetKeys[0], budgetKeys[1], budgetKeys[2],
                budgetKeys[3], prefetchKey};
        return redis.eval(TAKE, keys, caseNumber, Integer.toString(budget), who,
                Long.toString(hour.ttlMillis(windows.now())), Integer.toString(reportSenders)).map(reply -> {
            if (RedisScripts.number(reply, 2) == 1) {
                metrics.manySenders();
                LOG.warnf("case number %s was asked about by %d different senders within this hour (possible "
                        + "enumeration or a leaked number)", caseNumber, RedisScripts.number(reply, 1));
            }
            if (RedisScripts.number(reply, 0) == 1) {
                return new Taken(null, prefetchKey == null ? null : RedisScripts.fields(reply, 4));
            }
            metrics.lookupRefused();
            if (RedisScripts.number(reply, 3) == 1) {
                LOG.warnf("sender %s looked up %d distinct case numbers this hour: further lookups refused until %s",
                        SenderKey.masked(sender), budget, hour.end());
            }
            return new Taken(hour.end(), null);
        });
    }
}
