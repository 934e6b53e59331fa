package gov.tawasul.engine.metrics;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Message counters for the operators' dashboards, counted from the changes this instance committed
 * ({@link ConversationEvents#localStream()}: every change is counted once over all instances):
 * <ul>
 *   <li>{@code tawasul.inbound} (Prometheus {@code tawasul_inbound_total}), tag {@code channel}: inbound messages
 *       stored (duplicates of a provider's retry are not);</li>
 *   <li>{@code tawasul.outbound} ({@code tawasul_outbound_total}), tags {@code channel}, {@code status} (a final
 *       status: {@code DELIVERED}, {@code READ}, {@code UNDELIVERED}, {@code FAILED}) and {@code error_code}
 *       (the provider's code, {@code none} without one): each final status a message reaches — a message
 *       delivered and then read counts once under each.</li>
 * </ul>
 * Channel tags are wire names ({@code sms}, {@code whatsapp}, {@code facebook}, {@code twitter}, {@code email},
 * {@code webchat}). Error codes are the providers' (a bounded set), cut to 32 characters.
 */
@ApplicationScoped
public class MessageMeters {

    private static final Set<String> FINAL = Set.of(DeliveryStatus.DELIVERED.name(), DeliveryStatus.READ.name(),
            DeliveryStatus.UNDELIVERED.name(), DeliveryStatus.FAILED.name());

    private final ConversationEvents events;
    private final MeterRegistry metrics;

    MessageMeters(ConversationEvents events, MeterRegistry metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        events.localStream().subscribe().with(this::count, failure -> { });
    }

    void count(ConversationEvent e) {
        if (e.channel() == null) {
            return;
        }
        if (e.type() == ConversationEvent.Type.INBOUND_STORED) {
            metrics.counter("tawasul.inbound", "channel", e.channel().wireName()).increment();
        } else if (e.type() == ConversationEvent.Type.OUTBOUND_STATUS && e.state() != null && FINAL.contains(e.state())) {
            String code = e.errorCode() == null || e.errorCode().isBlank() ? "none"
                    : e.errorCode().length() > 32 ? e.errorCode().substring(0, 32) : e.errorCode();
            metrics.counter("tawasul.outbound", "channel", e.channel().wireName(), "status", e.state(),
                    "error_code", code).increment();
        }
    }
}
