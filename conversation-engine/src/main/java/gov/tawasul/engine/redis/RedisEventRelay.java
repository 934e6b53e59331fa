package gov.tawasul.engine.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.EventRelay;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Fans {@link ConversationEvent}s out across instances over Redis pub/sub, channel
 * {@code <tawasul.redis.key-prefix>db<index>:conversation-events} (pub/sub ignores the database index, so the index
 * of {@code tawasul.redis.url} is part of the name: instances on other databases — tests, another deployment — never
 * see each other's events). Events of one instance are batched for up to
 * {@value #FLUSH_MILLIS} ms into one {@code PUBLISH} of
 * <pre>{"instance":"&lt;uuid&gt;","events":[{"position":…,"type":"INBOUND_STORED","conversationId":…,…}]}</pre>
 * so that the relay costs a fraction of a Redis command per message. Each instance ignores its own batches.
 * Pub/sub is at most once: when the subscription reconnects, a {@link ConversationEvent.Type#RESYNC} tells local
 * subscribers to catch up from the database. A failed publish is logged and dropped (freshness, not correctness).
 */
@ApplicationScoped
public class RedisEventRelay implements EventRelay {

    private static final Logger LOG = Logger.getLogger(RedisEventRelay.class);
    static final long FLUSH_MILLIS = 100;

    /** One PUBLISH: the events of one instance. */
    record Batch(String instance, List<ConversationEvent> events) {
    }

    private final RedisClient client;
    private final RedisLink link;
    private final StatefulRedisConnection<String, String> redis;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final ConcurrentLinkedQueue<ConversationEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean wasDisconnected = new AtomicBoolean();
    private volatile Consumer<ConversationEvent> receiver = e -> { };
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean started;

    RedisEventRelay(RedisClient client, RedisLink link, StatefulRedisConnection<String, String> redis,
                    ObjectMapper json, Vertx vertx, RedisConfig config) {
        this.client = client;
        this.link = link;
        this.redis = redis;
        this.json = json;
        this.vertx = vertx;
        this.channel = channelName(config);
    }

    /** @return the pub/sub channel of this deployment's events, e.g. {@code tawasul:db0:conversation-events} */
    static String channelName(RedisConfig config) {
        return config.pubSubChannel("conversation-events");
    }

    /**
     * Subscribes at start-up, on the main thread (Lettuce's connect blocks); when Redis is away then, once it answers
     * ({@link RedisLink#whenConnected}), followed by a {@code RESYNC}: events of that time were not relayed.
     */
    void start(@Observes StartupEvent event) {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                wasDisconnected.set(true);
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection,
                                         SocketAddress socketAddress) {
                if (wasDisconnected.compareAndSet(true, false)) {
                    receiver.accept(new ConversationEvent(0, ConversationEvent.Type.RESYNC, 0, 0, null, null, null));
                }
            }
        });
        link.whenConnected("conversation events subscription", this::subscribe);
        started = true;
    }

    private void subscribe() {
        subscription = link.subscribe(channel, this::received);
        if (started) { // subscribed late: what was published meanwhile never reached this instance
            receiver.accept(new ConversationEvent(0, ConversationEvent.Type.RESYNC, 0, 0, null, null, null));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    public void onRemote(Consumer<ConversationEvent> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void publish(List<ConversationEvent> events) {
        pending.addAll(events);
        if (flushScheduled.compareAndSet(false, true)) {
            vertx.setTimer(FLUSH_MILLIS, id -> flush());
        }
    }

    private void flush() {
        flushScheduled.set(false);
        List<ConversationEvent> batch = new ArrayList<>();
        for (ConversationEvent e; (e = pending.poll()) != null; ) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            redis.async().publish(channel, json.writeValueAsString(new Batch(instance, batch)))
                    .exceptionally(e -> {
                        LOG.warnf("conversation events not relayed (%d): %s", batch.size(), e.getMessage());
                        return 0L;
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf(e, "conversation events not relayed (%d)", batch.size());
        }
    }

    private void received(String message) {
        try {
            Batch batch = json.readValue(message, Batch.class);
            if (instance.equals(batch.instance()) || batch.events() == null) {
                return;
            }
            batch.events().forEach(receiver);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("unreadable conversation-event batch on %s dropped: %s", channel, e.getMessage());
        }
    }
}
