package gov.tawasul.engine.redis;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells a failure that means "Redis cannot be reached" from a bug, so that a message whose answer needed Redis (the
 * lookup budget, a one-time code) is not marked {@code FAILED} but stays {@code RECEIVED} and is answered once Redis
 * is back (the recovery job schedules it again), as for a PostgreSQL outage. An outage is: Lettuce's
 * {@link RedisConnectionException} (also what {@link DeferredRedisConnection} gives before Redis first answered), a
 * command timing out or interrupted, or Lettuce's {@code RedisException("Connection closed")} for commands in flight
 * when the connection dropped. (The {@link java.io.IOException} a command in flight at that moment can fail with —
 * in the chaos run {@code SocketException: Connection reset}, one message FAILED when Redis stopped — is turned into a
 * {@link RedisConnectionException} by the engine's Redis callers, {@code identity.RedisScripts}.) A script error
 * ({@code RedisCommandExecutionException}) is a bug, not an outage. Absorbed failures are logged at most once per
 * {@link #LOG_EVERY_NANOS} with a count.
 */
@ApplicationScoped
public class RedisOutage {

    private static final Logger LOG = Logger.getLogger(RedisOutage.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    /**
     * Call before logging or marking a failure.
     *
     * @return true when {@code failure} means Redis cannot be reached (counted, logged at most every 10 s): the
     *         caller leaves the work to be retried; false for any other failure
     */
    public boolean absorbed(Throwable failure) {
        if (!isOutage(failure)) {
            return false;
        }
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("Redis unreachable (%s): messages that need it wait and are answered once it is back "
                    + "(%d more such failures since the last line)", failure, unlogged.getAndSet(0));
        } else {
            unlogged.incrementAndGet();
        }
        return true;
    }

    /** @return whether {@code failure} or one of its causes means Redis cannot be reached (see the class) */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
                    || t instanceof RedisCommandInterruptedException) {
                return true;
            }
            if (t.getClass() == RedisException.class && t.getMessage() != null
                    && t.getMessage().startsWith("Connection")) {
                return true;
            }
        }
        return false;
    }
}
