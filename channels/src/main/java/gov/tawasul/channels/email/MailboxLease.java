package gov.tawasul.channels.email;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.UUID;

/**
 * Makes one running instance the reader of the mailbox: a Redis lease {@code <prefix>email:imap-lease} taken with
 * {@code SET key token NX PX ttl} and renewed by its holder (compare-and-expire), released with compare-and-delete;
 * a crashed holder's lease expires after the ttl. Each reader has its own token, so that two readers in one JVM (a
 * test) exclude each other like two instances. Blocking (Lettuce's synchronous API): called on the reader's thread.
 */
final class MailboxLease {

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

    /** @param key the lease's key, e.g. {@code tawasul:email:imap-lease} */
    MailboxLease(StatefulRedisConnection<String, String> redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** @return true when this reader holds the lease for the next {@code ttl} */
    boolean hold(Duration ttl) {
        Long held = redis.sync().eval(HOLD, ScriptOutputType.INTEGER, new String[]{key}, token,
                Long.toString(ttl.toMillis()));
        return held != null && held == 1L;
    }

    /** Gives the lease up if this reader holds it. */
    void release() {
        redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[]{key}, token);
    }
}
