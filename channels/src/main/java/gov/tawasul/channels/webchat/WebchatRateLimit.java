package gov.tawasul.channels.webchat;

import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.RedisOutage;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a visitor's messages in Redis, shared by every instance and tab: key
 * {@code <prefix>webchat:rate:<visitor id>}, a counter that expires {@code tawasul.webchat.rate-window} after the
 * first message of its window (one Lua script, atomic). The returned {@link Uni} completes on a Lettuce thread (or
 * the caller's, below).
 * <p>
 * While Redis cannot be reached ({@link RedisOutage}) a visitor is counted by this instance alone, with the same
 * limit and window, so that web chat keeps answering (a review saw every frame go unanswered on an instance started
 * without Redis: the count failed and the message was dropped); once the instance counts {@value #LOCAL_VISITORS}
 * visitors, those whose window is over are forgotten.
 */
@ApplicationScoped
public class WebchatRateLimit {

    /** KEYS: counter. ARGV: window ms. Returns the count, this message included. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    /** Visitors counted locally before the ones whose window is over are dropped. */
    static final int LOCAL_VISITORS = 100_000;

    private final StatefulRedisConnection<String, String> redis;
    private final WebchatConfig config;
    private final RedisOutage outage;
    private final String prefix;
    /** Visitor → {window start ms, count}: the counts of a Redis outage. */
    private final ConcurrentHashMap<String, long[]> local = new ConcurrentHashMap<>();

    WebchatRateLimit(StatefulRedisConnection<String, String> redis, WebchatConfig config, RedisConfig redisConfig,
                     RedisOutage outage) {
        this.redis = redis;
        this.config = config;
        this.outage = outage;
        this.prefix = redisConfig.keyPrefix() + "webchat:rate:";
    }

    /** @return whether {@code visitor} may send one more message now (counted) */
    public Uni<Boolean> allow(String visitor) {
        return Uni.createFrom().completionStage(() -> redis.async().<Long>eval(COUNT, ScriptOutputType.INTEGER,
                        new String[]{prefix + visitor}, Long.toString(config.rateWindow().toMillis())))
                .map(n -> n <= config.rateLimit())
                .onFailure(outage::absorbed).recoverWithItem(() -> allowLocally(visitor, System.currentTimeMillis()));
    }

    /** @return whether {@code visitor} may send one more message, counted by this instance (Redis away) */
    boolean allowLocally(String visitor, long nowMillis) {
        long window = config.rateWindow().toMillis();
        if (local.size() >= LOCAL_VISITORS) {
            local.values().removeIf(w -> nowMillis - w[0] >= window);
        }
        long[] counted = local.compute(visitor, (v, w) -> w == null || nowMillis - w[0] >= window
                ? new long[] {nowMillis, 1} : new long[] {w[0], w[1] + 1});
        return counted[1] <= config.rateLimit();
    }
}
