package gov.tawasul.engine.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Produces the one shared Lettuce connection (thread-safe, pipelined; after a loss it reconnects by itself, trying
 * at least every {@link #RECONNECT_CAP}). Lettuce completes its futures on its own
 * Netty threads: callers that go on with Hibernate Reactive must first return to their Vert.x context.
 */
@ApplicationScoped
public class RedisConnectionProducer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RedisConnectionProducer.class);

    /** Longest wait between two reconnect attempts after Redis went away. */
    static final Duration RECONNECT_CAP = Duration.ofSeconds(1);

    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    RedisConnectionProducer() {
    }

    /** @return the shared connection, opened on first use from {@code tawasul.redis.url}. */
    @Produces
    @Singleton
    synchronized StatefulRedisConnection<String, String> connection(RedisConfig config) {
        if (connection == null) {
            connection = client(config).connect();
        }
        return connection;
    }

    /** @return the one Lettuce client (its pub/sub connections are opened by their users, at start-up) */
    @Produces
    @Singleton
    synchronized RedisClient client(RedisConfig config) {
        if (client == null) {
            // Lettuce's default reconnect delay grows to 30 s: after a 20 s outage the next try could come 16 s after
            // Redis is back (readiness DOWN all that time). Capped here: at most RECONNECT_CAP after it returns.
            resources = ClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_CAP, 2, TimeUnit.MILLISECONDS))
                    .build();
            client = RedisClient.create(resources, RedisURI.create(config.url()));
            awaitRedis(client, config);
        }
        return client;
    }

    /**
     * Start-up (main thread): waits up to {@code tawasul.redis.startup-wait} for Redis to answer, trying every second,
     * so that an app started while Redis restarts comes up once Redis does, instead of failing with a stack trace.
     *
     * @throws IllegalStateException naming the address when Redis did not answer in time
     */
    private static void awaitRedis(RedisClient client, RedisConfig config) {
        RedisURI uri = RedisURI.create(config.url());
        String where = uri.getHost() + ":" + uri.getPort();
        long deadline = System.nanoTime() + config.startupWait().toNanos();
        boolean warned = false;
        while (true) {
            try (StatefulRedisConnection<String, String> probe = client.connect()) {
                if (warned) {
                    LOG.infof("Redis at %s answers", where);
                }
                return;
            } catch (RedisConnectionException e) {
                if (System.nanoTime() >= deadline || io.vertx.core.Context.isOnEventLoopThread()) {
                    throw new IllegalStateException("Redis at " + where + " is not reachable (waited "
                            + config.startupWait().toSeconds() + " s, tawasul.redis.startup-wait): " + e.getMessage());
                }
                if (!warned) {
                    LOG.warnf("Redis at %s is not reachable yet; waiting up to %d s (tawasul.redis.startup-wait)",
                            where, config.startupWait().toSeconds());
                    warned = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Redis at " + where);
                }
            }
        }
    }

    /** Connects at start-up (on the main thread), never lazily on an event loop: Lettuce's connect blocks. */
    void connectAtStartup(@Observes StartupEvent event, StatefulRedisConnection<String, String> connection) {
        connection.isOpen();
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (resources != null) {
            resources.shutdown();
        }
    }
}
