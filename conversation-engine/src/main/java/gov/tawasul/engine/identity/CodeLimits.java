package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The limits on one-time codes, all in Redis and shared by the instances: at most
 * {@code tawasul.identity.max-codes-per-case-per-day} offers per case number (counted whether or not the number is a
 * case: the limit must not tell which exist), {@code max-codes-per-address-per-day} per requesting address, and
 * {@code max-codes-per-hour} code messages sent by the whole service (counted when sent, by {@link #countSent}).
 * Each limit reached is counted ({@code tawasul.identity.limited}) and logged once per window for operators.
 */
@ApplicationScoped
public class CodeLimits {

    private static final Logger LOG = Logger.getLogger(CodeLimits.class);

    /**
     * KEYS: address day counter, case day counter, global hour counter, then the three "logged" flags (global,
     * address, case). ARGV: address max, case max, global max, day ttl ms, hour ttl ms.
     * Returns {limit 0 none|1 global|2 address|3 case, first time 1|0}; counts the offer only when within limits.
     */
    private static final String OFFER = """
            local kind = 0
            if tonumber(redis.call('get', KEYS[3]) or '0') >= tonumber(ARGV[3]) then kind = 1
            elseif tonumber(redis.call('get', KEYS[1]) or '0') >= tonumber(ARGV[1]) then kind = 2
            elseif tonumber(redis.call('get', KEYS[2]) or '0') >= tonumber(ARGV[2]) then kind = 3 end
            if kind == 0 then
              redis.call('incr', KEYS[1])
              redis.call('pexpire', KEYS[1], ARGV[4])
              redis.call('incr', KEYS[2])
              redis.call('pexpire', KEYS[2], ARGV[4])
              return {0, 0}
            end
            local ttl = ARGV[4]
            if kind == 1 then ttl = ARGV[5] end
            if redis.call('set', KEYS[3 + kind], '1', 'NX', 'PX', ttl) then return {kind, 1} end
            return {kind, 0}""";

    /** KEYS: global hour counter, its "logged" flag. ARGV: max, hour ttl ms. Returns {count, first over 1|0}. */
    private static final String SENT = """
            local n = redis.call('incr', KEYS[1])
            redis.call('pexpire', KEYS[1], ARGV[2])
            if n > tonumber(ARGV[1]) and redis.call('set', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return {n, 1} end
            return {n, 0}""";

    private static final String[] NAMES = {"", "global", "address", "case"};

    private final RedisScripts redis;
    private final Windows windows;
    private final IdentityMetrics metrics;
    private final IdentityConfig config;

    CodeLimits(RedisScripts redis, Windows windows, IdentityMetrics metrics, IdentityConfig config) {
        this.redis = redis;
        this.windows = windows;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Counts an offer of a code for {@code caseNumber} to {@code requester}, when within every limit.
     *
     * @return null when a code may be offered (it is counted now), else when the requester may try again
     */
    public Uni<Instant> offer(Address requester, String caseNumber) {
        Windows.Window day = windows.day();
        Windows.Window hour = windows.hour();
        String who = SenderKey.of(requester);
        String[] keys = {
                redis.key("identity:address:" + who + ":" + day.id()),
                redis.key("identity:case:" + caseNumber + ":" + day.id()),
                redis.key("identity:sent:" + hour.id()),
                redis.key("identity:limited-global:" + hour.id()),
                redis.key("identity:limited-address:" + who + ":" + day.id()),
                redis.key("identity:limited-case:" + caseNumber + ":" + day.id())};
        Instant now = windows.now();
        return redis.eval(OFFER, keys, Integer.toString(config.maxCodesPerAddressPerDay()),
                Integer.toString(config.maxCodesPerCasePerDay()), Integer.toString(config.maxCodesPerHour()),
                Long.toString(day.ttlMillis(now)), Long.toString(hour.ttlMillis(now))).map(reply -> {
            int kind = (int) RedisScripts.number(reply, 0);
            if (kind == 0) {
                return null;
            }
            metrics.limited(NAMES[kind]);
            Instant until = kind == 1 ? hour.end() : day.end();
            if (RedisScripts.number(reply, 1) == 1) {
                LOG.warnf("one-time codes: the %s limit is reached (%s); no code until %s", NAMES[kind],
                        kind == 1 ? "service" : kind == 2 ? SenderKey.masked(requester) : "case " + caseNumber, until);
            }
            return until;
        });
    }

    /**
     * Counts a code message about to be sent against the service's hourly cap.
     *
     * @return true when it may be sent, false when the cap was reached meanwhile (it is not sent)
     */
    public Uni<Boolean> countSent() {
        Windows.Window hour = windows.hour();
        String[] keys = {redis.key("identity:sent:" + hour.id()), redis.key("identity:limited-global:" + hour.id())};
        return redis.eval(SENT, keys, Integer.toString(config.maxCodesPerHour()),
                Long.toString(hour.ttlMillis(windows.now()))).map(reply -> {
            boolean within = RedisScripts.number(reply, 0) <= config.maxCodesPerHour();
            if (!within) {
                metrics.limited("global");
                if (RedisScripts.number(reply, 1) == 1) {
                    LOG.warnf("one-time codes: the service's hourly cap of %d is reached; no code until %s",
                            config.maxCodesPerHour(), hour.end());
                }
            }
            return within;
        });
    }
}
