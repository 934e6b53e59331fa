package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The pending one-time code of each requesting address, in Redis: hash {@code <prefix>identity:code:<sender key>}
 * with the case number, the code's keyed hash ({@link CodeMac}, never the code) and the tries used; it expires after
 * {@code tawasul.identity.code-ttl}. A new request replaces it. A try is counted before the code is compared, in one
 * script: of {@code max-tries} wrong answers the last deletes it.
 */
@ApplicationScoped
public class CodeChallenges {

    /** KEYS: the code key. ARGV: case, mac, ttl ms. */
    private static final String PUT = """
            redis.call('del', KEYS[1])
            redis.call('hset', KEYS[1], 'case', ARGV[1], 'mac', ARGV[2], 'tries', '0')
            redis.call('pexpire', KEYS[1], ARGV[3])
            return {1}""";

    /** KEYS: the code key. Returns {case} when a code is pending, else {}. */
    private static final String PENDING_CASE = "return {redis.call('hget', KEYS[1], 'case')}";

    /** KEYS: the code key. ARGV: max tries. Returns {} when none, else {case, mac, tries used}. */
    private static final String TRY = """
            if redis.call('exists', KEYS[1]) == 0 then return {} end
            local t = redis.call('hincrby', KEYS[1], 'tries', 1)
            local c = redis.call('hget', KEYS[1], 'case')
            local m = redis.call('hget', KEYS[1], 'mac')
            if t >= tonumber(ARGV[1]) then redis.call('del', KEYS[1]) end
            return {c, m, t}""";

    /**
     * A try at the pending code.
     *
     * @param caseNumber the case the code is for
     * @param mac        its stored keyed hash
     * @param triesUsed  tries used with this one
     */
    public record Attempt(String caseNumber, String mac, int triesUsed) {
    }

    private final RedisScripts redis;

    CodeChallenges(RedisScripts redis) {
        this.redis = redis;
    }

    private String key(Address requester) {
        return redis.key("identity:code:" + SenderKey.of(requester));
    }

    /** Keeps the hash of a new code for {@code requester}, replacing any pending one. */
    public Uni<Void> put(Address requester, String caseNumber, String mac, Duration ttl) {
        return redis.eval(PUT, new String[]{key(requester)}, caseNumber, mac, Long.toString(ttl.toMillis()))
                .replaceWithVoid();
    }

    /** @return whether {@code requester} has a code pending */
    public Uni<Boolean> pending(Address requester) {
        return redis.exists(key(requester));
    }

    /** @return the case of the code pending for {@code requester}, or null when none is */
    public Uni<String> pendingCase(Address requester) {
        return redis.eval(PENDING_CASE, new String[]{key(requester)})
                .map(r -> r == null || r.isEmpty() ? null : (String) r.get(0));
    }

    /** @return the try, or null when no code is pending (never sent, expired, used up) */
    public Uni<Attempt> attempt(Address requester, int maxTries) {
        return redis.eval(TRY, new String[]{key(requester)}, Integer.toString(maxTries)).map(reply -> {
            List<Object> r = reply;
            return r == null || r.size() < 3 ? null
                    : new Attempt((String) r.get(0), (String) r.get(1), (int) RedisScripts.number(r, 2));
        });
    }

    /** The code was right: it cannot be used again. */
    public Uni<Void> consume(Address requester) {
        return redis.delete(key(requester)).replaceWithVoid();
    }
}
