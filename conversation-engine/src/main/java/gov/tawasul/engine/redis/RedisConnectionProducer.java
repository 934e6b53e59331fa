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
 * Produces the one Lettuce client and the one shared connection (thread-safe, pipelined; opened through
 * {@link RedisLink}, so that the app starts while Redis is away; after a loss it reconnects by itself, trying at
 * least every {@link #RECONNECT_CAP}). Lettuce completes its futures on its own
 * Netty threads: callers that go on with Hibernate Reactive must first return to their Vert.x context.
 */
@ApplicationScoped
public class RedisConnectionProducer {

    /** Longest wait between two reconnect attempts after Redis went away. */
    static final Duration RECONNECT_CAP = Duration.ofSeconds(1);

    private ClientResources resources;
    private RedisClient client;
    private RedisLink link;

    RedisConnectionProducer() {
    }

    /**
     * @return the shared connection ({@link RedisLink#connection()}): the first try to reach Redis is made here, on the
     *         thread that first needs it (the main thread at start-up); start-up never waits for Redis
     */
    @Produces
    @Singleton
    StatefulRedisConnection<String, String> connection(RedisLink link) {
        return link.connection();
    }

    /** @return the one link to Redis, for work that must wait until Redis has answered once (subscriptions) */
    @Produces
    @Singleton
    synchronized RedisLink link(RedisClient client, RedisConfig config) {
        if (link == null) {
            link = new RedisLink(client, config);
        }
        return link;
    }

    /** @return the one Lettuce client (its pub/sub connections are opened by their users through {@link RedisLink}) */
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

    /** Tries Redis at start-up (on the main thread), never lazily on an event loop: Lettuce's connect blocks. */
    void connectAtStartup(@Observes StartupEvent event, StatefulRedisConnection<String, String> connection) {
        connection.isOpen();
    }

    @PreDestroy
    synchronized void close() {
        if (link != null) {
            link.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (resources != null) {
            resources.shutdown();
        }
    }
}
