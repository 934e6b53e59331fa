package gov.tawasul.engine.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * A lease on one conversation across all running instances ({@code SET key token NX PX ttl}; released with a
 * compare-and-delete script so that an expired lease taken over by another instance is never deleted).
 * The returned {@link Uni}s complete on a Lettuce thread.
 */
@ApplicationScoped
public class ConversationLock {

    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;

    ConversationLock(StatefulRedisConnection<String, String> redis, RedisConfig config) {
        this.redis = redis;
        this.prefix = config.keyPrefix() + "conversation-lock:";
    }

    /**
     * @param conversationId the conversation
     * @param ttl            lease time; the holder must finish or renew within it
     * @return the lease token, or null when another holder has the lease
     */
    public Uni<String> acquire(long conversationId, Duration ttl) {
        String token = UUID.randomUUID().toString();
        return Uni.createFrom().completionStage(redis.async()
                        .set(prefix + conversationId, token, SetArgs.Builder.nx().px(ttl.toMillis())))
                .map(ok -> "OK".equals(ok) ? token : null);
    }

    /** Releases the lease if {@code token} still holds it. */
    public Uni<Void> release(long conversationId, String token) {
        return Uni.createFrom().completionStage(redis.async()
                        .<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{prefix + conversationId}, token))
                .replaceWithVoid();
    }
}
