package gov.tawasul.channels.twitter;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.inbox.Inbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * In {@code tawasul.twitter.mode=poll}: every {@code tawasul.twitter.poll-interval} (a Quarkus {@link Scheduled}
 * job, https://quarkus.io/guides/scheduler-reference), the instance that holds the {@link PollLease} runs one
 * {@link DmPoller} pass. The job returns a {@link Uni}, so Quarkus runs it on a Vert.x event loop (a new safe
 * duplicated context each time) and never blocks it; a tick that comes while the previous pass is still running is
 * skipped ({@link Scheduled.ConcurrentExecution#SKIP}), so one pass runs at a time per instance. Polling needs
 * {@code user-id} and the four OAuth credentials: without them it does not start and an error is logged at start-up.
 * In webhook mode every tick is skipped ({@link NotPolling}).
 */
@ApplicationScoped
public class TwitterPollScheduler {

    private static final Logger LOG = Logger.getLogger(TwitterPollScheduler.class);

    /** Skips every tick unless poll mode is on and configured (the poller exists). */
    @Singleton
    public static class NotPolling implements Scheduled.SkipPredicate {
        private final TwitterPollScheduler scheduler;

        NotPolling(TwitterPollScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !scheduler.polling();
        }
    }

    private final TwitterConfig config;
    private final DmEventsClient client;
    private final Inbox inbox;
    private final PollCursor cursor;
    private final PollLease lease;
    private final EngineContext context;
    private volatile DmPoller poller;

    public TwitterPollScheduler(TwitterConfig config, DmEventsClient client, Inbox inbox, PollCursor cursor,
                                PollLease lease, EngineContext context) {
        this.config = config;
        this.client = client;
        this.inbox = inbox;
        this.cursor = cursor;
        this.lease = lease;
        this.context = context;
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
        poller = new DmPoller(client, inbox, cursor, context, config.userId().get(), config.pollInitialLookback(),
                Clock.systemUTC());
        LOG.infof("polling X DM events every %s", config.pollInterval());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (poller != null) {
            poller = null;
            lease.release().subscribe().with(v -> { }, e -> LOG.debug("X poll lease not released", e));
        }
    }

    /** @return whether ticks run a pass: poll mode, configured, started and not stopped */
    boolean polling() {
        return poller != null;
    }

    /**
     * One tick: takes or renews the lease for {@code 3 × poll-interval + 10 s}, and when held runs one pass.
     * Never fails: a failed pass is logged and the next tick tries again.
     */
    @Scheduled(identity = "x-dm-poll", every = "${tawasul.twitter.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotPolling.class)
    Uni<Void> poll() {
        DmPoller current = poller;
        if (current == null) {
            return Uni.createFrom().voidItem();
        }
        Duration ttl = config.pollInterval().multipliedBy(3).plusSeconds(10);
        return lease.hold(ttl).emitOn(context.currentContextExecutor())
                .chain(held -> held ? current.pollOnce().invoke(o -> LOG.debugf("X poll: %s", o))
                        : Uni.createFrom().nullItem())
                .onFailure().invoke(e -> LOG.error("X poll failed", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
