package gov.tawasul.engine.shutdown;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the long-lived connections when the instance stops: fires {@link CloseLongConnections} once,
 * {@value #AFTER_DELAY_MS} ms after {@code quarkus.shutdown.delay} has run out (readiness was DOWN all that time, the
 * proxies stopped sending; Quarkus has then stopped accepting connections, so a client that reconnects reaches another
 * instance), or at the {@link ShutdownEvent} when there is no delay. Without it an open web chat socket or staff SSE
 * stream counted as a request in flight: SIGTERM took the whole {@code quarkus.shutdown.timeout} (25.2 s, "Timed out
 * waiting for graceful shutdown") instead of about 5 s.
 * <p>
 * Quarkus' shutdown sequence: https://quarkus.io/guides/lifecycle#graceful-shutdown
 */
@ApplicationScoped
public class LongConnectionsClosing {

    private static final Logger LOG = Logger.getLogger(LongConnectionsClosing.class);
    /** How long after the delay's end the connections are closed (Quarkus closes its listeners at that end). */
    static final long AFTER_DELAY_MS = 200;

    private final Event<CloseLongConnections> close;
    private final Vertx vertx;
    private final Optional<Duration> delay;
    private final AtomicBoolean fired = new AtomicBoolean();

    LongConnectionsClosing(Event<CloseLongConnections> close, Vertx vertx,
                           @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.close = close;
        this.vertx = vertx;
        this.delay = delay;
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        long ms = delay.map(Duration::toMillis).orElse(0L) + AFTER_DELAY_MS;
        vertx.setTimer(ms, id -> fire("the shutdown delay is over"));
    }

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        fire("the instance stops");
    }

    /** Fires {@link CloseLongConnections} unless it was fired already. */
    void fire(String why) {
        if (fired.compareAndSet(false, true)) {
            LOG.infof("closing web chat sockets and staff live streams: %s", why);
            close.fire(new CloseLongConnections());
        }
    }
}
