package gov.tawasul.engine.inbox;

import gov.tawasul.engine.delivery.DeliveryReceipts;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.optout.OptOuts;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.persistence.Attributes;
import gov.tawasul.engine.persistence.Columns;
import gov.tawasul.engine.persistence.Sql;
import gov.tawasul.engine.processing.ConversationProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Entry of every inbound message. {@link #accept} stores each message (claiming its (channel, provider message id)
 * atomically with a unique key, so a provider's retry is recognised as a duplicate even while the first delivery is
 * still being processed, on any instance), and only then completes: a webhook acknowledges after the returned
 * {@link Uni} completes. Answering happens afterwards, detached, per conversation in arrival order.
 * Must be called on a Vert.x event-loop context (Hibernate Reactive).
 */
@ApplicationScoped
public class Inbox {

    /** One statement: upsert the conversation, insert the message unless its provider id is known. */
    private static final String INSERT_INBOUND = """
            with conv as (
              insert into conversation (channel, citizen_address, bot_address, citizen_name, last_inbound_at)
              values (?1, ?2, ?3, cast(?4 as varchar), ?5)
              on conflict (channel, citizen_address, bot_address) do update
                set updated_at = now(),
                    citizen_name = coalesce(excluded.citizen_name, conversation.citizen_name),
                    last_inbound_at = greatest(conversation.last_inbound_at, excluded.last_inbound_at)
              returning id)
            insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, payload, sent_at,
                                         attributes)
            select conv.id, ?1, ?6, ?7, ?8, cast(?9 as text), ?5, cast(?10 as text) from conv
            on conflict (channel, provider_message_id) do nothing
            returning id, conversation_id""";

    /** One statement: record a message our account sent outside the bot (staff replying from the Page inbox). */
    private static final String INSERT_ECHO = """
            with conv as (
              insert into conversation (channel, citizen_address, bot_address)
              values (?1, ?2, ?3)
              on conflict (channel, citizen_address, bot_address) do update set updated_at = now()
              returning id)
            insert into outbound_message (conversation_id, origin, channel, recipient, sender, text, status,
                                          provider_message_id, attempts, sent_at)
            select conv.id, 'STAFF', ?1, ?2, ?3, ?4, 'SENT', ?5, 0, ?6 from conv
            on conflict (channel, provider_message_id) where provider_message_id is not null do nothing
            returning id, conversation_id""";

    /** Attribute a channel sets on an echo of a message the bot itself sent: nothing to record. */
    public static final String ATTR_SENT_BY_BOT = "sentByBot";

    private final Sql sql;
    private final ConversationProcessor processor;
    private final DeliveryReceipts receipts;
    private final OptOuts optOuts;
    private final Counter accepted;
    private final Counter duplicates;

    public Inbox(Sql sql, ConversationProcessor processor, DeliveryReceipts receipts, OptOuts optOuts,
                 MeterRegistry metrics) {
        this.sql = sql;
        this.receipts = receipts;
        this.optOuts = optOuts;
        this.processor = processor;
        this.accepted = Counter.builder("tawasul.inbound.accepted").register(metrics);
        this.duplicates = Counter.builder("tawasul.inbound.duplicates").register(metrics);
    }

    /**
     * The one entry point of every channel: stores the batch's messages ({@link #acceptAll}), then applies its
     * receipts, watermarks and reported opt-outs, in that order. Completes after all of it was committed.
     *
     * @return one result per message, in the order given
     */
    public Uni<List<InboxResult>> accept(InboundBatch batch) {
        Uni<List<InboxResult>> stored = batch.messages().isEmpty() ? Uni.createFrom().item(List.of())
                : acceptAll(batch.messages());
        return stored.call(() -> Multi.createFrom().iterable(batch.receipts())
                        .onItem().transformToUniAndConcatenate(receipts::record).collect().last())
                .call(() -> Multi.createFrom().iterable(batch.watermarks())
                        .onItem().transformToUniAndConcatenate(receipts::record).collect().last())
                .call(() -> Multi.createFrom().iterable(batch.optOuts())
                        .onItem().transformToUniAndConcatenate(o -> optOuts.optOutRecipientOf(o.channel(),
                                o.providerMessageId(), o.reason())).collect().last());
    }

    /** Stores one message; see {@link #acceptAll}. */
    public Uni<InboxResult> accept(InboundMessage message) {
        return acceptAll(List.of(message)).map(results -> results.get(0));
    }

    /**
     * Stores messages, oldest first (by {@code sentAt}, stable), each in its own atomic statement, then schedules
     * the answering of the conversations that got a new message.
     *
     * @return one result per message, in the order given
     */
    public Uni<List<InboxResult>> acceptAll(List<InboundMessage> messages) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> messages.get(i).sentAt()));
        InboxResult[] results = new InboxResult[messages.size()];
        return Multi.createFrom().iterable(order)
                .onItem().transformToUniAndConcatenate(i -> store(messages.get(i)).invoke(r -> results[i] = r))
                .collect().asList()
                .map(ignored -> List.of(results))
                .invoke(this::schedule);
    }

    private Uni<InboxResult> store(InboundMessage m) {
        if (m.kind() == InboundKind.ECHO) {
            if (Boolean.parseBoolean(m.attributes().get(ATTR_SENT_BY_BOT))) {
                return Uni.createFrom().item(new InboxResult(InboxResult.Outcome.IGNORED, 0, 0));
            }
            return sql.rows(INSERT_ECHO, m.channel().name(), m.citizen().value(), m.bot().value(), m.text(),
                            m.providerMessageId(), Columns.utc(m.sentAt()))
                    .map(rows -> result(rows, InboxResult.Outcome.RECORDED));
        }
        return sql.rows(INSERT_INBOUND, m.channel().name(), m.citizen().value(), m.bot().value(), m.senderName(),
                        Columns.utc(m.sentAt()), m.providerMessageId(), m.kind().name(), m.text(), m.payload(),
                        Attributes.toJson(m.attributes()))
                .map(rows -> result(rows, InboxResult.Outcome.ACCEPTED));
    }

    private InboxResult result(List<Object[]> rows, InboxResult.Outcome outcome) {
        if (rows.isEmpty()) {
            duplicates.increment();
            return new InboxResult(InboxResult.Outcome.DUPLICATE, 0, 0);
        }
        Object[] row = rows.get(0);
        if (outcome == InboxResult.Outcome.ACCEPTED) {
            accepted.increment();
        }
        return new InboxResult(outcome, Columns.asLong(row[0]), Columns.asLong(row[1]));
    }

    private void schedule(List<InboxResult> results) {
        results.stream()
                .filter(r -> r.outcome() == InboxResult.Outcome.ACCEPTED)
                .mapToLong(InboxResult::conversationId)
                .distinct()
                .forEach(processor::schedule);
    }
}
