package gov.tawasul.engine.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the one shared Redis connection without making start-up depend on Redis. The first try is made on the
 * thread that first asks (the main thread at start-up: Lettuce's connect blocks); if Redis does not answer, the app
 * starts anyway with a {@link DeferredRedisConnection} that fails each command as a down connection does (readiness
 * says Redis is DOWN; leases are not taken, so the one-instance jobs wait; the case cache misses; dedup stays on the
 * database constraint), and a daemon thread {@code redis-link} tries again every second, with one warning when it
 * starts and one line when Redis answers. Once connected, Lettuce reconnects by itself after a loss.
 * <p>
 * Work that needs its own connection (the pub/sub subscriptions) registers with {@link #whenConnected}: run at once if
 * Redis answered, else on the {@code redis-link} thread when it does, retried every second while it throws.
 * Produced (and closed) by {@link RedisConnectionProducer}.
 */
public class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);
    private static final long RETRY_MILLIS = 1000;

    private final RedisClient client;
    private final String where;
    private final DeferredRedisConnection.Deferred deferred;
    private final List<Task> pending = new ArrayList<>();
    private boolean tried;
    private volatile boolean stopped;
    private Thread retrying;

    private record Task(String what, Runnable work) {
    }

    RedisLink(RedisClient client, RedisConfig config) {
        this.client = client;
        RedisURI uri = RedisURI.create(config.url());
        this.where = uri.getHost() + ":" + uri.getPort();
        this.deferred = DeferredRedisConnection.create(where);
    }

    /**
     * @return the shared connection: the real one once Redis answered, until then one whose commands fail with
     *         {@link io.lettuce.core.RedisConnectionException}; the same object either way
     */
    public StatefulRedisConnection<String, String> connection() {
        firstTry();
        return deferred.connection();
    }

    /** @return whether Redis has answered since the app started (after that, Lettuce's own reconnects take over) */
    public boolean connected() {
        return deferred.handler().real() != null;
    }

    /**
     * Runs {@code work} once Redis answers: now, on this thread, if it already did; else later on the
     * {@code redis-link} thread. While {@code work} throws it is tried again every second (logged once).
     *
     * @param what named in the log, e.g. "conversation events subscription"
     */
    public void whenConnected(String what, Runnable work) {
        firstTry();
        synchronized (this) {
            if (!connected() || !pending.isEmpty()) {
                pending.add(new Task(what, work));
                return;
            }
        }
        if (!runOnce(new Task(what, work), false)) {
            synchronized (this) {
                pending.add(new Task(what, work));
                startRetrying();
            }
        }
    }

    /**
     * Opens a pub/sub connection and subscribes it to {@code channel}. <b>Blocks</b> (Lettuce's connect): call it from
     * {@link #whenConnected} work.
     *
     * @param onMessage receives each message's payload, on Lettuce's thread
     * @return the subscribed connection (Lettuce resubscribes it after a reconnect); close it at shutdown
     * @throws RedisException when Redis refused; nothing is left open then
     */
    public StatefulRedisPubSubConnection<String, String> subscribe(String channel, Consumer<String> onMessage) {
        StatefulRedisPubSubConnection<String, String> s = client.connectPubSub();
        s.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                onMessage.accept(message);
            }
        });
        try {
            s.sync().subscribe(channel);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private synchronized void firstTry() {
        if (tried) {
            return;
        }
        tried = true;
        if (io.vertx.core.Context.isOnEventLoopThread() || !tryConnect()) {
            LOG.warnf("Redis at %s is not reachable; the app runs without it (readiness DOWN) and tries again every "
                    + "second", where);
            startRetrying();
        }
    }

    private boolean tryConnect() {
        try {
            deferred.handler().attach(client.connect());
            return true;
        } catch (RedisException e) {
            return false;
        }
    }

    private synchronized void startRetrying() {
        if (retrying != null || stopped) {
            return;
        }
        retrying = new Thread(this::retry, "redis-link");
        retrying.setDaemon(true);
        retrying.start();
    }

    private void retry() {
        long started = System.nanoTime();
        boolean wasDown = !connected();
        while (!stopped && !connected() && !tryConnect()) {
            if (!pause()) {
                return;
            }
        }
        if (wasDown && connected()) {
            LOG.infof("Redis at %s answers (%d s after the first try)", where,
                    (System.nanoTime() - started) / 1_000_000_000L);
        }
        List<String> warned = new ArrayList<>();
        while (!stopped) {
            Task next;
            synchronized (this) {
                if (pending.isEmpty()) {
                    retrying = null;
                    return;
                }
                next = pending.get(0);
            }
            if (runOnce(next, warned.contains(next.what()))) {
                synchronized (this) {
                    pending.remove(0);
                }
            } else {
                warned.add(next.what());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private boolean runOnce(Task task, boolean quiet) {
        try {
            task.work().run();
            return true;
        } catch (RuntimeException e) {
            if (!quiet) {
                LOG.warnf("%s with Redis at %s failed, trying again every second: %s", task.what(), where,
                        e.getMessage());
            }
            return false;
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops trying and closes the connection (before the client shuts down). */
    void close() {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = retrying;
        }
        if (t != null) {
            t.interrupt();
        }
        StatefulRedisConnection<String, String> real = deferred.handler().real();
        if (real != null) {
            real.close();
        }
    }
}
