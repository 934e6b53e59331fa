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
 * Read-only statements of the staff reports over the message tables (the raw path; {@link ReportRollups} holds the
 * closed days' figures): each one range scan of an index of V15 ({@code inbound_received}, {@code outbound_created}, {@code conversation_created},
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

    /**
     * The acknowledged requests for a person of {@code [$1, $2)} and channel {@code $3} (null: all), each with the
     * first and last agent message after it and before the conversation's next request; {@link ReportRollups}
     * stores its rows for each closed day ({@code report_handoff}, V24).
     */
    static final String HANDOFFS = """
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
            select outcome, status, coalesce(department_en, department) as department_en,
                   coalesce(department_ar, department) as department_ar, count(*) as n from case_query
            where asked_at >= $1 and asked_at < $2 and %s group by 1, 2, 3, 4""".formatted(CHANNEL);

    /**
     * The answer-time bucket of a BOT reply {@code o} to inbound {@code i} (milliseconds {@code ms} from received to
     * sent): 0 under 100 ms, {@code k} in 1–399 for [100·1.05^(k−1), 100·1.05^k) ms, 400 above (about 330 days).
     * {@link AnswerBuckets} gives the same bounds in Java. In double precision ({@code numeric}'s {@code ln} cost
     * about 5 µs a row: 60 ms of a summary's today, 2026-12-03); a value within 1e-15 of a bound may fall on the
     * other side of it, which the 5 % precision of the buckets covers.
     */
    static final String ANSWER_BUCKET = """
            (case when extract(epoch from o.sent_at - i.received_at)::float8 * 1000 < 100 then 0
                  else least(1 + floor(ln(extract(epoch from o.sent_at - i.received_at)::float8 * 10)
                                       / ln(1.05::float8))::int, 400)
             end)""";

    /**
     * Every additive figure of the summary over {@code [$1, $2)} and channel {@code $3} (null: all), as rows
     * {@code (channel, metric, k1, k2, k3, k4, n)} (see V18 for the metrics and their keys; zero counts are left
     * out). The summary runs it over the days that are not rolled up, and {@link ReportRollups} stores its result
     * for each closed day: the two paths add up the same rows.
     */
    static final String FIGURES = """
            with i as (
                select channel, count(*) as inbound, count(*) filter (where state = 'ANSWERED') as answered,
                       count(*) filter (where state = 'HANDED_OFF') as handed_off,
                       count(*) filter (where intent = 'ASK_FOR_PERSON' and state = 'ANSWERED') as person_requests,
                       count(*) filter (where intent = 'OPT_OUT') as opt_outs
                from inbound_message where received_at >= $1 and received_at < $2 and %1$s group by channel),
            o as (
                select channel, count(*) as outbound,
                       count(*) filter (where status in ('DELIVERED', 'READ', 'UNDELIVERED', 'FAILED')) as final,
                       count(*) filter (where status in ('DELIVERED', 'READ')) as delivered,
                       count(*) filter (where status not in ('DELIVERED', 'READ', 'UNDELIVERED', 'FAILED')
                                        and created_at < now() - interval '1 hour') as stuck
                from outbound_message where created_at >= $1 and created_at < $2 and %1$s group by channel)
            select channel, v.metric, '' as k1, '' as k2, '' as k3, '' as k4, v.n from i
                cross join lateral (values ('inbound', i.inbound), ('answered', i.answered),
                                           ('handed_off', i.handed_off), ('person_requests', i.person_requests),
                                           ('opt_outs', i.opt_outs)) as v (metric, n) where v.n > 0
            union all
            select channel, v.metric, '', '', '', '', v.n from o
                cross join lateral (values ('outbound', o.outbound), ('final', o.final), ('delivered', o.delivered),
                                           ('stuck', o.stuck)) as v (metric, n) where v.n > 0
            union all
            select channel, 'started', '', '', '', '', count(*) from conversation
            where created_at >= $1 and created_at < $2 and %1$s group by channel
            union all
            select channel, 'error', coalesce(error_code, ''), '', '', '', count(*) from outbound_message
            where created_at >= $1 and created_at < $2 and %1$s and status in ('UNDELIVERED', 'FAILED')
            group by 1, 3
            union all
            select o.channel, 'answer_ms', %2$s::text, '', '', '', count(*)
            from outbound_message o join inbound_message i on i.id = o.inbound_message_id
            where o.created_at >= $1 and o.created_at < $2 and ($3::varchar is null or o.channel = $3)
              and o.origin = 'BOT' and o.inbound_message_id is not null and o.sent_at is not null
            group by 1, 3
            union all
            select channel, 'case', outcome, coalesce(status, ''), coalesce(department_en, department, ''),
                   coalesce(department_ar, department, ''), count(*) from case_query
            where asked_at >= $1 and asked_at < $2 and %1$s group by 1, 3, 4, 5, 6""".formatted(CHANNEL, ANSWER_BUCKET);

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

    ReportQueries(@Reporting Db db) {
        this.db = db;
    }

    /** Messages of one bucket: {@code bucket} is the local start of the hour or day in the zone asked for. */
    public record TrafficRow(boolean inbound, LocalDateTime bucket, Channel channel, long count) {
    }

    /**
     * Inbound figures of one channel: counts; {@code citizens} = distinct conversations that wrote; {@code answered}
     * = inbound rows {@code ANSWERED} (a request for a person among them: the bot answers it with "connecting you"),
     * {@code handedOff} = rows {@code HANDED_OFF} (arrived while a person held the conversation), {@code personRequests}
     * = the requests for a person.
     */
    public record InboundRow(Channel channel, long inbound, long citizens, long answered, long handedOff,
                             long personRequests, long optOuts) {

        /** @return messages the bot itself answered: {@code answered} without the requests for a person */
        public long answeredByBot() {
            return answered - personRequests;
        }

        /** @return messages handed to a person: the requests for one and the messages that came while one held the conversation */
        public long handedToPerson() {
            return handedOff + personRequests;
        }
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

    /**
     * Case lookups grouped by outcome, status code and department (nulls where the case was not found): the
     * department's English label (else the Arabic one) and its Arabic label (else the English one); rows written
     * before V18 have one label, the same in both.
     */
    public record CaseRow(String outcome, String status, String departmentEn, String departmentAr, long count) {

        /** @return the department's label in {@code lang} ({@code ar} or {@code en}), else null */
        public String department(String lang) {
            return "ar".equals(lang) ? departmentAr : departmentEn;
        }
    }

    /**
     * One additive figure of a period: {@code metric} and its keys {@code k1…k4} ({@code ""} when none) as listed
     * in V18 ({@code report_daily}), and its count.
     */
    public record FigureRow(Channel channel, String metric, String k1, String k2, String k3, String k4, long n) {
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
        return db.list(HANDOFFS, ReportQueries::handoff, utc(from), utc(to), name(channel));
    }

    /** @return the handoff of a row with the columns of {@link #HANDOFFS} */
    static HandoffRow handoff(Row r) {
        return new HandoffRow(r.getLong("id"), r.getLong("conversation_id"), channel(r), instant(r, "received_at"),
                instant(r, "first_at"), r.getString("sent_by"), instant(r, "last_at"));
    }

    /** @return the conversations waiting for staff now (of one channel, or all) */
    public Uni<WaitingRow> waiting(Channel channel) {
        return db.first(WAITING, r -> new WaitingRow(r.getLong("n"), instant(r, "oldest")), name(channel))
                .map(Optional::orElseThrow);
    }

    /** @return the case lookups of the period, grouped */
    public Uni<List<CaseRow>> cases(Instant from, Instant to, Channel channel) {
        return db.list(CASES, r -> new CaseRow(r.getString("outcome"), r.getString("status"),
                r.getString("department_en"), r.getString("department_ar"), r.getLong("n")), utc(from), utc(to),
                name(channel));
    }

    /** @return the additive figures of {@code [from, to)} from the message rows ({@link #FIGURES}) */
    public Uni<List<FigureRow>> figures(Instant from, Instant to, Channel channel) {
        return db.list(FIGURES, ReportQueries::figure, utc(from), utc(to), name(channel));
    }

    static FigureRow figure(Row r) {
        return new FigureRow(channel(r), r.getString("metric"), r.getString("k1"), r.getString("k2"),
                r.getString("k3"), r.getString("k4"), r.getLong("n"));
    }

    /** @return up to {@code limit} conversations active in the period (created before its end, active after its start), by id */
    public Uni<List<ConversationRow>> conversations(Instant from, Instant to, Channel channel, int limit) {
        return db.list(CONVERSATIONS, r -> new ConversationRow(r.getLong("id"), channel(r), r.getString("state"),
                instant(r, "created_at"), instant(r, "last_activity_at"), r.getString("assigned_agent"),
                r.getString("case_numbers"), r.getString("departments"), r.getLong("inbound"), r.getLong("outbound"),
                r.getLong("person_requests")), utc(from), utc(to), name(channel), limit);
    }

    static Channel channel(Row r) {
        return Channel.valueOf(r.getString("channel"));
    }

    static String name(Channel channel) {
        return channel == null ? null : channel.name();
    }

    static OffsetDateTime utc(Instant t) {
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
