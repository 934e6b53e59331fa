package gov.tawasul.engine.store;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.InboundState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store of table {@code inbound_message}: every message citizens sent, claimed once by (channel, provider
 * message id) with the unique key {@code inbound_provider_key}, so that a provider's retry is a duplicate on every
 * instance and across restarts. Publishes {@code INBOUND_STORED} after each stored message. Must be called on a
 * Vert.x event-loop context.
 */
@ApplicationScoped
public class InboundMessages {

    /**
     * One statement: the conversation upserted (a closed one reopened for the bot), the message inserted unless its
     * provider id is known. Always one row: {@code id} is null for a known message.
     */
    private static final String ACCEPT = "with " + Conversations.upsertOnInbound("$1", "$2", "$3", "$4", "$5") + """
            ,
            i as (
              insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, payload, sent_at,
                                           attributes)
              select conv.id, $1, $6, $7, $8, cast($9 as text), $5, cast($10 as text) from conv
              on conflict (channel, provider_message_id) do nothing
              returning id, position)
            select i.id, conv.id as conversation_id, i.position, """ + Conversations.reopened() + """

            from conv left join conv_before on true left join i on true""";

    private static final String NEXT = """
            select i.id as inbound_id, i.kind, i.text, i.payload, i.attributes, i.received_at, %s,
                   %s as opted_out,
                   c.citizen_address = c.bot_address or exists (select 1 from conversation b
                           where b.channel = c.channel and b.bot_address = c.citizen_address) as from_own_address,
                   exists (select 1 from inbound_message j where j.conversation_id = i.conversation_id
                           and j.state = 'RECEIVED' and j.id > i.id) as more_waiting
            from inbound_message i join conversation c on c.id = i.conversation_id
            where i.conversation_id = $1 and i.state = 'RECEIVED'
            order by i.id limit 1""".formatted(Conversations.VIEW_COLUMNS, OptOuts.existsFor("c"));

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

    InboundMessages(Db db, @Ingest Db ingest, ConversationEvents events) {
        this.db = db;
        this.ingest = ingest;
        this.events = events;
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
        return ingest.first(ACCEPT, r -> r, m.channel().name(), m.citizen().value(), m.bot().value(), m.senderName(),
                        utc(m.sentAt()), m.providerMessageId(), m.kind().name(), m.text(), m.payload(),
                        Attributes.toJson(m.attributes()))
                .map(Optional::orElseThrow)
                .map(r -> {
                    long conversationId = r.getLong("conversation_id");
                    List<ConversationEvent> changes = new ArrayList<>(2);
                    if (r.getBoolean("reopened")) {
                        changes.add(new ConversationEvent(r.getLong("conv_position"),
                                ConversationEvent.Type.CONVERSATION_STATE, conversationId, 0, m.channel(),
                                r.getString("conv_state"), null));
                    }
                    Long id = r.getLong("id");
                    if (id != null) {
                        changes.add(new ConversationEvent(r.getLong("position"), ConversationEvent.Type.INBOUND_STORED,
                                conversationId, id, m.channel(), InboundState.RECEIVED.name(), null));
                    }
                    events.published(changes);
                    return id == null ? Optional.<Stored>empty() : Optional.of(new Stored(id, conversationId));
                });
    }

    /** @return the oldest message of the conversation still {@code RECEIVED}, or empty */
    public Uni<Optional<PendingInbound>> nextPending(long conversationId) {
        return db.first(NEXT, InboundMessages::pending, conversationId);
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

    private static PendingInbound pending(Row r) {
        return new PendingInbound(r.getLong("inbound_id"), InboundKind.valueOf(r.getString("kind")),
                r.getString("text"), r.getString("payload"), Attributes.fromJson(r.getString("attributes")),
                Conversations.view(r), r.getBoolean("from_own_address"), r.getBoolean("more_waiting"),
                r.getOffsetDateTime("received_at").toInstant());
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
