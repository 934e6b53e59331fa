package gov.tawasul.channels.twitter;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;

/**
 * Where polling resumes: the newest DM event id a completed poll has seen, kept in Redis
 * ({@code <prefix>twitter:poll-cursor}, e.g. {@code tawasul:twitter:poll-cursor}); when Redis has none (first start,
 * Redis emptied) the newest X event id stored in {@code inbound_message}. X ids are snowflakes: a larger number is a
 * later event. Must be called on a Vert.x context; completes on it.
 */
@ApplicationScoped
public class PollCursor {

    private final StatefulRedisConnection<String, String> redis;
    private final InboundMessages inbound;
    private final EngineContext context;
    private final String key;

    PollCursor(StatefulRedisConnection<String, String> redis, InboundMessages inbound, EngineContext context,
               RedisConfig config) {
        this.redis = redis;
        this.inbound = inbound;
        this.context = context;
        this.key = config.keyPrefix() + "twitter:poll-cursor";
    }

    /** @return the event id to stop at, or null when nothing was ever stored */
    public Uni<String> load() {
        Executor here = context.currentContextExecutor();
        return Uni.createFrom().completionStage(() -> redis.async().get(key)).emitOn(here)
                .chain(cursor -> cursor != null ? Uni.createFrom().item(cursor)
                        : inbound.newestSnowflakeId(Channel.TWITTER).map(id -> id.orElse(null)));
    }

    /** Stores the newest event id seen by a completed poll. */
    public Uni<Void> store(String eventId) {
        Executor here = context.currentContextExecutor();
        return Uni.createFrom().completionStage(() -> redis.async().set(key, eventId)).emitOn(here).replaceWithVoid();
    }

    /** @return negative, zero or positive as snowflake id {@code a} is older than, equal to or newer than {@code b} */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
