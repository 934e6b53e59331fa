package gov.tawasul.engine.redis;

import io.lettuce.core.RedisClient;
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
        }
        return client;
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
