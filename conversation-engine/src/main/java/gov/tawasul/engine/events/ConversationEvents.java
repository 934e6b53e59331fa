package gov.tawasul.engine.events;

import gov.tawasul.engine.store.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one stream of {@link ConversationEvent}s: every change a person watching would care about, from this instance
 * (published by the stores after their statement committed) and from the other instances (through the
 * {@link EventRelay}). Hot: a subscriber sees what happens after it subscribed; it catches up with {@link #after}
 * when it starts, reconnects or receives a {@link ConversationEvent.Type#RESYNC}.
 * <p>
 * Metrics: counter {@code tawasul.conversation.events} with tags {@code type} and {@code source}
 * ({@code local}: stored here; {@code remote}: received from another instance).
 */
@ApplicationScoped
public class ConversationEvents {

    private final BroadcastProcessor<ConversationEvent> processor = BroadcastProcessor.create();
    private final BroadcastProcessor<ConversationEvent> localProcessor = BroadcastProcessor.create();
    private final EventRelay relay;
    private final EventLog log;
    private final Map<ConversationEvent.Type, Counter> local = new EnumMap<>(ConversationEvent.Type.class);
    private final Map<ConversationEvent.Type, Counter> remote = new EnumMap<>(ConversationEvent.Type.class);

    ConversationEvents(EventRelay relay, EventLog log, MeterRegistry metrics) {
        this.relay = relay;
        this.log = log;
        for (ConversationEvent.Type type : ConversationEvent.Type.values()) {
            local.put(type, metrics.counter("tawasul.conversation.events", "type", type.name(), "source", "local"));
            remote.put(type, metrics.counter("tawasul.conversation.events", "type", type.name(), "source", "remote"));
        }
    }

    void start(@Observes StartupEvent event) {
        relay.onRemote(e -> emit(e, remote));
    }

    /**
     * Publishes events of changes this instance committed: to local subscribers at once, to the other instances
     * through the relay. Call only after the commit.
     */
    public void published(List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (ConversationEvent e : events) {
            emit(e, local);
        }
        relay.publish(events);
    }

    /** Publishes one committed change; see {@link #published(List)}. */
    public void published(ConversationEvent event) {
        published(List.of(event));
    }

    private synchronized void emit(ConversationEvent event, Map<ConversationEvent.Type, Counter> counters) {
        counters.get(event.type()).increment();
        processor.onNext(event);
        if (counters == local) {
            localProcessor.onNext(event);
        }
    }

    /**
     * @return the changes this instance committed only (hot; never completes): what per-instance metrics count, so
     *         that the sum over instances counts each change once
     */
    public Multi<ConversationEvent> localStream() {
        return localProcessor;
    }

    /** @return the live stream (hot; never completes) */
    public Multi<ConversationEvent> stream() {
        return processor;
    }

    /**
     * The changes after {@code position}, rebuilt from the tables (the current state of each changed row, oldest
     * first): what a subscriber that missed events needs. Outbound rows come as {@code OUTBOUND_STATUS}.
     *
     * @param position the last position the subscriber saw (0 for everything)
     * @param limit    most events returned (1–1000)
     */
    public Uni<List<ConversationEvent>> after(long position, int limit) {
        return log.after(position, Math.max(1, Math.min(limit, 1000)));
    }
}
