package gov.tawasul.engine.handoff;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Gives back to the bot a conversation a person holds ({@code WITH_AGENT}) when it has been silent — no inbound or
 * outbound message, no change of state or assignment — for {@code tawasul.staff.handoff-timeout} (default 30
 * minutes), and tells the citizen ({@link Handoffs#timeOutSilent}). Runs every
 * {@code tawasul.staff.handoff-check-interval} (default 30 s), never two passes at once on an instance; several
 * instances may run it at once (one conditional update moves each conversation, and only its winner sends the
 * notice). Runs on the event loop (non-blocking). A timeout that is not positive stops start-up.
 */
@ApplicationScoped
@Startup
public class HandoffTimeoutJob {

    private static final Logger LOG = Logger.getLogger(HandoffTimeoutJob.class);
    @jakarta.inject.Inject
    gov.tawasul.engine.store.DatabaseOutage outage;

    private final Handoffs handoffs;
    private final Duration timeout;

    @Inject
    HandoffTimeoutJob(Handoffs handoffs,
                      @ConfigProperty(name = "tawasul.staff.handoff-timeout", defaultValue = "30m") Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tawasul.staff.handoff-timeout must be positive: " + timeout);
        }
        this.handoffs = handoffs;
        this.timeout = timeout;
    }

    /** One pass; a failure is logged and the next pass tries again. */
    @Scheduled(every = "${tawasul.staff.handoff-check-interval:30s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return handoffs.timeOutSilent(timeout).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    return outage.logUnlessAbsorbed(LOG, e, "handoff timeout pass failed");
                });
    }

    /** @return the configured silence after which a held conversation goes back to the bot */
    public Duration timeout() {
        return timeout;
    }
}
