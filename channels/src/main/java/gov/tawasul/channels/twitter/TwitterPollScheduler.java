package gov.tawasul.channels.twitter;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.inbox.Inbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * In {@code tawasul.twitter.mode=poll}: every {@code poll-interval} (a Vert.x timer, never blocking), the instance
 * that holds the {@link PollLease} runs one {@link DmPoller} pass. Needs {@code user-id} and the four OAuth
 * credentials; without them polling is not started and an error is logged. Does nothing in webhook mode.
 */
@ApplicationScoped
public class TwitterPollScheduler {

    private static final Logger LOG = Logger.getLogger(TwitterPollScheduler.class);

    private final TwitterConfig config;
    private final DmEventsClient client;
    private final Inbox inbox;
    private final PollCursor cursor;
    private final PollLease lease;
    private final EngineContext context;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private DmPoller poller;
    private long timer = -1;

    public TwitterPollScheduler(TwitterConfig config, DmEventsClient client, Inbox inbox, PollCursor cursor,
                                PollLease lease, EngineContext context, Vertx vertx) {
        this.config = config;
        this.client = client;
        this.inbox = inbox;
        this.cursor = cursor;
        this.lease = lease;
        this.context = context;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.mode() != TwitterConfig.Mode.POLL) {
            return;
        }
        if (config.userId().isEmpty() || !client.configured()) {
            LOG.error("tawasul.twitter.mode=poll needs tawasul.twitter.user-id and the four OAuth credentials:"
                    + " X DMs are not polled");
            return;
        }
        poller = new DmPoller(client, inbox, cursor, context, config.userId().get(),
                config.pollInitialLookback(), Clock.systemUTC());
        long interval = Math.max(1, config.pollInterval().toMillis());
        timer = vertx.setPeriodic(Math.min(interval, 1000), interval, id -> tick());
        LOG.infof("polling X DM events every %s", config.pollInterval());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            lease.release().subscribe().with(v -> { }, e -> { });
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Duration ttl = config.pollInterval().multipliedBy(3).plusSeconds(10);
        context.runDetached(() -> {
            Executor here = context.currentContextExecutor();
            return lease.hold(ttl).emitOn(here)
                    .chain(held -> held ? poller.pollOnce().invoke(o -> LOG.debugf("X poll: %s", o))
                            : Uni.createFrom().nullItem())
                    .onTermination().invoke(() -> running.set(false));
        }, e -> {
            running.set(false);
            LOG.error("X poll failed", e);
        });
    }
}
