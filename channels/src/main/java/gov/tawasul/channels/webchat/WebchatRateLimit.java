package gov.tawasul.channels.webchat;

import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts a visitor's messages in Redis, shared by every instance and tab: key
 * {@code <prefix>webchat:rate:<visitor id>}, a counter that expires {@code tawasul.webchat.rate-window} after the
 * first message of its window (one Lua script, atomic). The returned {@link Uni} completes on a Lettuce thread.
 */
@ApplicationScoped
public class WebchatRateLimit {

    /** KEYS: counter. ARGV: window ms. Returns the count, this message included. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    private final StatefulRedisConnection<String, String> redis;
    private final WebchatConfig config;
    private final String prefix;

    WebchatRateLimit(StatefulRedisConnection<String, String> redis, WebchatConfig config, RedisConfig redisConfig) {
        this.redis = redis;
        this.config = config;
        this.prefix = redisConfig.keyPrefix() + "webchat:rate:";
    }

    /** @return whether {@code visitor} may send one more message now (counted) */
    public Uni<Boolean> allow(String visitor) {
        return Uni.createFrom().completionStage(() -> redis.async().<Long>eval(COUNT, ScriptOutputType.INTEGER,
                        new String[]{prefix + visitor}, Long.toString(config.rateWindow().toMillis())))
                .map(n -> n <= config.rateLimit());
    }
}
