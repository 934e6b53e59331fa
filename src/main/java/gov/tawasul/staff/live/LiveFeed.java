package gov.tawasul.staff.live;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conversation events one staff screen or API client follows: what it missed since the last position it saw
 * (from the tables), then the live stream of every instance (the engine's {@link ConversationEvents}, fed across
 * instances by Redis). At least once: an event may come twice around the switch from catch-up to live, never
 * not at all while the client is connected. A client that cannot keep up (more than {@value #BUFFER} events
 * behind) is disconnected; its EventSource reconnects and catches up. Gauge {@code tawasul.staff.live.clients}
 * counts connected clients.
 */
@ApplicationScoped
public class LiveFeed {

    /** Events held for one slow client before it is disconnected. */
    static final int BUFFER = 10_000;

    private final ConversationEvents events;
    private final AtomicInteger clients = new AtomicInteger();

    LiveFeed(ConversationEvents events, MeterRegistry metrics) {
        this.events = events;
        metrics.gauge("tawasul.staff.live.clients", clients);
    }

    /**
     * @param lastSeen the last event position the client saw ({@code Last-Event-ID}), or null for live only
     * @return the events, oldest first; never completes
     */
    public Multi<ConversationEvent> follow(Long lastSeen) {
        Multi<ConversationEvent> live = events.stream().onOverflow().buffer(BUFFER);
        Multi<ConversationEvent> stream = lastSeen == null ? live : Multi.createBy().merging().streams(
                events.after(lastSeen, 1000).onItem().transformToMulti(l -> Multi.createFrom().iterable(l)), live);
        return stream.onSubscription().invoke(() -> clients.incrementAndGet())
                .onTermination().invoke(() -> clients.decrementAndGet());
    }

    /** @return the number of clients following now */
    public int clients() {
        return clients.get();
    }
}
