package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Read-only statements of the staff reports, over the message tables (no rollup): each one range scan of an index
 * of V15 ({@code inbound_received}, {@code outbound_created}, {@code conversation_created},
 * {@code inbound_person_requests}, {@code case_query_asked}). They read counts, states, codes and times only,
 * never texts or addresses (retention nulls those). Every method takes the half-open period {@code [from, to)} and
 * an optional channel ({@code null}: all channels); results are in the calling Vert.x context. Distinct citizens
 * are counted as distinct conversations (a conversation is one citizen address with one of our addresses).
 */
@ApplicationScoped
public class ReportQueries {

    private static final String CHANNEL = "($3::varchar is null or channel = $3)";

    private static final String TRAFFIC = """
            select true as inbound, date_trunc($5, received_at at time zone $4) as bucket, channel, count(*) as n
            from inbound_message where received_at >= $1 and received_at < $2 and %1$s group by 2, 3
            union all
            select false, date_trunc($5, created_at at time zone $4), channel, count(*)
            from outbound_message where created_at >= $1 and created_at < $2 and %1$s group by 2, 3""".formatted(CHANNEL);

    private static final String INBOUND = """
            select channel, count(*) as inbound, count(distinct conversation_id) as citizens,
                   count(*) filter (where state = 'ANSWERED') as answered,
                   count(*) filter (where state = 'HANDED_OFF') as handed_off,
                   count(*) filter (where intent = 'ASK_FOR_PERSON' and state = 'ANSWERED') as person_requests,
                   count(*) filter (where intent = 'OPT_OUT') as opt_outs
            from inbound_message where received_at >= $1 and received_at < $2 and %s group by channel""".formatted(CHANNEL);

    private static final String OUTBOUND = """
            select channel, count(*) as outbound,
                   count(*) filter (where status in ('DELIVERED', 'READ', 'UNDELIVERED', 'FAILED')) as final,
                   count(*) filter (where status in ('DELIVERED', 'READ')) as delivered,
                   count(*) filter (where status not in ('DELIVERED', 'READ', 'UNDELIVERED', 'FAILED')
                                    and created_at < now() - interval '1 hour') as stuck
            from outbound_message where created_at >= $1 and created_at < $2 and %s group by channel""".formatted(CHANNEL);

    private static final String STARTED = """
            select channel, count(*) as started from conversation
            where created_at >= $1 and created_at < $2 and %s group by channel""".formatted(CHANNEL);

    private static final String ANSWER_TIME = """
            select count(*) as n,
                   percentile_cont(0.5) within group (order by extract(epoch from o.sent_at - i.received_at)) as p50,
                   percentile_cont(0.95) within group (order by extract(epoch from o.sent_at - i.received_at)) as p95
            from outbound_message o join inbound_message i on i.id = o.inbound_message_id
            where o.created_at >= $1 and o.created_at < $2 and ($3::varchar is null or o.channel = $3)
              and o.origin = 'BOT' and o.inbound_message_id is not null and o.sent_at is not null""";

    private static final String ERRORS = """
            select channel, error_code, count(*) as n from outbound_message
            where created_at >= $1 and created_at < $2 and %s and status in ('UNDELIVERED', 'FAILED')
            group by channel, error_code order by n desc, channel, error_code limit $4""".formatted(CHANNEL);

    private static final String HANDOFFS = """
            select r.id, r.conversation_id, r.channel, r.received_at, f.created_at as first_at, f.sent_by,
                   l.created_at as last_at
            from inbound_message r
            left join lateral (select min(n.received_at) as at from inbound_message n
                               where n.conversation_id = r.conversation_id and n.intent = 'ASK_FOR_PERSON'
                                 and n.state = 'ANSWERED' and n.received_at > r.received_at) nx on true
            left join lateral (select o.created_at, o.sent_by from outbound_message o
                               where o.conversation_id = r.conversation_id and o.origin = 'AGENT' and not o.from_echo
                                 and o.created_at > r.received_at and o.created_at < coalesce(nx.at, 'infinity')
                               order by o.created_at limit 1) f on true
            left join lateral (select o.created_at from outbound_message o
                               where o.conversation_id = r.conversation_id and o.origin = 'AGENT' and not o.from_echo
                                 and o.created_at > r.received_at and o.created_at < coalesce(nx.at, 'infinity')
                               order by o.created_at desc limit 1) l on true
            where r.received_at >= $1 and r.received_at < $2 and ($3::varchar is null or r.channel = $3)
              and r.intent = 'ASK_FOR_PERSON' and r.state = 'ANSWERED'
            order by r.received_at""";

    private static final String WAITING = """
            select count(*) as n, min(waiting_since) as oldest from conversation
            where state = 'WAITING_FOR_AGENT' and ($1::varchar is null or channel = $1)""";

    private static final String CASES = """
            select outcome, status, department, count(*) as n from case_query
            where asked_at >= $1 and asked_at < $2 and %s group by outcome, status, department""".formatted(CHANNEL);

    private static final String CONVERSATIONS = """
            select c.id, c.channel, c.state, c.created_at, c.last_activity_at, c.assigned_agent,
                   array_to_string(c.case_numbers, ' ') as case_numbers, array_to_string(c.departments, ' | ') as departments,
                   (select count(*) from inbound_message i where i.conversation_id = c.id
                      and i.received_at >= $1 and i.received_at < $2) as inbound,
                   (select count(*) from outbound_message o where o.conversation_id = c.id
                      and o.created_at >= $1 and o.created_at < $2) as outbound,
                   (select count(*) from inbound_message i where i.conversation_id = c.id and i.intent = 'ASK_FOR_PERSON'
                      and i.state = 'ANSWERED' and i.received_at >= $1 and i.received_at < $2) as person_requests
            from conversation c
            where c.created_at < $2 and c.last_activity_at >= $1 and ($3::varchar is null or c.channel = $3)
            order by c.id limit $4""";

    private final Db db;

    ReportQueries(Db db) {
        this.db = db;
    }

    /** Messages of one bucket: {@code bucket} is the local start of the hour or day in the zone asked for. */
    public record TrafficRow(boolean inbound, LocalDateTime bucket, Channel channel, long count) {
    }

    /** Inbound figures of one channel: counts; {@code citizens} = distinct conversations that wrote. */
    public record InboundRow(Channel channel, long inbound, long citizens, long answered, long handedOff,
                             long personRequests, long optOuts) {
    }

    /** Outbound figures of one channel: {@code final} = delivered, read, undelivered or failed; stuck = not final after 1 h. */
    public record OutboundRow(Channel channel, long outbound, long finalCount, long delivered, long stuck) {
    }

    /** Bot answer time over the period: {@code count} replies, p50/p95 in seconds (null without any reply). */
    public record AnswerTimeRow(long count, Double p50Seconds, Double p95Seconds) {
    }

    /** A provider error code with its count (final failures only). */
    public record ErrorRow(Channel channel, String code, long count) {
    }

    /**
     * One request for a person the bot acknowledged (the conversation then waited for staff): when, the first and
     * last agent messages after it (before the conversation's next request), and who sent the first.
     */
    public record HandoffRow(long inboundId, long conversationId, Channel channel, Instant requestedAt,
                             Instant firstResponseAt, String agent, Instant lastResponseAt) {
    }

    /** Conversations waiting for staff now, and since when the oldest waits (null when none). */
    public record WaitingRow(long count, Instant oldestSince) {
    }

    /** Case lookups grouped by outcome, status code and department (nulls where the case was not found). */
    public record CaseRow(String outcome, String status, String department, long count) {
    }

    /** One conversation of the conversations export; counts are of the period's messages. */
    public record ConversationRow(long id, Channel channel, String state, Instant createdAt, Instant lastActivityAt,
                                  String assignedAgent, String caseNumbers, String departments, long inbound,
                                  long outbound, long personRequests) {
    }

    /**
     * @param zone   IANA zone the buckets are local to, e.g. {@code Asia/Riyadh}
     * @param bucket {@code hour} or {@code day}
     * @return messages per bucket, channel and direction (buckets without messages are absent)
     */
    public Uni<List<TrafficRow>> traffic(Instant from, Instant to, Channel channel, String zone, String bucket) {
        if (!"hour".equals(bucket) && !"day".equals(bucket)) {
            throw new IllegalArgumentException("bucket must be hour or day: " + bucket);
        }
        return db.list(TRAFFIC, r -> new TrafficRow(r.getBoolean("inbound"), r.getLocalDateTime("bucket"),
                channel(r), r.getLong("n")), utc(from), utc(to), name(channel), zone, bucket);
    }

    /** @return inbound figures per channel with messages in the period */
    public Uni<List<InboundRow>> inbound(Instant from, Instant to, Channel channel) {
        return db.list(INBOUND, r -> new InboundRow(channel(r), r.getLong("inbound"), r.getLong("citizens"),
                r.getLong("answered"), r.getLong("handed_off"), r.getLong("person_requests"), r.getLong("opt_outs")),
                utc(from), utc(to), name(channel));
    }

    /** @return outbound figures per channel with messages queued in the period */
    public Uni<List<OutboundRow>> outbound(Instant from, Instant to, Channel channel) {
        return db.list(OUTBOUND, r -> new OutboundRow(channel(r), r.getLong("outbound"), r.getLong("final"),
                r.getLong("delivered"), r.getLong("stuck")), utc(from), utc(to), name(channel));
    }

    /** @return conversations started in the period, per channel */
    public Uni<List<ChannelCount>> started(Instant from, Instant to, Channel channel) {
        return db.list(STARTED, r -> new ChannelCount(channel(r), r.getLong("started")), utc(from), utc(to),
                name(channel));
    }

    /** A count of one channel. */
    public record ChannelCount(Channel channel, long count) {
    }

    /** @return the bot's answer time (inbound received → reply sent) over the replies queued in the period */
    public Uni<AnswerTimeRow> answerTime(Instant from, Instant to, Channel channel) {
        return db.first(ANSWER_TIME, r -> new AnswerTimeRow(r.getLong("n"), number(r, "p50"), number(r, "p95")),
                utc(from), utc(to), name(channel)).map(Optional::orElseThrow);
    }

    /** @return the {@code limit} most frequent provider error codes of final failures, most frequent first */
    public Uni<List<ErrorRow>> errors(Instant from, Instant to, Channel channel, int limit) {
        return db.list(ERRORS, r -> new ErrorRow(channel(r), r.getString("error_code"), r.getLong("n")),
                utc(from), utc(to), name(channel), limit);
    }

    /** @return the acknowledged requests for a person made in the period, oldest first */
    public Uni<List<HandoffRow>> handoffs(Instant from, Instant to, Channel channel) {
        return db.list(HANDOFFS, r -> new HandoffRow(r.getLong("id"), r.getLong("conversation_id"), channel(r),
                instant(r, "received_at"), instant(r, "first_at"), r.getString("sent_by"), instant(r, "last_at")),
                utc(from), utc(to), name(channel));
    }

    /** @return the conversations waiting for staff now (of one channel, or all) */
    public Uni<WaitingRow> waiting(Channel channel) {
        return db.first(WAITING, r -> new WaitingRow(r.getLong("n"), instant(r, "oldest")), name(channel))
                .map(Optional::orElseThrow);
    }

    /** @return the case lookups of the period, grouped */
    public Uni<List<CaseRow>> cases(Instant from, Instant to, Channel channel) {
        return db.list(CASES, r -> new CaseRow(r.getString("outcome"), r.getString("status"),
                r.getString("department"), r.getLong("n")), utc(from), utc(to), name(channel));
    }

    /** @return up to {@code limit} conversations active in the period (created before its end, active after its start), by id */
    public Uni<List<ConversationRow>> conversations(Instant from, Instant to, Channel channel, int limit) {
        return db.list(CONVERSATIONS, r -> new ConversationRow(r.getLong("id"), channel(r), r.getString("state"),
                instant(r, "created_at"), instant(r, "last_activity_at"), r.getString("assigned_agent"),
                r.getString("case_numbers"), r.getString("departments"), r.getLong("inbound"), r.getLong("outbound"),
                r.getLong("person_requests")), utc(from), utc(to), name(channel), limit);
    }

    private static Channel channel(Row r) {
        return Channel.valueOf(r.getString("channel"));
    }

    private static String name(Channel channel) {
        return channel == null ? null : channel.name();
    }

    private static OffsetDateTime utc(Instant t) {
        return InboundMessages.utc(t);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Double number(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
