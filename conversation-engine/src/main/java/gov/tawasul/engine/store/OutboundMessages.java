package gov.tawasul.engine.store;

import gov.tawasul.engine.Sequential;
import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The store of table {@code outbound_message}: every message we send (or our account sent outside the bot, seen as
 * an echo). A message is a row before it is a network call; its status only moves forward
 * ({@link DeliveryStatus#canMoveTo}): every update names the statuses it may move from. {@code SENDING} is in flight
 * (our call running, or the provider took it and is sending: Twilio {@code queued}); {@code QUEUED} waits for a
 * retry at {@code next_attempt_at}. Each change publishes an {@code OUTBOUND_QUEUED} or {@code OUTBOUND_STATUS}
 * event after it committed. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class OutboundMessages {

    /** Unique index on (channel, provider_message_id): a provider id belongs to one message. */
    static final String PROVIDER_KEY = "outbound_provider_key";

    private static final String RETURN_EVENT = "returning id, conversation_id, channel, status, error_code, position";

    /**
     * The bot's reply: stored only when the conversation lets the bot answer (checked on the locked row, see
     * {@link Conversations#onBotReply}) and the inbound message has no reply yet; the inbound message marked
     * answered with it; the case lookups made for it stored ({@link CaseQueries#recordOf}, $16–$21) and the asker
     * following a case ({@link CaseFollowers#followAsAskerOf}, $22), whatever became of the reply. The text, segments
     * and options are $23–$25 when that follower is new (the text says so), else $6, $9, $10. Always one row:
     * {@code allowed} tells whether the conversation let the bot answer, {@code id} is null when nothing was stored,
     * {@code following} whether the follower is new.
     */
    private static final String QUEUE_REPLY = "with " + Conversations.onBotReply("$1", "$7", "$11", "$13", "$14",
            "$15") + ",\n" + CaseQueries.recordOf("$2", "$16", "$17", "$18", "$19", "$20", "$21") + ",\n"
            + CaseFollowers.followAsAskerOf("$22", "$3", "$4", "$5", "$7") + ",\n" + """
            o as (
              insert into outbound_message (conversation_id, inbound_message_id, origin, channel, recipient, sender,
                                            text, locale, quick_replies, segments, send_options, status, attempts)
              select $1, $2, 'BOT', $3, $4, $5,
                     case when exists (select 1 from followed) then cast($23 as text) else cast($6 as text) end, $7, $8,
                     case when exists (select 1 from followed) then cast($24 as integer) else cast($9 as integer) end,
                     case when exists (select 1 from followed) then cast($25 as text) else cast($10 as text) end,
                     'SENDING', 1 from conv_reply
              on conflict (inbound_message_id) where inbound_message_id is not null do nothing
              """ + RETURN_EVENT + "),\n" + InboundMessages.markAnswered("$2", "$11", "$12",
            "exists (select 1 from o)") + "\n" + """
            select o.*, r.id is not null as allowed, r.state as conversation_state, r.position as conversation_position,
                   exists (select 1 from followed) as following
            from (select 1) one left join conv_reply r on true left join o on true""";

    private static final String QUEUE = "with " + Conversations.touch("$1") + """
            ,
            o as (
              insert into outbound_message (conversation_id, origin, channel, recipient, sender, text, locale,
                                            quick_replies, segments, send_options, sent_by, status, attempts)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'SENDING', 1)
              """ + RETURN_EVENT + """
            )
            select * from o""";

    /**
     * A notification: stored only while its {@code notification} row is claimed under the token $12, and it becomes
     * {@code SENT} with it.
     */
    private static final String QUEUE_NOTIFICATION = "with " + Notifications.claimedForSend("$11", "$12") + ",\n"
            + Conversations.touch("$1") + """
            ,
            o as (
              insert into outbound_message (conversation_id, origin, channel, recipient, sender, text, locale,
                                            quick_replies, segments, send_options, status, attempts)
              select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'SENDING', 1 from claimed
              """ + RETURN_EVENT + """
            ),
            """ + Notifications.markSent("o") + """

            select * from o""";

    private static final String RECORD_ECHO = "with " + Conversations.upsertOnEcho("$1", "$2", "$3") + """
            insert into outbound_message (conversation_id, origin, from_echo, channel, recipient, sender, text, status,
                                          provider_message_id, attempts, sent_at)
            select conv.id, 'AGENT', true, $1, $2, $3, $4, 'SENT', $5, 0, $6 from conv
            on conflict (channel, provider_message_id) where provider_message_id is not null do nothing
            """ + RETURN_EVENT;

    /**
     * The echo of one of our messages, naming its row ($1): the provider holds it. Taken only by a row without a
     * provider id that is in flight, waiting for a retry, or failed "may have been sent" (an interrupted send the
     * provider could not be asked about): it becomes {@code SENT} with the echo's id. A row that has its id already
     * is left alone (the echo is then a duplicate).
     */
    private static final String ECHO_OF_OURS = """
            update outbound_message set provider_message_id = $3, status = 'SENT', sent_at = coalesce(sent_at, $4),
                   next_attempt_at = null, error_code = null, error_message = null, updated_at = now(),
                   position = nextval('conversation_event_position')
            where id = $1 and channel = $2 and provider_message_id is null
              and (status in ('SENDING', 'QUEUED') or (status = 'FAILED' and error_code = 'SEND_UNCERTAIN'))
            """ + RETURN_EVENT;

    /** A retry to a recipient who opted out meanwhile is not sent: it ends {@code FAILED} with {@code OPTED_OUT}. */
    private static final String CLAIM_RETRY = """
            update outbound_message o
            set status = case when %1$s then 'FAILED' else 'SENDING' end,
                error_code = case when %1$s then 'OPTED_OUT' else o.error_code end,
                error_message = case when %1$s then 'the citizen opted out before the retry' else o.error_message end,
                next_attempt_at = null, attempts = o.attempts + case when %1$s then 0 else 1 end,
                updated_at = now(), position = nextval('conversation_event_position')
            where o.id = $1 and o.status = 'QUEUED' and o.next_attempt_at is not null
            returning *""".formatted(OptOuts.existsForRecipientOf("o"));

    private static final String ACCEPTED_CTES = "with o as (" + """
              update outbound_message set status = $3, provider_message_id = $2, sent_at = now(),
                     next_attempt_at = null, error_code = null, error_message = null, updated_at = now(),
                     position = nextval('conversation_event_position')
              where id = $1 and status = 'SENDING'
              """ + RETURN_EVENT + "),\n" + DeliveryReceipts.linkEarly("$1", "$4", "$2");

    private static final String ACCEPTED_COLUMNS = """
            select o.id, o.conversation_id, o.channel, o.status, o.error_code, o.position, l.status as early_status,
                   l.error_code as early_error_code, l.error_message as early_error_message, l.occurred_at""";

    private static final String ACCEPTED = ACCEPTED_CTES + ACCEPTED_COLUMNS + """

            from o left join link l on true order by l.occurred_at""";

    /** {@link #ACCEPTED}, and the conversation's lease held by $5 given up in the same statement. */
    private static final String ACCEPTED_RELEASING = ACCEPTED_CTES + ",\n"
            + Conversations.releaseLeaseOf("(select conversation_id from o)", "$5") + "\n" + ACCEPTED_COLUMNS + """
            , exists (select 1 from lease_released) as lease_released
            from o left join link l on true order by l.occurred_at""";

    /** The provider echoed our message before its send result was stored: that echo row gives way to ours. */
    private static final String DROP_ECHO_TWIN = """
            delete from outbound_message where channel = $1 and provider_message_id = $2 and from_echo""";

    private static final String RETRY_LATER = """
            update outbound_message set status = 'QUEUED', next_attempt_at = $2, error_code = cast($3 as varchar),
                   error_message = cast($4 as text), updated_at = now(), position = nextval('conversation_event_position')
            where id = $1 and status = 'SENDING'
            """ + RETURN_EVENT;

    private static final String FAIL = """
            update outbound_message set status = 'FAILED', error_code = cast($2 as varchar),
                   error_message = cast($3 as text), updated_at = now(), position = nextval('conversation_event_position')
            where id = $1 and status = 'SENDING'
            """ + RETURN_EVENT;

    private static final String FAIL_OPTED_OUT = "with f as (" + FAIL.replace(RETURN_EVENT,
            RETURN_EVENT + ", recipient, sender") + ")," + """
             o as (""" + OptOuts.insertForRecipientOf("f", "'SEND_ERROR_' || cast($2 as varchar)") + """
            ) select * from f""";

    /** Sends left in flight without a provider id for longer than $1 seconds: an instance stopped during them. */
    private static final String INTERRUPTED = """
            select *, updated_at as send_began from outbound_message
            where status = 'SENDING' and provider_message_id is null and updated_at < now() - make_interval(secs => $1)
            order by id limit 50""";

    private static final String STILL_INTERRUPTED = """
            where id = $1 and status = 'SENDING' and provider_message_id is null
              and updated_at < now() - make_interval(secs => $2)
            """;

    private static final String RESEND_INTERRUPTED = """
            update outbound_message set status = 'QUEUED', next_attempt_at = now(),
                   error_message = 'send interrupted (instance stopped); the provider does not have it: sent again',
                   updated_at = now(), position = nextval('conversation_event_position')
            """ + STILL_INTERRUPTED + RETURN_EVENT;

    private static final String FAIL_UNCERTAIN = """
            update outbound_message set status = 'FAILED', error_code = 'SEND_UNCERTAIN',
                   error_message = 'send interrupted (instance stopped); it may have been sent: ' || $3,
                   updated_at = now(), position = nextval('conversation_event_position')
            """ + STILL_INTERRUPTED + RETURN_EVENT;

    private static final String KNOWN_PROVIDER_IDS = """
            select provider_message_id from outbound_message where channel = $1 and provider_message_id = any($2)""";

    /** Only once the provider holds the message (a retry would send the stored text). */
    private static final String REDACT_SENT = """
            update outbound_message set text = $2
            where id = $1 and origin = 'SYSTEM' and provider_message_id is not null""";

    private static final String DUE_RETRIES = """
            select id from outbound_message
            where status = 'QUEUED' and next_attempt_at <= now() order by next_attempt_at limit 100""";

    /**
     * Sets a receipt's status on the row aliased {@code o}, from SQL expressions of the receipt's status, error code,
     * error message and time.
     */
    private static String setStatus(String status, String code, String message, String at) {
        return """
                status = %1$s,
                       error_code = coalesce(%2$s, o.error_code),
                       error_message = coalesce(%3$s, o.error_message),
                       delivered_at = case when %1$s in ('DELIVERED', 'READ') then coalesce(o.delivered_at, %4$s) else o.delivered_at end,
                       read_at = case when %1$s = 'READ' then %4$s else o.read_at end,
                       updated_at = now(), position = nextval('conversation_event_position')""".formatted(status, code,
                message, at);
    }

    /** {@code (from_status, to_status)} rows of every forward move ({@link DeliveryStatus#canMoveTo}), as SQL. */
    private static final String MOVES = Arrays.stream(DeliveryStatus.values())
            .flatMap(from -> Arrays.stream(DeliveryStatus.values()).filter(from::canMoveTo)
                    .map(to -> "('" + from.name() + "', '" + to.name() + "')"))
            .collect(Collectors.joining(", "));

    /**
     * Receipts of distinct messages (arrays $1 channel, $2 provider id, $3 status, $4 error code, $5 error message,
     * $6 occurred at): all stored, and each message's status moved forward where the move is allowed. The messages
     * are locked in id order first, so that two such statements of concurrent groups cannot deadlock.
     */
    private static final String APPLY_RECEIPTS = """
            with input as (
              select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[],
                                   $6::timestamptz[])
                with ordinality as t(channel, provider_message_id, status, error_code, error_message, occurred_at, ord)),
            """ + DeliveryReceipts.insertAll("input") + """
            ,
            locked as (
              select o.id from outbound_message o where o.id in (select outbound_message_id from r)
              order by o.id for update),
            moves (from_status, to_status) as (values\s""" + MOVES + """
            )
            update outbound_message o set\s""" + setStatus("r.status", "r.error_code", "r.error_message", "r.occurred_at")
            + """
             from r join locked l on l.id = r.outbound_message_id
            where o.id = r.outbound_message_id
              -- the allowed move is checked against the row as it is when locked: the statuses it may move from
              -- (an array per receipt) compared with o.status, a condition PostgreSQL evaluates again on the newest
              -- version of a row another statement changed meanwhile. A join on moves (or an EXISTS, which the
              -- planner turns into one) kept the move chosen from this statement's snapshot, and the re-check refused
              -- it: a concurrent "sent" left a "delivered" unapplied (ReceiptRaceTest)
              and o.status = any(array(select m.from_status from moves m where m.to_status = r.status))
            returning o.id, o.conversation_id, o.channel, o.status, o.error_code, o.position, o.provider_message_id""";

    private static final String APPLY_STORED = "update outbound_message o set "
            + setStatus("$3", "cast($4 as varchar)", "cast($5 as text)", "$6") + """
             where o.channel = $1 and o.provider_message_id = $2 and o.status = any($7)
            returning o.id, o.conversation_id, o.channel, o.status, o.error_code, o.position""";

    private static final String SET_WATERMARK = """
            update outbound_message set status = $1, delivered_at = coalesce(delivered_at, $5),
                   read_at = case when $1 = 'READ' then $5 else read_at end,
                   updated_at = now(), position = nextval('conversation_event_position')""";

    private static final String WATERMARK = SET_WATERMARK + """
             where channel = $2 and recipient = $3 and sent_at <= $4 and status = any($6)
            """ + RETURN_EVENT;

    private static final String UP_TO = SET_WATERMARK + """
             where channel = $2 and recipient = $3 and status = any($6)
              and sent_at <= (select sent_at from outbound_message where channel = $2 and provider_message_id = $4)
            """ + RETURN_EVENT;

    /** Clock difference allowed between a provider's watermark and our {@code sent_at}. */
    private static final Duration WATERMARK_TOLERANCE = Duration.ofSeconds(2);

    private final Db db;
    /** The acknowledgement path's pool: {@link #recordEcho}, {@link #applyReceipt}, {@link #applyWatermark}. */
    private final Db ingest;
    private final ConversationEvents events;
    private final Counter receiptsWritten;
    private final Counter receiptStatements;

    /**
     * Texts, quick replies and the provider's error text (it may quote the number) of the chosen rows are erased,
     * the recipient kept as its keyed hash; status, error code, origin, segments and times stay. A message still
     * waiting for a retry to an erased citizen ends {@code FAILED} ({@code ERASED}).
     */
    private static final String REDACT = """
            update outbound_message o set text = '', quick_replies = null, error_message = null,
                   recipient = %s, redacted_at = now(),
                   status = case when o.status = 'QUEUED' then 'FAILED' else o.status end,
                   error_code = case when o.status = 'QUEUED' then 'ERASED' else o.error_code end,
                   next_attempt_at = case when o.status = 'QUEUED' then null else o.next_attempt_at end
            """.formatted(Redaction.hash("o.channel", "o.recipient"));
    private static final String REDACT_OLDER = REDACT + """
            where o.id in (select r.id from outbound_message r
                           where r.channel = $1 and r.created_at < $2 and r.redacted_at is null
                             and r.status not in ('QUEUED', 'SENDING')
                           order by r.id limit $3 for update skip locked)""";
    private static final String ERASE = REDACT + """
            where (o.conversation_id = any($1) or (o.channel = $2 and o.recipient = $3)) and o.redacted_at is null""";

    OutboundMessages(Db db, @Ingest Db ingest, ConversationEvents events, MeterRegistry metrics) {
        this.db = db;
        this.ingest = ingest;
        this.receiptsWritten = Counter.builder("tawasul.ingest.receipts").register(metrics);
        this.receiptStatements = Counter.builder("tawasul.ingest.receipt.statements").register(metrics);
        this.events = events;
    }

    /**
     * What to store of a new outbound message.
     *
     * @param conversationId its conversation
     * @param origin         who sends it
     * @param to             the citizen
     * @param from           our address
     * @param text           the text as it will leave (as the channel policy prepared it)
     * @param locale         {@code ar}/{@code en}, or null
     * @param quickReplies   buttons; never null
     * @param segments       SMS segments, or null
     * @param options        the channel's send options; never null
     * @param sentBy         the staff member who sent an {@code AGENT} message, else null
     */
    public record NewOutbound(long conversationId, Origin origin, Address to, Address from, String text,
                              String locale, List<gov.tawasul.engine.model.QuickReply> quickReplies,
                              Integer segments, java.util.Map<String, String> options, String sentBy) {
    }

    /**
     * What became of a bot reply.
     *
     * @param message the stored message to hand to the sender; empty when the inbound message already had a reply or
     *                the conversation did not let the bot answer
     * @param allowed whether the conversation let the bot answer when the reply was stored (false: a person holds
     *                it, e.g. an agent took it while the bot looked the case up)
     */
    public record QueuedReply(Optional<OutboundMessage> message, boolean allowed) {
    }

    /**
     * What the statement of a bot reply stores beside it.
     *
     * @param lookups              the case lookups made for the inbound message ({@code case_query}); never null
     * @param followCase           a case the citizen follows from now on as its asker, or null
     * @param followingText        the text to send instead when that follower is new (or renewed), as the channel
     *                             policy prepared it; null without {@code followCase}
     * @param followingSegments    its SMS segments, or null
     * @param followingOptions     its send options; null without {@code followCase}
     */
    public record Beside(List<CaseLookupResult> lookups, String followCase, String followingText,
                         Integer followingSegments, java.util.Map<String, String> followingOptions) {
        /** Nothing beside the reply. */
        public static final Beside NOTHING = new Beside(List.of(), null, null, null, null);
    }

    /**
     * Stores the bot's reply to an inbound message as {@code SENDING} (attempt 1), marks the inbound message
     * answered, keeps the conversation's language, activity and recent cases, stores the case lookups made for it
     * and the asker following a case ({@code beside}), in one statement; with {@code handoff} the conversation
     * becomes {@code WAITING_FOR_AGENT} in the same statement. The conversation's state is checked when the row is
     * stored: a person who took it meanwhile wins (the lookups and the follower are stored all the same). Publishes
     * the conversation's state change (if any), then {@code OUTBOUND_QUEUED}.
     *
     * @param m              the message
     * @param inboundId      the inbound message it answers
     * @param intent         the intent stored on the inbound message
     * @param caseNumbers    case numbers asked about, in order of appearance; never null
     * @param departments    departments of the cases found (case system's names); never null
     * @param handoff        whether the reply acknowledges a request for a person
     * @param beside         what to store with it
     * @return the stored message (with the text that leaves: {@link Beside#followingText} when the follower is new)
     */
    public Uni<QueuedReply> queueReply(NewOutbound m, long inboundId, String intent, List<String> caseNumbers,
                                       List<String> departments, boolean handoff, Beside beside) {
        String inboundCases = caseNumbers.isEmpty() ? null : String.join(" ", caseNumbers);
        Object[] lookups = CaseQueries.columns(beside.lookups());
        boolean follows = beside.followCase() != null;
        return db.first(QUEUE_REPLY, r -> r, m.conversationId(), inboundId, m.to().channel().name(), m.to().value(),
                        m.from().value(), m.text(), m.locale(), QuickReplies.toJson(m.quickReplies()), m.segments(),
                        Attributes.toJson(m.options()), intent, inboundCases, caseNumbers.toArray(String[]::new),
                        departments.toArray(String[]::new), handoff, lookups[0], lookups[1], lookups[2], lookups[3],
                        lookups[4], lookups[5], beside.followCase(), follows ? beside.followingText() : null,
                        follows ? beside.followingSegments() : null,
                        follows ? Attributes.toJson(beside.followingOptions()) : null)
                .map(Optional::orElseThrow)
                .map(r -> {
                    boolean allowed = r.getBoolean("allowed");
                    if (allowed && handoff) {
                        events.published(new ConversationEvent(r.getLong("conversation_position"),
                                ConversationEvent.Type.CONVERSATION_STATE, m.conversationId(), 0, m.to().channel(),
                                r.getString("conversation_state"), null));
                    }
                    NewOutbound sent = follows && r.getBoolean("following")
                            ? new NewOutbound(m.conversationId(), m.origin(), m.to(), m.from(), beside.followingText(),
                            m.locale(), m.quickReplies(), beside.followingSegments(), beside.followingOptions(),
                            m.sentBy())
                            : m;
                    return new QueuedReply(r.getLong("id") == null ? Optional.empty() : Optional.of(queued(r, sent)),
                            allowed);
                });
    }

    /** Stores a message that answers no inbound message (agent, notification, system) as {@code SENDING}. */
    public Uni<OutboundMessage> queue(NewOutbound m) {
        return db.first(QUEUE, r -> queued(r, m), m.conversationId(), m.origin().name(), m.to().channel().name(),
                        m.to().value(), m.from().value(), m.text(), m.locale(), QuickReplies.toJson(m.quickReplies()),
                        m.segments(), Attributes.toJson(m.options()), m.sentBy())
                .map(Optional::orElseThrow);
    }

    /**
     * Stores a notification as {@code SENDING} and marks its {@code notification} row {@code SENT} with it, in one
     * statement, only while that row is claimed ({@code SENDING}) under this claim's token: a notification leaves at
     * most once, and only by the dispatcher that holds its latest claim.
     *
     * @param m     the message (origin {@code NOTIFICATION})
     * @param claim the claim of the notification
     * @return the stored message, or empty when the notification is no longer this claim's (sent, or claimed again
     *         by another dispatcher after this claim went stale)
     */
    public Uni<Optional<OutboundMessage>> queueNotification(NewOutbound m, Notifications.Claim claim) {
        return db.first(QUEUE_NOTIFICATION, r -> queued(r, m), m.conversationId(), m.origin().name(),
                m.to().channel().name(), m.to().value(), m.from().value(), m.text(), m.locale(),
                QuickReplies.toJson(m.quickReplies()), m.segments(), Attributes.toJson(m.options()), claim.id(),
                claim.token());
    }

    private OutboundMessage queued(Row r, NewOutbound m) {
        events.published(event(r, ConversationEvent.Type.OUTBOUND_QUEUED));
        return new OutboundMessage(r.getLong("id"), m.origin(), m.to().channel(), m.to(), m.from(), m.text(),
                m.locale(), m.quickReplies(), m.options(), 1);
    }

    /**
     * Records a message our account sent outside the bot (staff replying from the provider's own inbox) as an
     * {@code AGENT} message, {@code SENT}, flagged {@code from_echo}. This is the one way our own messages are
     * recognised: the echo of a message the bot sent finds its provider id taken (nothing recorded); an echo that
     * overtook the send result is replaced by the bot's row in {@link #accepted}. An echo that names our row
     * ({@link InboundMessage#ATTR_OUR_OUTBOUND_ID}: Messenger's metadata) settles that row instead when it has no
     * provider id yet — in flight, waiting for a retry, or failed {@code SEND_UNCERTAIN} after a crash: {@code SENT}
     * with the echo's id (a retry due is then not sent: the provider has the message).
     *
     * @return the row's id and conversation, or empty when the message is already known
     */
    public Uni<Optional<InboundMessages.Stored>> recordEcho(InboundMessage echo) {
        String ours = echo.attributes().get(InboundMessage.ATTR_OUR_OUTBOUND_ID);
        if (ours == null) {
            return recordOtherEcho(echo);
        }
        return ingest.first(ECHO_OF_OURS, r -> {
                    events.published(statusEvent(r));
                    return new InboundMessages.Stored(r.getLong("id"), r.getLong("conversation_id"));
                }, Long.parseLong(ours), echo.channel().name(), echo.providerMessageId(),
                InboundMessages.utc(echo.sentAt()))
                .chain(settled -> settled.isPresent() ? Uni.createFrom().item(settled) : recordOtherEcho(echo));
    }

    private Uni<Optional<InboundMessages.Stored>> recordOtherEcho(InboundMessage echo) {
        return ingest.first(RECORD_ECHO, r -> {
                    events.published(event(r, ConversationEvent.Type.OUTBOUND_QUEUED));
                    return new InboundMessages.Stored(r.getLong("id"), r.getLong("conversation_id"));
                }, echo.channel().name(), echo.citizen().value(), echo.bot().value(), echo.text(),
                echo.providerMessageId(), InboundMessages.utc(echo.sentAt()));
    }

    /**
     * Claims a queued message whose retry is due: {@code SENDING}, attempts + 1. Empty when another instance got
     * it, or when the recipient opted out meanwhile (the message is then {@code FAILED}, {@code OPTED_OUT}).
     */
    public Uni<Optional<OutboundMessage>> claimRetry(long outboundId) {
        return db.first(CLAIM_RETRY, r -> {
            events.published(event(r, ConversationEvent.Type.OUTBOUND_STATUS));
            return "SENDING".equals(r.getString("status")) ? Optional.of(message(r)) : Optional.<OutboundMessage>empty();
        }, outboundId).map(claimed -> claimed.flatMap(m -> m));
    }

    /** @return the message of a full {@code outbound_message} row */
    private static OutboundMessage message(Row r) {
        Channel channel = InboundMessages.channel(r);
        return new OutboundMessage(r.getLong("id"), Origin.valueOf(r.getString("origin")), channel,
                new Address(channel, r.getString("recipient")), new Address(channel, r.getString("sender")),
                r.getString("text"), r.getString("locale"), QuickReplies.fromJson(r.getString("quick_replies")),
                Attributes.fromJson(r.getString("send_options")), r.getInteger("attempts"));
    }

    /** @return ids of queued messages whose retry is due (at most 100, oldest due first) */
    public Uni<List<Long>> dueRetries() {
        return db.list(DUE_RETRIES, r -> r.getLong("id"));
    }

    /**
     * The provider took the message: stores its id and status (at least {@code SENDING}), then applies the receipts
     * that arrived before the id was known (a status callback can overtake the send call's response). An echo row
     * holding the same provider id gives way first.
     */
    public Uni<Void> accepted(OutboundMessage message, String providerMessageId, DeliveryStatus status) {
        return accepted(message, providerMessageId, status, null).replaceWithVoid();
    }

    /**
     * {@link #accepted(OutboundMessage, String, DeliveryStatus)}, and, when {@code leaseOwner} is not null, the lease
     * that instance holds on the message's conversation given up in the same statement
     * ({@link Conversations#claimLease}): the bot's reply to the last waiting message is with the provider, the
     * conversation is free for whichever instance gets its next message.
     *
     * @return whether the lease was given up (false without {@code leaseOwner}, when the owner no longer held it, or
     *         when the message was no longer in flight)
     */
    public Uni<Boolean> accepted(OutboundMessage message, String providerMessageId, DeliveryStatus status,
                                 String leaseOwner) {
        DeliveryStatus stored = status.ordinal() < DeliveryStatus.SENDING.ordinal() ? DeliveryStatus.SENDING : status;
        Channel channel = message.channel();
        String sql = leaseOwner == null ? ACCEPTED : ACCEPTED_RELEASING;
        Object[] params = leaseOwner == null ? new Object[]{message.id(), providerMessageId, stored.name(), channel.name()}
                : new Object[]{message.id(), providerMessageId, stored.name(), channel.name(), leaseOwner};
        return db.list(sql, r -> r, params)
                .onFailure(e -> Db.isUniqueViolation(e, PROVIDER_KEY)).recoverWithUni(e ->
                        db.update(DROP_ECHO_TWIN, channel.name(), providerMessageId)
                                .chain(() -> db.list(sql, r -> r, params)))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    events.published(event(rows.get(0), ConversationEvent.Type.OUTBOUND_STATUS));
                    boolean released = leaseOwner != null && rows.get(0).getBoolean("lease_released");
                    return applyEarly(channel, providerMessageId, rows).replaceWith(released);
                });
    }

    private Uni<Void> applyEarly(Channel channel, String providerMessageId, List<Row> rows) {
        return Sequential.each(rows.stream().filter(r -> r.getString("early_status") != null).toList(),
                r -> applyStored(channel, providerMessageId, DeliveryStatus.valueOf(r.getString("early_status")),
                        r.getString("early_error_code"), r.getString("early_error_message"),
                        r.getOffsetDateTime("occurred_at").toInstant()));
    }

    /**
     * Replaces the stored text of a {@code SYSTEM} message the provider already holds (e.g. a one-time code, which
     * must not stay readable in the transcript or the database); a message not yet handed over keeps its text.
     *
     * @return whether the text was replaced
     */
    public Uni<Boolean> redactSent(long outboundId, String text) {
        return db.update(REDACT_SENT, outboundId, text).map(n -> n > 0);
    }

    /** A transient failure: back to {@code QUEUED}, due again at {@code due}, the error kept until it is sent. */
    public Uni<Void> retryLater(long outboundId, Instant due, String errorCode, String errorMessage) {
        return publishAll(db.list(RETRY_LATER, OutboundMessages::statusEvent, outboundId, InboundMessages.utc(due),
                errorCode, errorMessage));
    }

    /** A final failure, with the provider's code as it came. */
    public Uni<Void> fail(long outboundId, String errorCode, String errorMessage) {
        return publishAll(db.list(FAIL, OutboundMessages::statusEvent, outboundId, errorCode, errorMessage));
    }

    /** The provider refused because the recipient opted out (Twilio 21610): failed, and the pair opted out. */
    public Uni<Void> failOptedOut(long outboundId, String errorCode, String errorMessage) {
        return publishAll(db.list(FAIL_OPTED_OUT, OutboundMessages::statusEvent, outboundId, errorCode,
                errorMessage));
    }

    /** A send left in flight by a stopped instance, and when it began. */
    public record InterruptedSend(OutboundMessage message, Instant sendBegan) {
    }

    /** @return sends in flight for longer than {@code age} without a provider id (at most 50, oldest first) */
    public Uni<List<InterruptedSend>> interrupted(Duration age) {
        return db.list(INTERRUPTED, r -> new InterruptedSend(message(r), r.getOffsetDateTime("send_began").toInstant()),
                (double) age.toSeconds());
    }

    /**
     * The provider does not hold the interrupted message: queued to be sent again now (by the next retry pass),
     * unless it moved meanwhile.
     */
    public Uni<Void> resendInterrupted(long outboundId, Duration age) {
        return publishAll(db.list(RESEND_INTERRUPTED, OutboundMessages::statusEvent, outboundId,
                (double) age.toSeconds()));
    }

    /**
     * The provider cannot tell whether it holds the interrupted message: {@code FAILED} with error code
     * {@code SEND_UNCERTAIN} ("it may have been sent"), unless it moved meanwhile. Sending it again could deliver it
     * twice.
     */
    public Uni<Void> failUncertain(long outboundId, Duration age, String reason) {
        return publishAll(db.list(FAIL_UNCERTAIN, OutboundMessages::statusEvent, outboundId,
                (double) age.toSeconds(), reason));
    }

    /** @return those of {@code providerMessageIds} that an outbound message of {@code channel} already holds */
    public Uni<java.util.Set<String>> knownProviderIds(Channel channel, List<String> providerMessageIds) {
        return db.list(KNOWN_PROVIDER_IDS, r -> r.getString("provider_message_id"), channel.name(),
                providerMessageIds.toArray(String[]::new)).map(java.util.Set::copyOf);
    }

    /**
     * Records a receipt (in {@code delivery_receipt}, as it came) and moves the message's status forward if allowed.
     *
     * @return the number of outbound messages whose status changed (0 or 1)
     */
    public Uni<Integer> applyReceipt(DeliveryReceipt r) {
        return applyReceipts(List.of(r)).map(moved -> moved.get(0) ? 1 : 0);
    }

    /**
     * Records receipts (in {@code delivery_receipt}, as they came) and moves each message's status forward where
     * allowed, with the same outcome as applying them one after the other in the order given: receipts of distinct
     * messages go into one multi-row statement; a message's second receipt in the list goes into the next statement
     * (a statement changes a row once), so a list with at most one receipt per message costs one round trip. A
     * receipt whose provider id is not known yet is kept unlinked ({@link DeliveryReceipts}). Publishes
     * {@code OUTBOUND_STATUS} per move. Counters {@code tawasul.ingest.receipts} (receipts written) and
     * {@code tawasul.ingest.receipt.statements} (statements run).
     *
     * @return per receipt, in the order given, whether it moved its message's status
     */
    public Uni<List<Boolean>> applyReceipts(List<DeliveryReceipt> receipts) {
        if (receipts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Boolean[] moved = new Boolean[receipts.size()];
        return Sequential.each(rounds(receipts), round -> applyRound(receipts, round, moved))
                .map(ignored -> List.of(moved));
    }

    /** @return indexes of {@code receipts} in rounds: a message's n-th receipt in round n, each round in list order */
    static List<List<Integer>> rounds(List<DeliveryReceipt> receipts) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < receipts.size(); i++) {
            DeliveryReceipt r = receipts.get(i);
            int round = seen.merge(r.channel().name() + ' ' + r.providerMessageId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    private Uni<Void> applyRound(List<DeliveryReceipt> receipts, List<Integer> round, Boolean[] moved) {
        int n = round.size();
        String[] channels = new String[n];
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] codes = new String[n];
        String[] messages = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            DeliveryReceipt r = receipts.get(round.get(k));
            channels[k] = r.channel().name();
            ids[k] = r.providerMessageId();
            statuses[k] = r.status().name();
            codes[k] = r.errorCode();
            messages[k] = r.errorMessage();
            at[k] = InboundMessages.utc(r.occurredAt());
            moved[round.get(k)] = false;
        }
        receiptStatements.increment();
        receiptsWritten.increment(n);
        return ingest.list(APPLY_RECEIPTS, row -> row, channels, ids, statuses, codes, messages, at).map(rows -> {
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < n; k++) {
                index.put(channels[k] + ' ' + ids[k], round.get(k));
            }
            List<ConversationEvent> changed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                changed.add(statusEvent(row));
                Integer i = index.get(row.getString("channel") + ' ' + row.getString("provider_message_id"));
                if (i != null) {
                    moved[i] = true;
                }
            }
            events.published(changed);
            return null;
        });
    }

    /** Applies a receipt kept earlier (its provider id was not yet known then). */
    Uni<Integer> applyStored(Channel channel, String providerMessageId, DeliveryStatus status, String errorCode,
                             String errorMessage, Instant occurredAt) {
        return publishCount(db.list(APPLY_STORED, OutboundMessages::statusEvent, channel.name(), providerMessageId,
                status.name(), errorCode, errorMessage, InboundMessages.utc(occurredAt), predecessors(status)));
    }

    /**
     * Marks every message to the citizen up to the watermark (or up to the given provider message id) delivered
     * or read.
     *
     * @return the number of messages whose status changed
     */
    public Uni<Integer> applyWatermark(WatermarkReceipt r) {
        String channel = r.citizen().channel().name();
        if (r.upToProviderMessageId() != null) {
            return publishCount(ingest.list(UP_TO, OutboundMessages::statusEvent, r.status().name(), channel,
                    r.citizen().value(), r.upToProviderMessageId(), InboundMessages.utc(r.occurredAt()),
                    predecessors(r.status())));
        }
        return publishCount(ingest.list(WATERMARK, OutboundMessages::statusEvent, r.status().name(), channel,
                r.citizen().value(), InboundMessages.utc(r.watermark().plus(WATERMARK_TOLERANCE)),
                InboundMessages.utc(r.occurredAt()), predecessors(r.status())));
    }

    /**
     * Retention: final messages of {@code channel} queued before {@code before} lose their text and recipient
     * (kept as its keyed hash); at most one batch per call.
     *
     * @return messages changed (0: nothing is left to do)
     */
    public Uni<Integer> redactOlderThan(Channel channel, Instant before) {
        return db.update(REDACT_OLDER, channel.name(), InboundMessages.utc(before), Redaction.BATCH);
    }

    /**
     * A citizen's erasure: the messages of the conversations {@code conversationIds}, and any other message to
     * {@code citizen}, lose their text and recipient.
     *
     * @return messages changed
     */
    public Uni<Integer> erase(List<Long> conversationIds, Address citizen) {
        return db.update(ERASE, conversationIds.toArray(Long[]::new), citizen.channel().name(), citizen.value());
    }

    private Uni<Void> publishAll(Uni<List<ConversationEvent>> changed) {
        return changed.invoke(events::published).replaceWithVoid();
    }

    private Uni<Integer> publishCount(Uni<List<ConversationEvent>> changed) {
        return changed.invoke(events::published).map(List::size);
    }

    private static ConversationEvent statusEvent(Row r) {
        return event(r, ConversationEvent.Type.OUTBOUND_STATUS);
    }

    private static ConversationEvent event(Row r, ConversationEvent.Type type) {
        return new ConversationEvent(r.getLong("position"), type, r.getLong("conversation_id"), r.getLong("id"),
                InboundMessages.channel(r), r.getString("status"), r.getString("error_code"));
    }

    /** @return the statuses from which {@code next} may be reached, e.g. {@code [QUEUED, SENDING]} for SENT */
    static String[] predecessors(DeliveryStatus next) {
        return Arrays.stream(DeliveryStatus.values()).filter(s -> s.canMoveTo(next)).map(Enum::name)
                .toArray(String[]::new);
    }
}
