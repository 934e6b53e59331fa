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
 * {@value #AFTER_DELAY_MS} ms after {@code quarkus.shutdown.delay} has run out (readiness was DOWN all that time, so
 * the proxies have taken this instance out and a client that reconnects reaches another one), or at the
 * {@link ShutdownEvent} when there is no delay. An open staff SSE stream is a request in flight that Quarkus' graceful
 * shutdown waits for; ending it lets the wait end. A WebSocket is not freed that way: Quarkus 3.33 counts its upgrade
 * request as never ending, so an instance that served one still waits out {@code quarkus.shutdown.timeout} (25.2 s
 * measured, 5.1–6.3 s without); closing the sockets only moves their pages to another instance at once.
 * <p>
 * Quarkus' shutdown sequence: https://quarkus.io/guides/lifecycle#graceful-shutdown
 */
@ApplicationScoped
public class LongConnectionsClosing {

    private static final Logger LOG = Logger.getLogger(LongConnectionsClosing.class);
    /** How long after the delay's end the connections are closed (the graceful-shutdown wait has begun). */
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
