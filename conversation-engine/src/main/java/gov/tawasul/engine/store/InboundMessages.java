package gov.tawasul.engine.store;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.InboundState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store of table {@code inbound_message}: every message citizens sent, claimed once by (channel, provider
 * message id) with the unique key {@code inbound_provider_key}, so that a provider's retry is a duplicate on every
 * instance and across restarts. Publishes {@code INBOUND_STORED} after each stored message. Must be called on a
 * Vert.x event-loop context.
 */
@ApplicationScoped
public class InboundMessages {

    /**
     * One statement for many messages (arrays $1 channel, $2 citizen, $3 our address, $4 sender name, $5 sent at,
     * $6 provider id, $7 kind, $8 text, $9 payload, $10 attributes; no provider id twice): their conversations
     * upserted once each (a closed one reopened for the bot), the messages inserted in the order given unless their
     * provider id is known. One row per message, in that order: {@code id} is null for a known message.
     */
    private static final String ACCEPT_ALL = """
            with input as (
              select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[],
                                   $6::varchar[], $7::varchar[], $8::text[], $9::text[], $10::text[])
                with ordinality as t(channel, citizen_address, bot_address, citizen_name, sent_at, provider_message_id,
                                     kind, text, payload, attributes, ord)),
            conv_input as (
              select channel, citizen_address, bot_address,
                     (array_agg(citizen_name order by ord desc) filter (where citizen_name is not null))[1]
                       as citizen_name,
                     max(sent_at) as last_inbound_at
              from input group by channel, citizen_address, bot_address),
            """ + Conversations.upsertOnInbound("conv_input") + """
            ,
            i as (
              insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, payload, sent_at,
                                           attributes)
              select conv.id, input.channel, input.provider_message_id, input.kind, input.text, input.payload,
                     input.sent_at, input.attributes
              from input join conv using (channel, citizen_address, bot_address)
              order by input.ord
              on conflict (channel, provider_message_id) do nothing
              returning id, position, channel, provider_message_id)
            select i.id, conv.id as conversation_id, i.position, """ + Conversations.reopened() + """

            from input join conv using (channel, citizen_address, bot_address)
              left join conv_before using (channel, citizen_address, bot_address)
              left join i using (channel, provider_message_id)
            order by input.ord""";

    /**
     * The conversation's oldest {@code RECEIVED} message, read together with the claim of the conversation's lease
     * ({@link Conversations#claimLease}: taken when something is pending, released when nothing is). Always one row:
     * {@code pending} whether a message waits, {@code claimed} whether the lease is this instance's, the message's
     * columns null unless both.
     */
    private static final String NEXT = """
            with next as (
              select n.id from inbound_message n where n.conversation_id = $1 and n.state = 'RECEIVED'
              order by n.id limit 1),
            """ + Conversations.claimLease("$1", "$2", "$3", "exists (select 1 from next)") + """

            select exists (select 1 from next) as pending, lease.id is not null as claimed,
                   i.id as inbound_id, i.kind, i.text, i.payload, i.attributes, i.received_at, %s,
                   %s as opted_out, %s as sender_linked,
                   c.citizen_address = c.bot_address or exists (select 1 from own_address b
                           where b.channel = c.channel and b.address = c.citizen_address) as from_own_address,
                   exists (select 1 from inbound_message j where j.conversation_id = i.conversation_id
                           and j.state = 'RECEIVED' and j.id > i.id) as more_waiting
            from (select 1) one
              left join lease on true
              left join inbound_message i on lease.id is not null and i.id = (select id from next)
              left join conversation c on c.id = i.conversation_id""".formatted(Conversations.VIEW_COLUMNS,
            OptOuts.existsFor("c"), IdentityLinks.anyLiveFor("c"));

    private static final String MARK = "update inbound_message set state = $2, intent = $3, processed_at = now() "
            + "where id = $1 and state = 'RECEIVED'";

    /**
     * The conversation's latest message, when it came after the agents' last message (any {@code AGENT} row, echoes
     * included) and was handed to staff for anything but a request for a person: back to {@code RECEIVED}.
     */
    private static final String REOPEN = """
            update inbound_message set state = 'RECEIVED', intent = null, processed_at = null
            where id = (select i.id from inbound_message i
                        where i.conversation_id = $1
                          and i.received_at > coalesce((select max(o.created_at) from outbound_message o
                                                        where o.conversation_id = $1 and o.origin = 'AGENT'),
                                                       '-infinity'::timestamptz)
                        order by i.id desc limit 1)
              and state = 'HANDED_OFF' and intent is distinct from 'ASK_FOR_PERSON'
            returning id""";

    private static final String STALE = """
            select distinct conversation_id from inbound_message
            where state = 'RECEIVED' and received_at < $1 limit 200""";

    /** Newest provider id of a channel whose ids are decimal snowflakes (X): longest first, then by text. */
    private static final String NEWEST_PROVIDER_ID = """
            select provider_message_id from inbound_message where channel = $1
            order by length(provider_message_id) desc, provider_message_id desc limit 1""";

    private final Db db;
    /** The acknowledgement path's pool: {@link #accept}. */
    private final Db ingest;
    private final ConversationEvents events;
    private final Counter written;
    private final Counter statements;

    InboundMessages(Db db, @Ingest Db ingest, ConversationEvents events, MeterRegistry metrics) {
        this.db = db;
        this.ingest = ingest;
        this.events = events;
        this.written = Counter.builder("tawasul.ingest.inbound").register(metrics);
        this.statements = Counter.builder("tawasul.ingest.inbound.statements").register(metrics);
    }

    /**
     * The stored message: our id, its conversation and its event position.
     *
     * @param id             {@code inbound_message.id}
     * @param conversationId {@code conversation.id}
     */
    public record Stored(long id, long conversationId) {
    }

    /** CTE {@code inbound_handled}: marks a received message handled with {@code state} and {@code intent} (SQL). */
    static String markHandled(String inboundId, String state, String intent) {
        return "inbound_handled as (update inbound_message set state = %s, intent = %s, processed_at = now() "
                .formatted(state, intent) + "where id = %s and state = 'RECEIVED')\n".formatted(inboundId);
    }

    /**
     * CTE {@code inbound_answered}: marks a message answered, with its intent and the case numbers asked about, when
     * {@code condition} (SQL) holds.
     */
    static String markAnswered(String inboundId, String intent, String caseNumbers, String condition) {
        return ("inbound_answered as (update inbound_message set state = 'ANSWERED', intent = %s, "
                + "case_numbers = cast(%s as varchar), processed_at = now() where id = %s and %s)")
                .formatted(intent, caseNumbers, inboundId, condition);
    }

    /**
     * Stores a message (not an echo) and its conversation in one statement.
     *
     * @return the stored row, or empty when (channel, provider message id) was stored before (a retry)
     */
    public Uni<Optional<Stored>> accept(InboundMessage m) {
        return acceptAll(List.of(m)).map(stored -> stored.get(0));
    }

    /**
     * Stores messages (not echoes) and their conversations in one statement, with the outcome of storing them one
     * after the other in the order given: ids in that order, each conversation upserted once (a closed one
     * reopened once), a provider id already stored — or earlier in the list — a duplicate. Publishes, per message
     * in order, the reopening of its conversation (with its first message) and {@code INBOUND_STORED}. Counters
     * {@code tawasul.ingest.inbound} (messages written) and {@code tawasul.ingest.inbound.statements}.
     *
     * @return per message, in the order given, the stored row, or empty for a duplicate
     */
    public Uni<List<Optional<Stored>>> acceptAll(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<InboundMessage> distinct = new ArrayList<>(messages.size());
        int[] row = new int[messages.size()];
        Map<String, Integer> firstOf = new HashMap<>();
        for (int k = 0; k < messages.size(); k++) {
            InboundMessage m = messages.get(k);
            Integer first = firstOf.putIfAbsent(m.channel().name() + ' ' + m.providerMessageId(), distinct.size());
            if (first == null) {
                row[k] = distinct.size();
                distinct.add(m);
            } else {
                row[k] = -1; // the same message twice in one delivery: the second is a duplicate
            }
        }
        int n = distinct.size();
        String[] channels = new String[n];
        String[] citizens = new String[n];
        String[] bots = new String[n];
        String[] names = new String[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
        String[] ids = new String[n];
        String[] kinds = new String[n];
        String[] texts = new String[n];
        String[] payloads = new String[n];
        String[] attributes = new String[n];
        for (int k = 0; k < n; k++) {
            InboundMessage m = distinct.get(k);
            channels[k] = m.channel().name();
            citizens[k] = m.citizen().value();
            bots[k] = m.bot().value();
            names[k] = m.senderName();
            sentAt[k] = utc(m.sentAt());
            ids[k] = m.providerMessageId();
            kinds[k] = m.kind().name();
            texts[k] = m.text();
            payloads[k] = m.payload();
            attributes[k] = Attributes.toJson(m.attributes());
        }
        statements.increment();
        written.increment(n);
        return ingest.list(ACCEPT_ALL, r -> r, channels, citizens, bots, names, sentAt, ids, kinds, texts, payloads,
                        attributes)
                .map(rows -> {
                    if (rows.size() != n) {
                        throw new IllegalStateException(rows.size() + " rows for " + n + " messages");
                    }
                    List<ConversationEvent> changes = new ArrayList<>(n + 1);
                    Set<Long> reopened = new HashSet<>();
                    List<Optional<Stored>> stored = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        Row r = rows.get(k);
                        Channel channel = distinct.get(k).channel();
                        long conversationId = r.getLong("conversation_id");
                        if (r.getBoolean("reopened") && reopened.add(conversationId)) {
                            changes.add(new ConversationEvent(r.getLong("conv_position"),
                                    ConversationEvent.Type.CONVERSATION_STATE, conversationId, 0, channel,
                                    r.getString("conv_state"), null));
                        }
                        Long id = r.getLong("id");
                        if (id != null) {
                            changes.add(new ConversationEvent(r.getLong("position"),
                                    ConversationEvent.Type.INBOUND_STORED, conversationId, id, channel,
                                    InboundState.RECEIVED.name(), null));
                        }
                        stored.add(id == null ? Optional.empty() : Optional.of(new Stored(id, conversationId)));
                    }
                    events.published(changes);
                    List<Optional<Stored>> results = new ArrayList<>(messages.size());
                    for (int k = 0; k < messages.size(); k++) {
                        results.add(row[k] < 0 ? Optional.empty() : stored.get(row[k]));
                    }
                    return results;
                });
    }

    /**
     * What {@link #nextPending} found.
     *
     * @param claimed false only when a message waits and another instance holds the conversation's lease (it
     *                answers it; the message is then empty)
     * @param next    the oldest message still {@code RECEIVED}; empty when none, or when not claimed
     */
    public record Next(boolean claimed, Optional<PendingInbound> next) {
    }

    /**
     * The oldest message of the conversation still {@code RECEIVED}, and the conversation's lease for instance
     * {@code owner} in the same statement: taken (or renewed) for {@code lease} when a message waits and nobody else
     * holds it, given up when nothing waits. While another instance holds the lease, nothing is returned.
     *
     * @param owner this instance's lease owner id
     * @param lease how long the lease holds unless renewed or released
     */
    public Uni<Next> nextPending(long conversationId, String owner, java.time.Duration lease) {
        return db.first(NEXT, r -> r, conversationId, owner, lease.toMillis() / 1000.0).map(Optional::orElseThrow)
                .map(r -> {
                    if (!r.getBoolean("pending")) {
                        return new Next(true, Optional.empty());
                    }
                    boolean claimed = r.getBoolean("claimed");
                    return new Next(claimed, claimed ? Optional.of(pending(r, owner)) : Optional.empty());
                });
    }

    /**
     * Gives the bot the citizen's unanswered question of a conversation staff just handed back: when the
     * conversation's latest message arrived after the agents' last message (or no agent wrote) and was
     * {@code HANDED_OFF}, it — and only it: earlier ones are not answered — goes back to {@code RECEIVED}, so that
     * the usual path answers it (intent, disclosure, one bot reply per inbound message). Nothing when the latest
     * message was answered or ignored, came before the agent's last word, or asked for a person (a person was
     * there; answering it would put the conversation back in the queue staff just left). Once: the bot's answer
     * makes it {@code ANSWERED}, so a later call finds nothing. The caller schedules the conversation.
     *
     * @return the id of the message reopened, or empty
     */
    public Uni<Optional<Long>> reopenLatestHandedOff(long conversationId) {
        return db.first(REOPEN, r -> r.getLong("id"), conversationId);
    }

    /** Marks a received message handled without a reply (ignored, handed off, failed), with the intent or reason. */
    public Uni<Void> mark(long inboundId, InboundState state, String intent) {
        return db.update(MARK, inboundId, state.name(), intent).replaceWithVoid();
    }

    /** @return conversations with messages still {@code RECEIVED} that arrived before {@code before} (at most 200) */
    public Uni<List<Long>> conversationsWaitingSince(Instant before) {
        return db.list(STALE, r -> r.getLong("conversation_id"), utc(before));
    }

    /**
     * @return the newest provider message id stored for {@code channel}, comparing ids as decimal numbers without
     *         leading zeros (X snowflake ids: a larger number is a later event); empty when none
     */
    public Uni<Optional<String>> newestSnowflakeId(Channel channel) {
        return db.first(NEWEST_PROVIDER_ID, r -> r.getString("provider_message_id"), channel.name());
    }

    private static PendingInbound pending(Row r, String owner) {
        return new PendingInbound(r.getLong("inbound_id"), InboundKind.valueOf(r.getString("kind")),
                r.getString("text"), r.getString("payload"), Attributes.fromJson(r.getString("attributes")),
                Conversations.view(r), r.getBoolean("from_own_address"), r.getBoolean("more_waiting"),
                r.getOffsetDateTime("received_at").toInstant(), owner, r.getBoolean("sender_linked"));
    }

    /** Texts, payloads and provider attributes of the chosen rows are erased; the rows and their times stay. */
    private static final String REDACT = """
            update inbound_message set text = '', payload = null, attributes = null, redacted_at = now()
            """;
    private static final String REDACT_OLDER = REDACT + """
            where id in (select r.id from inbound_message r
                         where r.channel = $1 and r.received_at < $2 and r.redacted_at is null and r.state <> 'RECEIVED'
                         order by r.id limit $3 for update skip locked)""";
    private static final String ERASE = REDACT + "where conversation_id = any($1) and redacted_at is null";

    /**
     * Retention: messages of {@code channel} received before {@code before} (and handled) lose their text, payload
     * and attributes; at most one batch per call.
     *
     * @return messages changed (0: nothing is left to do)
     */
    public Uni<Integer> redactOlderThan(Channel channel, Instant before) {
        return db.update(REDACT_OLDER, channel.name(), utc(before), Redaction.BATCH);
    }

    /** A citizen's erasure: every message of the conversations {@code conversationIds} loses its text. */
    public Uni<Integer> erase(List<Long> conversationIds) {
        return db.update(ERASE, (Object) conversationIds.toArray(Long[]::new));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Channel channel(Row r) {
        return Channel.valueOf(r.getString("channel"));
    }
}
