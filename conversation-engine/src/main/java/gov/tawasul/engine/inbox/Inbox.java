package gov.tawasul.engine.inbox;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import gov.tawasul.engine.processing.ConversationProcessor;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.OptOuts;
import gov.tawasul.engine.store.OutboundMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one entry point of every channel: a webhook (or a poll) hands its {@link InboundBatch} to {@link #accept} and
 * acknowledges only after the returned {@link Uni} completed, i.e. after everything in it was committed. Each
 * message is claimed atomically by (channel, provider message id), so a provider's retry is recognised as a
 * duplicate even while the first delivery is still being processed, on any instance. Echoes of our own account's
 * messages are recorded once as outbound messages (the bot's own are recognised by their provider id). Answering
 * happens afterwards, detached, per conversation in arrival order. Must be called on a Vert.x event-loop context.
 * <p>
 * Items whose values exceed their columns ({@link StorageLimits}) are skipped with a log line and the rest is stored
 * ({@link InboxResult#REJECTED} for such a message); a batch of which nothing fits fails with
 * {@link InboundRejectedException}, which the webhooks answer with 400 (the provider must not retry it).
 * <p>
 * Inbound messages and delivery receipts are written by group commit ({@link GroupCommit},
 * {@code tawasul.engine.ingest.*}): what all requests bring within a couple of milliseconds goes into one multi-row
 * statement ({@link InboundMessages#acceptAll}, {@link OutboundMessages#applyReceipts}), and each request continues
 * after that statement committed; a failure fails every request of the group.
 * <p>
 * Metrics: counters {@code tawasul.inbound.accepted} and {@code tawasul.inbound.duplicates}.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final InboundMessages inbound;
    private final OutboundMessages outbound;
    private final OptOuts optOuts;
    private final ConversationProcessor processor;
    private final GroupCommit<DeliveryReceipt, Boolean> receiptGroups;
    private final GroupCommit<InboundMessage, Optional<InboundMessages.Stored>> inboundGroups;
    private final Counter accepted;
    private final Counter duplicates;

    Inbox(InboundMessages inbound, OutboundMessages outbound, OptOuts optOuts, ConversationProcessor processor,
          MeterRegistry metrics, Vertx vertx, EngineConfig config) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.optOuts = optOuts;
        this.processor = processor;
        this.receiptGroups = new GroupCommit<>(vertx, config.ingest().receiptWindow(),
                config.ingest().receiptGroup(), outbound::applyReceipts);
        this.inboundGroups = new GroupCommit<>(vertx, config.ingest().inboundWindow(),
                config.ingest().inboundGroup(), inbound::acceptAll);
        this.accepted = Counter.builder("tawasul.inbound.accepted").register(metrics);
        this.duplicates = Counter.builder("tawasul.inbound.duplicates").register(metrics);
    }

    /**
     * Stores the batch's messages, oldest first (by {@code sentAt}, stable): the messages between two echoes in one
     * atomic statement ({@link InboundMessages#acceptAll}, together with other requests' messages: group commit),
     * each echo in its own; then
     * applies its receipts (together with other requests' receipts: group commit), watermarks and reported
     * opt-outs, in that order; then schedules the answering of the conversations that got a new message.
     *
     * @return one result per message, in the order given
     * @throws InboundRejectedException (as the {@link Uni}'s failure) when the batch had items and none fits
     */
    public Uni<List<InboxResult>> accept(InboundBatch batch) {
        List<InboundMessage> messages = batch.messages();
        InboxResult[] results = new InboxResult[messages.size()];
        List<Integer> order = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String problem = StorageLimits.problem(messages.get(i));
            if (problem == null) {
                order.add(i);
            } else {
                results[i] = InboxResult.REJECTED;
                refused.add("message " + i + ": " + problem);
            }
        }
        List<DeliveryReceipt> receipts = fitting(batch.receipts(), StorageLimits::problem, "receipt", refused);
        List<WatermarkReceipt> watermarks = fitting(batch.watermarks(), StorageLimits::problem, "watermark", refused);
        List<InboundBatch.RecipientOptOut> reported = fitting(batch.optOuts(), StorageLimits::problem, "opt-out",
                refused);
        if (!refused.isEmpty()) {
            if (order.isEmpty() && receipts.isEmpty() && watermarks.isEmpty() && reported.isEmpty()) {
                return Uni.createFrom().failure(new InboundRejectedException(String.join("; ", refused)));
            }
            LOG.warnf("%d item(s) of a %s delivery skipped, the rest stored: %s", refused.size(),
                    channelOf(batch), String.join("; ", refused));
        }
        order.sort(Comparator.comparing(i -> messages.get(i).sentAt()));
        // one after the other, without recursion: a batch may hold thousands of items
        return Sequential.each(runs(order, messages), run -> store(run, messages, results))
                .chain(() -> receiptGroups.submit(receipts))
                .chain(() -> Sequential.each(watermarks, outbound::applyWatermark))
                .chain(() -> Sequential.each(reported, optOuts::optOut))
                .map(ignored -> List.of(results)).invoke(this::schedule);
    }

    /** @return the items that fit their columns; the others' problems added to {@code refused} */
    private static <T> List<T> fitting(List<T> items, Function<T, String> check, String what, List<String> refused) {
        List<T> fit = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String problem = check.apply(items.get(i));
            if (problem == null) {
                fit.add(items.get(i));
            } else {
                refused.add(what + " " + i + ": " + problem);
            }
        }
        return fit.size() == items.size() ? items : fit;
    }

    private static String channelOf(InboundBatch batch) {
        return batch.messages().stream().map(m -> m.channel().wireName())
                .findFirst().orElse(batch.receipts().stream().map(r -> r.channel().wireName()).findFirst().orElse("provider"));
    }

    /**
     * @return the indexes of {@code order} cut into runs to store one after the other: each echo alone, the
     *         messages between them as one run (one statement)
     */
    static List<List<Integer>> runs(List<Integer> order, List<InboundMessage> messages) {
        List<List<Integer>> runs = new ArrayList<>();
        List<Integer> current = null;
        for (int i : order) {
            if (messages.get(i).kind() == InboundKind.ECHO) {
                runs.add(List.of(i));
                current = null;
            } else {
                if (current == null) {
                    current = new ArrayList<>();
                    runs.add(current);
                }
                current.add(i);
            }
        }
        return runs;
    }

    private Uni<Void> store(List<Integer> run, List<InboundMessage> messages, InboxResult[] results) {
        InboundMessage first = messages.get(run.get(0));
        if (first.kind() == InboundKind.ECHO) {
            return outbound.recordEcho(StorageLimits.fitted(first))
                    .invoke(stored -> results[run.get(0)] = result(stored, InboxResult.Outcome.RECORDED))
                    .replaceWithVoid();
        }
        List<InboundMessage> fitted = run.stream().map(i -> StorageLimits.fitted(messages.get(i))).toList();
        return inboundGroups.submit(fitted).invoke(stored -> {
            for (int k = 0; k < run.size(); k++) {
                results[run.get(k)] = result(stored.get(k), InboxResult.Outcome.ACCEPTED);
            }
        }).replaceWithVoid();
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
