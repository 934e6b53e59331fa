package gov.tawasul.engine.identity;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.redis.RedisConfig;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the identity package's Lua scripts on the shared Lettuce connection (asynchronous: never blocks an event
 * loop) and comes back on the caller's Vert.x context. Keys are named under {@code <prefix>identity:} and
 * {@code <prefix>lookup:}.
 */
@ApplicationScoped
public class RedisScripts {

    private final StatefulRedisConnection<String, String> redis;
    private final EngineContext context;
    private final String prefix;

    RedisScripts(StatefulRedisConnection<String, String> redis, EngineContext context, RedisConfig config) {
        this.redis = redis;
        this.context = context;
        this.prefix = config.keyPrefix();
    }

    /** @return {@code <prefix><name>}: a key of this deployment */
    public String key(String name) {
        return prefix + name;
    }

    /**
     * Runs {@code script} with {@code keys} and {@code args}; must be called on a Vert.x context.
     *
     * @return the script's array reply (integers as {@link Long}, strings as {@link String}, nil as null)
     */
    public Uni<List<Object>> eval(String script, String[] keys, String... args) {
        var back = context.currentContextExecutor();
        return lostConnection(Uni.createFrom().completionStage(() -> redis.async()
                        .<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args)))
                .emitOn(back);
    }

    /** @return whether {@code key} exists; must be called on a Vert.x context */
    public Uni<Boolean> exists(String key) {
        var back = context.currentContextExecutor();
        return lostConnection(Uni.createFrom().completionStage(() -> redis.async().exists(key)))
                .map(n -> n != null && n > 0).emitOn(back);
    }

    /** Deletes {@code key}; @return whether it existed. Must be called on a Vert.x context. */
    public Uni<Boolean> delete(String key) {
        var back = context.currentContextExecutor();
        return lostConnection(Uni.createFrom().completionStage(() -> redis.async().del(key)))
                .map(n -> n != null && n > 0).emitOn(back);
    }

    /**
     * A command in flight when the connection dropped fails with Netty's {@link java.io.IOException} (e.g.
     * {@code SocketException: Connection reset}); it is reported as the {@link RedisConnectionException} that Lettuce
     * gives for the commands after it, so that callers see one kind of Redis outage
     * ({@link gov.tawasul.engine.redis.RedisOutage}).
     */
    private static <T> Uni<T> lostConnection(Uni<T> command) {
        return command.onFailure(java.io.IOException.class)
                .transform(e -> new RedisConnectionException("connection to Redis lost during the command", e));
    }

    /**
     * @return the flat field/value list at {@code index} of a script's reply (an {@code HGETALL} result) as a map;
     *         empty when missing
     */
    static Map<String, String> fields(List<Object> reply, int index) {
        Map<String, String> fields = new HashMap<>();
        if (reply.size() > index && reply.get(index) instanceof List<?> flat) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(String.valueOf(flat.get(i)), flat.get(i + 1) == null ? null : String.valueOf(flat.get(i + 1)));
            }
        }
        return fields;
    }

    /** @return the integer at {@code index} of a script's reply (0 for nil) */
    static long number(List<Object> reply, int index) {
        Object v = reply.size() > index ? reply.get(index) : null;
        return v instanceof Number n ? n.longValue() : v == null ? 0 : Long.parseLong(v.toString());
    }
}
