package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.RedisLink;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Carries our messages to a visitor's sockets on whichever instance they are open, over Redis pub/sub (the pattern
 * of the engine's {@link gov.tawasul.engine.redis.RedisEventRelay}): channel
 * {@code <tawasul.redis.key-prefix>db<index>:webchat-out}, one {@code PUBLISH} per message of
 * <pre>{"visitor":"&lt;visitor id&gt;","frame":"&lt;the message frame, JSON text&gt;"}</pre>
 * Every instance, this one included, hands the frame to the visitor's sockets open on it
 * ({@link WebchatConnections}). At most once: a visitor offline (or a lost message) finds the message in the
 * history when the page loads it; its status stays {@code SENT} until the browser acknowledges it.
 */
@ApplicationScoped
public class WebchatRelay {

    private static final Logger LOG = Logger.getLogger(WebchatRelay.class);

    /** One PUBLISH. */
    record Envelope(String visitor, String frame) {
    }

    private final RedisLink link;
    private final StatefulRedisConnection<String, String> redis;
    private final ObjectMapper json;
    private final WebchatConnections connections;
    private final String channel;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    WebchatRelay(RedisLink link, StatefulRedisConnection<String, String> redis, ObjectMapper json,
                 WebchatConnections connections, RedisConfig config) {
        this.link = link;
        this.redis = redis;
        this.json = json;
        this.connections = connections;
        this.channel = config.pubSubChannel("webchat-out");
    }

    /**
     * Subscribes at start-up, on the main thread (Lettuce's connect blocks), or once Redis answers when it is away
     * then ({@link RedisLink#whenConnected}; until then this instance's visitors get only what it sends itself).
     */
    void start(@Observes StartupEvent event) {
        link.whenConnected("web chat relay subscription", this::subscribe);
    }

    private void subscribe() {
        subscription = link.subscribe(channel, this::received);
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
    }

    /**
     * Publishes {@code frame} for {@code visitor}. <b>Blocks</b> up to 2 s for Redis: call it on a worker thread
     * (the {@link WebchatSender} is called on one).
     *
     * @return the number of instances subscribed (0 when Redis refused or did not answer)
     */
    long publish(String visitor, String frame) {
        try {
            return redis.async().publish(channel, json.writeValueAsString(new Envelope(visitor, frame)))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (JsonProcessingException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warnf("web chat message not relayed: %s", e.toString());
            return 0;
        }
    }

    private void received(String message) {
        try {
            Envelope envelope = json.readValue(message, Envelope.class);
            if (envelope.visitor() != null && envelope.frame() != null) {
                connections.deliver(envelope.visitor(), envelope.frame());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("unreadable web chat relay message on %s dropped: %s", channel, e.getMessage());
        }
    }
}
