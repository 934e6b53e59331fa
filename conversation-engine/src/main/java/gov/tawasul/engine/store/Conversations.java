package gov.tawasul.engine.store;

import gov.tawasul.engine.events.ConversationEvent;
import gov.tawasul.engine.events.ConversationEvents;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The store of table {@code conversation}: one row per (channel, citizen address, our address). The SQL that
 * writes this table lives here only; the few statements that must change a conversation atomically with a message
 * take one of the CTEs below ({@link #upsertOnInbound}, {@link #upsertOnEcho}, {@link #onBotReply},
 * {@link #touch}), so that a message costs one round trip. Every statement that writes a message keeps
 * {@code last_activity_at} current; every change of state or assignment takes a new event position and is
 * published as {@code CONVERSATION_STATE} after its commit. The handoff transitions ({@link #takeOver},
 * {@link #handBack}, {@link #close}, {@link #timeOutHandoffs}) are single conditional updates, so that of two
 * racing writers exactly one wins. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class Conversations {

    /** Most case numbers (and departments) kept per conversation. */
    public static final int RECENT_CASES = 5;

    /** Columns a {@link ConversationView} is read from (with {@code opted_out}), prefixed by the alias {@code c}. */
    static final String VIEW_COLUMNS = "c.id, c.channel, c.citizen_address, c.bot_address, c.state, c.locale, "
            + "c.last_inbound_at, c.assigned_agent";

    private static final String NEXT_POSITION = "nextval('conversation_event_position')";

    /** A view of the updated row aliased {@code c}, with its event position. */
    private static final String RETURNING_VIEW = "returning " + VIEW_COLUMNS + ", " + OptOuts.existsFor("c")
            + " as opted_out, c.position";

    private static final String OPEN = """
            with c as (
              insert into conversation (channel, citizen_address, bot_address) values ($1, $2, $3)
              on conflict (channel, citizen_address, bot_address) do update set updated_at = conversation.updated_at
              returning *)
            select %s, %s as opted_out from c""".formatted(VIEW_COLUMNS, OptOuts.existsFor("c"));

    private static final String LAST_BOT_ADDRESS = """
            select bot_address from conversation where channel = $1 and last_inbound_at is not null
            order by last_inbound_at desc limit 1""";

    private static final String RELEASE_LEASE =
            "update conversation set lease_owner = null, lease_until = null where id = $1 and lease_owner = $2";

    private static final String LAST_CASE = "select c.case_numbers[1] as last_case from conversation c where c.id = $1";

    private static final String FIND = "select %s, %s as opted_out from conversation c where c.id = $1"
            .formatted(VIEW_COLUMNS, OptOuts.existsFor("c"));

    private static final String FIND_BETWEEN = """
            select %s, %s as opted_out from conversation c
            where c.channel = $1 and c.citizen_address = $2 and c.bot_address = $3"""
            .formatted(VIEW_COLUMNS, OptOuts.existsFor("c"));

    /** Sets what every change of state or assignment sets: the time, the activity, a new event position. */
    private static final String CHANGED = "updated_at = now(), last_activity_at = now(), position = " + NEXT_POSITION;

    private static final String CHANGE_STATE = """
            update conversation c set state = $2,
                   assigned_agent = case when $2 = 'WITH_AGENT' then c.assigned_agent end,
                   assigned_at = case when $2 = 'WITH_AGENT' then c.assigned_at end,
                   waiting_since = case when $2 = 'WAITING_FOR_AGENT' then coalesce(c.waiting_since, now()) end,
                   %s
            where c.id = $1 and c.state <> $2
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /** $1 id. From BOT or CLOSED only. */
    private static final String REQUEST_HANDOFF = """
            update conversation c set state = 'WAITING_FOR_AGENT', waiting_since = now(), %s
            where c.id = $1 and c.state in ('BOT', 'CLOSED')
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /**
     * $1 id, $2 agent, $3 override. Wins when nobody holds it or the agent does (or a supervisor overrides); does
     * nothing when the agent already holds it (no change, no event).
     */
    private static final String TAKE_OVER = """
            update conversation c set state = 'WITH_AGENT', assigned_agent = $2, assigned_at = now(),
                   waiting_since = null, %s
            where c.id = $1 and (c.assigned_agent is null or c.assigned_agent = $2 or cast($3 as boolean))
              and not (c.state = 'WITH_AGENT' and c.assigned_agent is not distinct from $2)
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /** $1 id, $2 agent, $3 override. From WAITING_FOR_AGENT or WITH_AGENT, when not held by another agent. */
    private static final String HAND_BACK = """
            update conversation c set state = 'BOT', assigned_agent = null, assigned_at = null, waiting_since = null,
                   %s
            where c.id = $1 and c.state in ('WAITING_FOR_AGENT', 'WITH_AGENT')
              and (c.assigned_agent is null or c.assigned_agent = $2 or cast($3 as boolean))
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /** $1 id, $2 agent, $3 override. From any other state, when not held by another agent. */
    private static final String CLOSE = """
            update conversation c set state = 'CLOSED', assigned_agent = null, assigned_at = null, waiting_since = null,
                   %s
            where c.id = $1 and c.state <> 'CLOSED'
              and (c.assigned_agent is null or c.assigned_agent = $2 or cast($3 as boolean))
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /**
     * $1 seconds, $2 limit. Held conversations silent for longer than the timeout go back to the bot. The rows are
     * locked (others skipped) and the condition checked again on the locked row, so that of two instances exactly
     * one moves each conversation.
     */
    private static final String TIME_OUT = """
            update conversation c set state = 'BOT', assigned_agent = null, assigned_at = null, %s
            where c.id in (select h.id from conversation h
                           where h.state = 'WITH_AGENT' and h.last_activity_at < now() - make_interval(secs => $1)
                           order by h.last_activity_at limit $2 for update skip locked)
              and c.state = 'WITH_AGENT' and c.last_activity_at < now() - make_interval(secs => $1)
            %s""".formatted(CHANGED, RETURNING_VIEW);

    /**
     * The citizen's address replaced by its keyed hash, the name dropped: for the rows aliased {@code c} chosen by
     * the statement's {@code where}. A hash already taken by an older erased conversation of the same pair (the
     * citizen wrote again after an erasure) gets {@code #<id>} appended, so that the unique key (channel, citizen,
     * our address) holds and reports can still count one citizen ({@code split_part(citizen_address, '#', 1)}).
     */
    private static final String REDACT = """
            update conversation c set citizen_address = %1$s || case when exists (
                     select 1 from conversation d where d.channel = c.channel and d.bot_address = c.bot_address
                       and d.citizen_address = %1$s) then '#' || c.id else '' end,
                   citizen_name = null, redacted_at = now()
            """.formatted(Redaction.hash("c.channel", "c.citizen_address"));

    private static final String REDACT_INACTIVE = REDACT + """
            where c.id in (select r.id from conversation r
                           where r.channel = $1 and r.last_activity_at < $2 and r.redacted_at is null
                           order by r.id limit $3 for update skip locked)""";

    private static final String ERASE = REDACT + "where c.id = any($1)";

    private static final String OF_CITIZEN =
            "select id from conversation where channel = $1 and citizen_address = $2 order by id";

    private final Db db;
    private final ConversationEvents events;

    Conversations(Db db, ConversationEvents events) {
        this.db = db;
        this.events = events;
    }

    /**
     * CTEs {@code conv_before(id, channel, citizen_address, bot_address, state)} and
     * {@code conv(id, channel, citizen_address, bot_address, state, position)}: the conversations of inbound
     * messages, created or touched, one row per conversation of {@code source} — a CTE with the columns
     * {@code channel, citizen_address, bot_address, citizen_name, last_inbound_at} and one row per conversation
     * (an {@code on conflict do update} changes a row once per statement): name kept when the messages have none,
     * {@code last_inbound_at} only moves forward, {@code last_activity_at} now. A {@code CLOSED} conversation is
     * reopened for the bot ({@code BOT}, new event position): the statement's caller publishes that change when
     * {@code conv_before.state} was {@code CLOSED} (see {@link #reopened}). Rows are locked in key order, so that
     * two statements upserting the same conversations cannot deadlock.
     *
     * @param source the name of the CTE with one row per conversation
     */
    static String upsertOnInbound(String source) {
        return """
                conv_before as (
                  select c.id, c.channel, c.citizen_address, c.bot_address, c.state from conversation c
                  join %1$s k on c.channel = k.channel and c.citizen_address = k.citizen_address
                              and c.bot_address = k.bot_address),
                conv as (
                  insert into conversation (channel, citizen_address, bot_address, citizen_name, last_inbound_at)
                  select channel, citizen_address, bot_address, citizen_name, last_inbound_at from %1$s
                  order by channel, citizen_address, bot_address
                  on conflict (channel, citizen_address, bot_address) do update
                    set updated_at = now(), last_activity_at = now(),
                        citizen_name = coalesce(excluded.citizen_name, conversation.citizen_name),
                        last_inbound_at = greatest(conversation.last_inbound_at, excluded.last_inbound_at),
                        state = case when conversation.state = 'CLOSED' then 'BOT' else conversation.state end,
                        position = case when conversation.state = 'CLOSED' then %2$s else conversation.position end
                  returning id, channel, citizen_address, bot_address, state, position)""".formatted(source,
                NEXT_POSITION);
    }

    /**
     * Select-list items (after {@link #upsertOnInbound}'s CTEs, joined as {@code conv} and {@code conv_before}):
     * {@code reopened} and the conversation's {@code conv_state}, {@code conv_position}.
     */
    static String reopened() {
        return "coalesce(conv_before.state = 'CLOSED' and conv.state = 'BOT', false) as reopened, "
                + "conv.state as conv_state, conv.position as conv_position";
    }

    /** CTE {@code conv(id)}: the conversation of a message our account sent outside the bot (an echo). */
    static String upsertOnEcho(String channel, String citizen, String bot) {
        return """
                conv as (
                  insert into conversation (channel, citizen_address, bot_address) values (%s, %s, %s)
                  on conflict (channel, citizen_address, bot_address) do update
                    set updated_at = now(), last_activity_at = now()
                  returning id)""".formatted(channel, citizen, bot);
    }

    /**
     * CTE {@code conv_touched}: a message of the conversation was queued (agent, notification, system message).
     *
     * @param conversationId the parameter reference of the conversation id
     */
    static String touch(String conversationId) {
        return "conv_touched as (update conversation set last_activity_at = now(), updated_at = now() where id = %s)"
                .formatted(conversationId);
    }

    /**
     * CTE {@code conv_reply(id, channel, state, position)}: the bot may answer an inbound message of the
     * conversation, checked on the locked row when the reply is stored (a person who took the conversation while
     * the bot looked the case up wins). It may while the conversation is {@code BOT} or {@code CLOSED}, and while it
     * is {@code WAITING_FOR_AGENT} when the reply answers a case-status query; a reply that acknowledges a request
     * for a person ({@code handoff}) only from {@code BOT} or {@code CLOSED}, and it moves the conversation to
     * {@code WAITING_FOR_AGENT} in the same statement (new event position). When it may, it keeps the reply's
     * language, the activity time and the case numbers and departments asked about (most recent first, no repeats,
     * at most {@link #RECENT_CASES}). No row: the bot may not answer.
     *
     * @param conversationId, locale, intent, caseNumbers ({@code text[]}), departments ({@code text[]}), handoff
     *                        ({@code boolean}) the statement's parameter references
     */
    static String onBotReply(String conversationId, String locale, String intent, String caseNumbers,
                             String departments, String handoff) {
        return """
                conv_reply as (
                  update conversation c set locale = %2$s, updated_at = now(), last_activity_at = now(),
                         case_numbers = %4$s, departments = %5$s,
                         state = case when cast(%6$s as boolean) then 'WAITING_FOR_AGENT' else c.state end,
                         waiting_since = case when cast(%6$s as boolean) then now() else c.waiting_since end,
                         position = case when cast(%6$s as boolean) then %7$s else c.position end
                  where c.id = %1$s
                    and (c.state in ('BOT', 'CLOSED')
                         or (not cast(%6$s as boolean) and c.state = 'WAITING_FOR_AGENT' and %3$s = 'CASE_STATUS'))
                  returning c.id, c.channel, c.state, c.position)""".formatted(conversationId, locale, intent,
                mostRecent("c.case_numbers", caseNumbers), mostRecent("c.departments", departments), handoff,
                NEXT_POSITION);
    }

    /**
     * CTE {@code lease(id)}: the lease of instance {@code owner} on the conversation ({@code lease_owner},
     * {@code lease_until}), taken or renewed for {@code seconds} when {@code pending} (SQL boolean: something waits to
     * be answered) and the lease is free, lapsed or already the owner's; released when nothing is pending and the
     * owner holds it. The row is locked by the update, so that of two instances claiming at once exactly one gets it
     * (the other re-reads the row after the winner's commit and finds it held). No row: held by another instance (or
     * nothing pending and not the owner's).
     *
     * @param conversationId, owner, seconds ({@code double}) the statement's parameter references
     */
    static String claimLease(String conversationId, String owner, String seconds, String pending) {
        return """
                lease as (
                  update conversation l
                  set lease_owner = case when %4$s then cast(%2$s as varchar) end,
                      lease_until = case when %4$s then now() + make_interval(secs => %3$s) end
                  where l.id = %1$s
                    and (%4$s and (l.lease_owner is null or l.lease_owner = %2$s or l.lease_until < now())
                         or not %4$s and l.lease_owner = %2$s)
                  returning l.id)""".formatted(conversationId, owner, seconds, pending);
    }

    /**
     * CTE {@code lease_released}: the conversation's lease is given up when {@code owner} (SQL text, null: nobody)
     * holds it.
     */
    static String releaseLeaseOf(String conversationId, String owner) {
        return ("lease_released as (update conversation set lease_owner = null, lease_until = null "
                + "where id = %s and lease_owner = cast(%s as varchar) returning id)").formatted(conversationId, owner);
    }

    /** SQL: the values of {@code fresh} ({@code text[]}), then those of {@code column} not among them, at most 5. */
    private static String mostRecent(String column, String fresh) {
        return """
                (select coalesce(array_agg(v order by n), '{}') from (
                   select v, min(n) as n from (
                     select v, n from unnest(cast(%2$s as text[])) with ordinality f(v, n)
                     union all
                     select v, n + 1000 from unnest(%1$s) with ordinality o(v, n)) a
                   where v is not null and v <> ''
                   group by v order by min(n) limit %3$d) b)""".formatted(column, fresh, RECENT_CASES);
    }

    /**
     * The conversation between a citizen and one of our addresses, created when it does not exist yet (a
     * notification or code to a citizen who never wrote).
     */
    public Uni<ConversationView> open(Address citizen, Address bot) {
        return db.first(OPEN, Conversations::view, citizen.channel().name(), citizen.value(), bot.value())
                .map(Optional::orElseThrow);
    }

    /** @return the conversation, or empty when there is none with this id */
    public Uni<Optional<ConversationView>> find(long conversationId) {
        return db.first(FIND, Conversations::view, conversationId);
    }

    /** @return the conversation between a citizen and one of our addresses, or empty (nothing is created) */
    public Uni<Optional<ConversationView>> find(Address citizen, Address bot) {
        return db.first(FIND_BETWEEN, Conversations::view, citizen.channel().name(), citizen.value(), bot.value());
    }

    /**
     * @return our address in the conversation of {@code channel} a citizen wrote in last (e.g. the Twilio number
     *         citizens text), or empty when there is none
     */
    public Uni<Optional<String>> lastBotAddress(Channel channel) {
        return db.first(LAST_BOT_ADDRESS, r -> r.getString("bot_address"), channel.name());
    }

    /**
     * @return the case number the bot answered last in the conversation ({@code case_numbers[1]}: most recent first),
     *         or empty when none (or no such conversation)
     */
    public Uni<Optional<String>> lastCaseNumber(long conversationId) {
        return db.first(LAST_CASE, r -> Optional.ofNullable(r.getString("last_case")), conversationId)
                .map(row -> row.flatMap(n -> n));
    }

    /**
     * Gives up the lease {@code owner} holds on the conversation (see {@link #claimLease}); nothing when another
     * instance holds it (it lapsed and was taken over).
     *
     * @return whether the owner held it
     */
    public Uni<Boolean> releaseLease(long conversationId, String owner) {
        return db.update(RELEASE_LEASE, conversationId, owner).map(n -> n > 0);
    }

    /**
     * Moves the conversation to {@code state} and publishes {@code CONVERSATION_STATE}. Leaving
     * {@code WITH_AGENT} clears the assignment; leaving {@code WAITING_FOR_AGENT} clears {@code waiting_since}
     * (entering it sets it). For staff actions use {@link #takeOver}, {@link #handBack} and {@link #close}, which
     * respect who holds the conversation.
     *
     * @return true when it changed (false: unknown id, or already in that state)
     */
    public Uni<Boolean> changeState(long conversationId, ConversationState state) {
        return change(CHANGE_STATE, conversationId, state.name()).map(Optional::isPresent);
    }

    /**
     * The citizen asked for a person: {@code BOT} or {@code CLOSED} → {@code WAITING_FOR_AGENT}
     * ({@code waiting_since} now). Used when the acknowledgement could not be sent (the reply statement moves the
     * conversation itself when it can).
     *
     * @return the changed conversation, or empty when it was in another state (or unknown)
     */
    public Uni<Optional<ConversationView>> requestHandoff(long conversationId) {
        return change(REQUEST_HANDOFF, conversationId);
    }

    /**
     * {@code agent} takes the conversation: {@code WITH_AGENT}, assigned to the agent from now, no longer waiting.
     * One statement decides: when nobody holds it or the agent does (or {@code override}), this call wins; of two
     * agents racing exactly one does.
     *
     * @return the changed conversation; empty when the agent already held it, another agent holds it, or the id is
     *         unknown (read it again to tell)
     */
    public Uni<Optional<ConversationView>> takeOver(long conversationId, String agent, boolean override) {
        return change(TAKE_OVER, conversationId, agent, override);
    }

    /**
     * Back to the bot ({@code BOT}, assignment cleared) from {@code WAITING_FOR_AGENT} or {@code WITH_AGENT}, unless
     * another agent holds it (and no {@code override}).
     *
     * @return the changed conversation; empty when it was not held or waiting, another agent holds it, or the id is
     *         unknown
     */
    public Uni<Optional<ConversationView>> handBack(long conversationId, String agent, boolean override) {
        return change(HAND_BACK, conversationId, agent, override);
    }

    /**
     * Closes the conversation ({@code CLOSED}, assignment cleared), unless another agent holds it (and no
     * {@code override}). The citizen's next message reopens it for the bot.
     *
     * @return the changed conversation; empty when it was closed already, another agent holds it, or the id is
     *         unknown
     */
    public Uni<Optional<ConversationView>> close(long conversationId, String agent, boolean override) {
        return change(CLOSE, conversationId, agent, override);
    }

    /**
     * Gives back to the bot ({@code BOT}, assignment cleared) the conversations {@code WITH_AGENT} without any
     * message or change for longer than {@code timeout}, oldest first, at most {@code limit}. Several instances may
     * run it at once: each conversation is moved by one of them.
     *
     * @return the conversations this call moved (their citizens are to be told)
     */
    public Uni<List<ConversationView>> timeOutHandoffs(Duration timeout, int limit) {
        return db.list(TIME_OUT, r -> r, timeout.toMillis() / 1000.0, limit)
                .map(rows -> rows.stream().map(this::published).toList());
    }

    /**
     * Retention: the conversations of {@code channel} without activity since {@code before} lose the citizen's
     * address (kept as its keyed hash) and name, at most one batch per call; rows, states and times stay.
     *
     * @return conversations changed (fewer than a batch: nothing is left to do)
     */
    public Uni<Integer> redactInactive(Channel channel, Instant before) {
        return db.update(REDACT_INACTIVE, channel.name(), InboundMessages.utc(before), Redaction.BATCH);
    }

    /** @return the ids of the conversations of {@code citizen} (every one of our addresses), oldest first */
    public Uni<List<Long>> idsOf(Address citizen) {
        return db.list(OF_CITIZEN, r -> r.getLong("id"), citizen.channel().name(), citizen.value());
    }

    /**
     * A citizen's erasure: the conversations {@code ids} lose the citizen's address (kept as its keyed hash) and
     * name.
     *
     * @return conversations changed
     */
    public Uni<Integer> erase(List<Long> ids) {
        return db.update(ERASE, (Object) ids.toArray(Long[]::new));
    }

    private Uni<Optional<ConversationView>> change(String sql, Object... params) {
        return db.first(sql, r -> r, params).map(row -> row.map(this::published));
    }

    /** Publishes the state change of an updated row ({@link #RETURNING_VIEW}) and returns its view. */
    private ConversationView published(Row r) {
        ConversationView view = view(r);
        events.published(new ConversationEvent(r.getLong("position"), ConversationEvent.Type.CONVERSATION_STATE,
                view.id(), 0, view.channel(), view.state().name(), null));
        return view;
    }

    /** Builds a view from a row with {@link #VIEW_COLUMNS} and {@code opted_out}. */
    static ConversationView view(Row r) {
        Channel channel = Channel.valueOf(r.getString("channel"));
        OffsetDateTime last = r.getOffsetDateTime("last_inbound_at");
        return new ConversationView(r.getLong("id"), new Address(channel, r.getString("citizen_address")),
                new Address(channel, r.getString("bot_address")), ConversationState.valueOf(r.getString("state")),
                r.getString("locale"), last == null ? null : last.toInstant(), r.getBoolean("opted_out"),
                r.getString("assigned_agent"));
    }
}
