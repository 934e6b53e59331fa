package gov.tawasul.channels.twitter;

import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Event ids of the DMs the bot sent, kept in Redis for a week ({@code <prefix>twitter:sent:<event id>}) so that
 * their echo (X delivers our own DMs to the webhook too) is recognised as the bot's on every instance, even when it
 * arrives before the send's result is stored.
 */
@ApplicationScoped
public class SentEventIds {

    private static final Logger LOG = Logger.getLogger(SentEventIds.class);
    private static final Duration TTL = Duration.ofDays(7);

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;

    SentEventIds(StatefulRedisConnection<String, String> redis, RedisConfig config) {
        this.redis = redis;
        this.prefix = config.keyPrefix() + "twitter:sent:";
    }

    /** Remembers a sent event id. Blocking (call on a worker thread); a Redis failure is only logged. */
    public void remember(String eventId) {
        try {
            redis.sync().set(prefix + eventId, "1", SetArgs.Builder.px(TTL.toMillis()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not remember sent X event %s", eventId);
        }
    }

    /**
     * @return those of {@code eventIds} the bot sent; completes on a Lettuce thread; empty on a Redis failure
     */
    public Uni<Set<String>> sentAmong(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] keys = eventIds.stream().map(id -> prefix + id).toArray(String[]::new);
        return Uni.createFrom().completionStage(() -> redis.async().mget(keys))
                .map(values -> values.stream().filter(KeyValue::hasValue)
                        .map(kv -> kv.getKey().substring(prefix.length())).collect(Collectors.toSet()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "could not look up sent X events");
                    return Set.of();
                });
    }
}
