package gov.tawasul.engine.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.UUID;

/**
 * Makes one holder at a time (one running instance, or one reader in a test) do a job: a Redis lease on one key,
 * taken with {@code SET key token NX PX ttl} and renewed by its holder (compare-and-expire), released with
 * compare-and-delete; a crashed holder's lease expires after {@code ttl}. Each object has its own random token. Used
 * by the X poller, the mailbox reader and the case watcher. The returned {@link Uni}s complete on a Lettuce thread;
 * a caller on a worker thread may await them.
 */
public final class SingletonLease {

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

    /** @param key the lease's whole key, e.g. {@code tawasul:twitter:poll-lease} */
    public SingletonLease(StatefulRedisConnection<String, String> redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** @return true when this holder holds the lease for the next {@code ttl} (taken or renewed) */
    public Uni<Boolean> hold(Duration ttl) {
        return Uni.createFrom().completionStage(() -> redis.async()
                        .<Long>eval(HOLD, ScriptOutputType.INTEGER, new String[]{key}, token,
                                Long.toString(ttl.toMillis())))
                .map(held -> held != null && held == 1L);
    }

    /** Gives the lease up if this holder holds it. */
    public Uni<Void> release() {
        return Uni.createFrom().completionStage(() -> redis.async()
                        .<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{key}, token))
                .replaceWithVoid();
    }
}
