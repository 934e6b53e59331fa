package gov.tawasul.channels.email;

import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.reply.EmailAddresses;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

/**
 * At most {@code tawasul.email.max-replies-per-sender-per-hour} automatic replies to one address in any sliding hour,
 * across all instances: a Redis sorted set {@code <prefix>email:replies:<address>} of the outbound message ids sent
 * to it, scored by time, trimmed to the last hour and checked in one Lua script (atomic). A retry of a message
 * already counted is allowed again (the id is the member). The last line of defence against a mail loop with an
 * auto-responder that marks nothing. Blocking (Lettuce's synchronous API): called by the sender on a worker thread.
 */
@ApplicationScoped
public class ReplyRateLimit {

    /** Trim, then allow when counted already or below the limit (adding it). ARGV: now ms, window ms, max, member. */
    private static final String TAKE = """
            redis.call('zremrangebyscore', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
            if redis.call('zscore', KEYS[1], ARGV[4]) then return 1 end
            if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('zadd', KEYS[1], ARGV[1], ARGV[4])
            redis.call('pexpire', KEYS[1], ARGV[2])
            return 1""";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;
    private final int max;
    private final Clock clock;

    @Inject
    ReplyRateLimit(StatefulRedisConnection<String, String> redis, RedisConfig redisConfig, EmailConfig config) {
        this(redis, redisConfig.keyPrefix(), config.maxRepliesPerSenderPerHour(), Clock.systemUTC());
    }

    ReplyRateLimit(StatefulRedisConnection<String, String> redis, String prefix, int max, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.max = max;
        this.clock = clock;
    }

    /** @return the most replies one address gets per hour */
    int max() {
        return max;
    }

    /**
     * @param address    the recipient (any form)
     * @param outboundId the message about to be sent
     * @return true when it may be sent (and it is counted now), false when the address had its replies this hour
     */
    public boolean take(String address, long outboundId) {
        Long allowed = redis.sync().eval(TAKE, ScriptOutputType.INTEGER,
                new String[]{prefix + "email:replies:" + EmailAddresses.canonical(address)},
                Long.toString(clock.millis()), Long.toString(WINDOW.toMillis()), Integer.toString(max),
                Long.toString(outboundId));
        return allowed != null && allowed == 1L;
    }
}
