package gov.tawasul.channels.twitter;

import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.redis.SingletonLease;
import io.lettuce.core.api.StatefulRedisConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Makes one running instance the X poller: the {@link SingletonLease} {@code <prefix>twitter:poll-lease}, renewed by
 * its holder on every poll.
 */
@ApplicationScoped
public class PollLease {

    private final SingletonLease lease;

    PollLease(StatefulRedisConnection<String, String> redis, RedisConfig config) {
        this.lease = new SingletonLease(redis, config.keyPrefix() + "twitter:poll-lease");
    }

    /** @return true when this instance holds the lease for the next {@code ttl} */
    public Uni<Boolean> hold(Duration ttl) {
        return lease.hold(ttl);
    }

    /** Gives the lease up if this instance holds it. */
    public Uni<Void> release() {
        return lease.release();
    }
}
