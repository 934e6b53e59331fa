package gov.tawasul.engine.inbox;

import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.processing.ConversationProcessor;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.OptOuts;
import gov.tawasul.engine.store.OutboundMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point of every channel: a webhook (or a poll) hands its {@link InboundBatch} to {@link #accept} and
 * acknowledges only after the returned {@link Uni} completed, i.e. after everything in it was committed. Each
 * message is claimed atomically by (channel, provider message id), so a provider's retry is recognised as a
 * duplicate even while the first delivery is still being processed, on any instance. Echoes of our own account's
 * messages are recorded once as outbound messages (the bot's own are recognised by their provider id). Answering
 * happens afterwards, detached, per conversation in arrival order. Must be called on a Vert.x event-loop context.
 * <p>
 * Metrics: counters {@code tawasul.inbound.accepted} and {@code tawasul.inbound.duplicates}.
 */
@ApplicationScoped
public class Inbox {

    private final InboundMessages inbound;
    private final OutboundMessages outbound;
    private final OptOuts optOuts;
    private final ConversationProcessor processor;
    private final Counter accepted;
    private final Counter duplicates;

    Inbox(InboundMessages inbound, OutboundMessages outbound, OptOuts optOuts, ConversationProcessor processor,
          MeterRegistry metrics) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.optOuts = optOuts;
        this.processor = processor;
        this.accepted = Counter.builder("tawasul.inbound.accepted").register(metrics);
        this.duplicates = Counter.builder("tawasul.inbound.duplicates").register(metrics);
    }

    /**
     * Stores the batch's messages, oldest first (by {@code sentAt}, stable), each in its own atomic statement; then
     * applies its receipts, watermarks and reported opt-outs, in that order; then schedules the answering of the
     * conversations that got a new message.
     *
     * @return one result per message, in the order given
     */
    public Uni<List<InboxResult>> accept(InboundBatch batch) {
        List<InboundMessage> messages = batch.messages();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> messages.get(i).sentAt()));
        InboxResult[] results = new InboxResult[messages.size()];
        // one after the other, without recursion: a batch may hold thousands of items
        return Sequential.each(order, i -> store(messages.get(i)).invoke(r -> results[i] = r))
                .chain(() -> Sequential.each(batch.receipts(), outbound::applyReceipt))
                .chain(() -> Sequential.each(batch.watermarks(), outbound::applyWatermark))
                .chain(() -> Sequential.each(batch.optOuts(), optOuts::optOut))
                .map(ignored -> List.of(results)).invoke(this::schedule);
    }

    private Uni<InboxResult> store(InboundMessage m) {
        if (m.kind() == InboundKind.ECHO) {
            return outbound.recordEcho(m).map(stored -> result(stored, InboxResult.Outcome.RECORDED));
        }
        return inbound.accept(m).map(stored -> result(stored, InboxResult.Outcome.ACCEPTED));
    }

    private InboxResult result(Optional<InboundMessages.Stored> stored, InboxResult.Outcome outcome) {
        if (stored.isEmpty()) {
            duplicates.increment();
            return new InboxResult(InboxResult.Outcome.DUPLICATE, 0, 0);
        }
        if (outcome == InboxResult.Outcome.ACCEPTED) {
            accepted.increment();
        }
        return new InboxResult(outcome, stored.get().id(), stored.get().conversationId());
    }

    private void schedule(List<InboxResult> results) {
        results.stream()
                .filter(r -> r.outcome() == InboxResult.Outcome.ACCEPTED)
                .mapToLong(InboxResult::conversationId)
                .distinct()
                .forEach(processor::schedule);
    }
}
