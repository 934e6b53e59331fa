package gov.tawasul.staff.live;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.shutdown.CloseLongConnections;
import gov.tawasul.staff.account.StaffDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conversation events one staff screen or API client follows: what it missed since the last position it saw
 * (from the tables), then the live stream of every instance (the engine's {@link ConversationEvents}, fed across
 * instances by Redis). At least once: an event may come twice around the switch from catch-up to live, never
 * not at all while the client is connected. A client that cannot keep up (more than {@value #BUFFER} events
 * behind) is disconnected; its EventSource reconnects and catches up. A stream ends soon after
 * its staff member's account is disabled or removed ({@code tawasul.staff.live-recheck}, 30 s) (the session's own check only runs on a new request). Gauge
 * {@code tawasul.staff.live.clients} counts connected clients (created at start-up, so that the gauge reads 0 before
 * the first client). When the instance stops ({@link CloseLongConnections}) every stream ends, so that its
 * EventSource reconnects to another instance and the shutdown is not held by it.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class LiveFeed {

    /** Events held for one slow client before it is disconnected. */
    static final int BUFFER = 10_000;

    private final ConversationEvents events;
    private final StaffDirectory directory;
    private final Duration recheck;
    private final AtomicInteger clients = new AtomicInteger();
    private final MeterRegistry metrics;
    private final Gauge clientsGauge;
    /** Emits once when the instance stops: every stream ends. */
    private final BroadcastProcessor<Boolean> closing = BroadcastProcessor.create();
    private volatile boolean closed;

    /** @param recheck {@code tawasul.staff.live-recheck}: how often a stream checks that its account is enabled */
    LiveFeed(ConversationEvents events, StaffDirectory directory, MeterRegistry metrics,
             @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tawasul.staff.live-recheck",
                     defaultValue = "30s") Duration recheck) {
        this.events = events;
        this.directory = directory;
        this.recheck = recheck;
        this.metrics = metrics;
        this.clientsGauge = Gauge.builder("tawasul.staff.live.clients", clients, AtomicInteger::get)
                .description("staff screens following the live feed").register(metrics);
    }

    /** The registry outlives this bean (tests restart the app): a gauge left behind would read this dead instance. */
    @PreDestroy
    void removeGauge() {
        metrics.remove(clientsGauge);
    }

    /**
     * @param username the staff member following
     * @param lastSeen the last event position the client saw ({@code Last-Event-ID}), or null for live only
     * @return the events, oldest first; never completes, fails with 403 once the account is disabled or removed
     */
    public Multi<ConversationEvent> follow(String username, Long lastSeen) {
        Multi<ConversationEvent> revoked = Multi.createFrom().ticks().every(recheck)
                .onItem().transformToUniAndConcatenate(t -> directory.find(username))
                .filter(member -> member.isEmpty() || !member.get().enabled())
                .onItem().transformToUniAndConcatenate(m -> io.smallrye.mutiny.Uni.createFrom()
                        .<ConversationEvent>failure(new ForbiddenException("account disabled")));
        return Multi.createBy().merging().streams(changes(lastSeen), revoked);
    }

    private Multi<ConversationEvent> changes(Long lastSeen) {
        Multi<ConversationEvent> live = events.stream().onOverflow().buffer(BUFFER);
        Multi<ConversationEvent> stream = lastSeen == null ? live : Multi.createBy().merging().streams(
                events.after(lastSeen, 1000).onItem().transformToMulti(l -> Multi.createFrom().iterable(l)), live);
        return stream.onSubscription().invoke(() -> clients.incrementAndGet())
                .onTermination().invoke(() -> clients.decrementAndGet());
    }

    /**
     * @return {@code events} with an SSE comment line every 20 s, so that proxies do not close an idle stream; it
     *         ends when the instance stops (at once if it has)
     */
    Multi<OutboundSseEvent> withKeepAlive(Sse sse, Multi<OutboundSseEvent> events) {
        if (closed) {
            return Multi.createFrom().empty();
        }
        OutboundSseEvent end = sse.newEventBuilder().comment("this instance stops: reconnect").build();
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, keepAlive, closing.map(stop -> end))
                .select().first(e -> e != end);
    }

    /** Ends every stream (the instance stops). */
    void close(@Observes CloseLongConnections event) {
        closed = true;
        closing.onNext(true);
    }

    /** @return the number of clients following now */
    public int clients() {
        return clients.get();
    }
}
