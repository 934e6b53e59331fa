package gov.tawasul.channels.twitter;

import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Makes one running instance the X poller: a Redis lease {@code <prefix>twitter:poll-lease} taken with
 * {@code SET key token NX PX ttl} and renewed by its holder on every poll; a crashed holder's lease expires after
 * {@code ttl}. Released with compare-and-delete. The returned {@link Uni}s complete on a Lettuce thread.
 */
@ApplicationScoped
public class PollLease {

    /** Renew when we hold it, take it when free (SET NX PX), else 0. */
    private static final String HOLD = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              redis.call('pexpire', KEYS[1], ARGV[2]) return 1
            end
            if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            return 0""";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final StatefulRedisConnection<String, String> redis;
    private final String key;
    private final String token = UUID.randomUUID().toString();

    PollLease(StatefulRedisConnection<String, String> redis, RedisConfig config) {
        this.redis = redis;
        this.key = config.keyPrefix() + "twitter:poll-lease";
    }

    /** @return true when this instance holds the lease for the next {@code ttl} */
    public Uni<Boolean> hold(Duration ttl) {
        return Uni.createFrom().completionStage(() -> redis.async()
                        .<Long>eval(HOLD, ScriptOutputType.INTEGER, new String[]{key}, token,
                                Long.toString(ttl.toMillis())))
                .map(held -> held != null && held == 1L);
    }

    /** Gives the lease up if this instance holds it. */
    public Uni<Void> release() {
        return Uni.createFrom().completionStage(() -> redis.async()
                        .<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{key}, token))
                .replaceWithVoid();
    }
}
