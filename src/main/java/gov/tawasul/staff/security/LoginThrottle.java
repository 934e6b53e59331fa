package gov.tawasul.staff.security;

import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.staff.account.PasswordChanged;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Counts failed sign-ins per username in Redis, shared by every instance: keys
 * {@code <prefix>staff-login:failures:<username>} (a sorted set of failure times, Redis clock, expiring after the
 * window) and {@code <prefix>staff-login:lock:<username>} (present while locked, with the lock's time to live).
 * Usernames are counted whether or not an account has that name, so that a lock tells nothing about which names
 * exist. Each operation is one Lua script or command (atomic across instances). The returned {@link Uni}s complete
 * on a Lettuce thread.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    /** KEYS: failures, lock. ARGV: window ms, max failures, lock ms, unique member. Returns {failures, locked 0/1}. */
    private static final String FAIL = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            local n = redis.call('ZCARD', KEYS[1])
            if n >= tonumber(ARGV[2]) then
              redis.call('SET', KEYS[2], tostring(now), 'PX', ARGV[3])
              redis.call('DEL', KEYS[1])
              return {n, 1}
            end
            return {n, 0}""";
    /** KEYS: failures, lock. Returns 1 (and changes nothing) while locked, else forgets the failures and returns 0. */
    private static final String SUCCEED = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
            redis.call('DEL', KEYS[1])
            return 0""";

    /**
     * What a failed sign-in led to.
     *
     * @param failures failures within the window, this one included
     * @param lockedNow whether this failure locked the username
     */
    public record Failure(int failures, boolean lockedNow) {
    }

    private final StatefulRedisConnection<String, String> redis;
    private final LoginConfig config;
    private final String prefix;

    LoginThrottle(StatefulRedisConnection<String, String> redis, LoginConfig config, RedisConfig redisConfig) {
        this.redis = redis;
        this.config = config;
        this.prefix = redisConfig.keyPrefix() + "staff-login:";
    }

    /** @return the remaining lock time of {@code username} (normalized), or empty when it is not locked */
    public Uni<Optional<Duration>> lockedFor(String username) {
        return Uni.createFrom().completionStage(() -> redis.async().pttl(lockKey(username)))
                .map(ms -> ms != null && ms > 0 ? Optional.of(Duration.ofMillis(ms)) : Optional.empty());
    }

    /** Counts a failed sign-in of {@code username}; locks it when this is the last failure allowed. */
    public Uni<Failure> failed(String username) {
        return Uni.createFrom().completionStage(() -> redis.async().<List<Long>>eval(FAIL, ScriptOutputType.MULTI,
                        new String[]{failuresKey(username), lockKey(username)},
                        Long.toString(config.failureWindow().toMillis()), Integer.toString(config.maxFailures()),
                        Long.toString(config.lockDuration().toMillis()), UUID.randomUUID().toString()))
                .map(r -> new Failure(r.get(0).intValue(), r.get(1) == 1L));
    }

    /**
     * A right password for {@code username}: forgets its failures, unless it got locked meanwhile.
     *
     * @return false when the username is locked (the sign-in must be refused)
     */
    public Uni<Boolean> succeeded(String username) {
        return Uni.createFrom().completionStage(() -> redis.async().<Long>eval(SUCCEED, ScriptOutputType.INTEGER,
                        failuresKey(username), lockKey(username)))
                .map(locked -> locked == 0L);
    }

    /** Lifts the lock of {@code username} and forgets its failures. */
    public Uni<Void> unlock(String username) {
        return Uni.createFrom().completionStage(() -> redis.async().del(failuresKey(username), lockKey(username)))
                .replaceWithVoid();
    }

    /** @return the lock time of this deployment ({@code tawasul.staff.login.lock-duration}) */
    public Duration lockDuration() {
        return config.lockDuration();
    }

    void onPasswordChanged(@Observes PasswordChanged event) {
        unlock(event.username()).subscribe().with(ok -> { },
                e -> LOG.warnf(e, "could not lift the login lock of %s", event.username()));
    }

    String failuresKey(String username) {
        return prefix + "failures:" + username;
    }

    String lockKey(String username) {
        return prefix + "lock:" + username;
    }
}
