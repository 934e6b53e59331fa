package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.store.ReportQueries.FigureRow;
import gov.tawasul.engine.store.ReportQueries.TrafficRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The store of the report rollups (V18): {@code report_daily} (the additive figures of one closed local day and
 * channel, the rows of {@link ReportQueries#FIGURES} over that day), {@code report_rolled_day} (which days are
 * rolled), {@code report_citizen_days} (per conversation, the rolled days it wrote on, for distinct citizens) and
 * {@code report_handoff} (V24: the day's requests for a person with their first and last agent messages, the rows
 * of {@link ReportQueries#HANDOFFS}) and {@code report_citizen_last_day} (V25: how many conversations have each last
 * rolled day, per channel, kept by the same statement as {@code report_citizen_days}).
 * Days are local to a zone (the staff time zone); rows of another zone are never read. A day is rolled (or rolled
 * again) by one statement, so that a reader sees it whole or not at all. Results are on the calling Vert.x context.
 */
@ApplicationScoped
public class ReportRollups {

    private static final String ROLL = """
            with f as (%1$s),
            h as (%2$s),
            up as (
                insert into report_daily (zone, day, channel, metric, k1, k2, k3, k4, n)
                select $4::varchar, $5::date, channel, metric, left(k1, 64), left(k2, 64), left(k3, 256),
                       left(k4, 256), n from f
                on conflict (zone, day, channel, metric, k1, k2, k3, k4) do update set n = excluded.n),
            gone as (
                delete from report_daily d where d.zone = $4::varchar and d.day = $5::date
                  and not exists (select 1 from f where f.channel = d.channel and f.metric = d.metric
                                    and left(f.k1, 64) = d.k1 and left(f.k2, 64) = d.k2
                                    and left(f.k3, 256) = d.k3 and left(f.k4, 256) = d.k4)),
            citizens as (
                insert into report_citizen_days (zone, conversation_id, channel, days, last_day)
                select $4::varchar, conversation_id, min(channel), datemultirange(daterange($5::date, $5::date + 1)),
                       $5::date
                from inbound_message where received_at >= $1 and received_at < $2 group by conversation_id
                on conflict (zone, conversation_id) do update
                    set days = report_citizen_days.days + excluded.days,
                        last_day = greatest(report_citizen_days.last_day, excluded.last_day)
                    where not report_citizen_days.days @> excluded.days
                returning conversation_id, channel, last_day),
            before as (
                select c.conversation_id, c.last_day from report_citizen_days c
                where c.zone = $4::varchar and c.conversation_id in (select conversation_id from citizens)),
            moves as (
                select c.channel, c.last_day as day, 1 as n from citizens c
                    left join before b on b.conversation_id = c.conversation_id
                where b.last_day is distinct from c.last_day
                union all
                select c.channel, b.last_day, -1 from citizens c join before b on b.conversation_id = c.conversation_id
                where b.last_day <> c.last_day),
            last_days as (
                insert into report_citizen_last_day (zone, last_day, channel, n)
                select $4::varchar, day, channel, sum(n) from moves group by day, channel
                on conflict (zone, last_day, channel) do update set n = report_citizen_last_day.n + excluded.n),
            handoffs as (
                insert into report_handoff (zone, day, inbound_id, conversation_id, channel, requested_at, first_at,
                                            agent, last_at)
                select $4::varchar, $5::date, id, conversation_id, channel, received_at, first_at, sent_by, last_at
                from h
                on conflict (zone, day, inbound_id) do update
                    set first_at = excluded.first_at, agent = excluded.agent, last_at = excluded.last_at),
            handoffs_gone as (
                delete from report_handoff d where d.zone = $4::varchar and d.day = $5::date
                  and not exists (select 1 from h where h.id = d.inbound_id))
            insert into report_rolled_day (zone, day) values ($4::varchar, $5::date)
            on conflict (zone, day) do update set rolled_at = now()""".formatted(ReportQueries.FIGURES,
            ReportQueries.HANDOFFS);

    private static final String ROLLED = """
            select day from report_rolled_day where zone = $1 and day >= $2 and day <= $3 order by day""";

    private static final String FIRST_DAY = """
            select least((select min(received_at) from inbound_message), (select min(created_at) from outbound_message),
                         (select min(created_at) from conversation)) as first""";

    private static final String SUMS = """
            select channel, metric, k1, k2, k3, k4, sum(n)::bigint as n from report_daily
            where zone = $1 and day = any($2::date[]) and ($3::varchar is null or channel = $3)
            group by channel, metric, k1, k2, k3, k4""";

    private static final String TRAFFIC = """
            select metric = 'inbound' as inbound, day, channel, n from report_daily
            where zone = $1 and day = any($2::date[]) and ($3::varchar is null or channel = $3)
              and metric in ('inbound', 'outbound')""";

    private static final String HANDOFFS = """
            select inbound_id as id, conversation_id, channel, requested_at as received_at, first_at,
                   agent as sent_by, last_at
            from report_handoff
            where zone = $1 and day = any($2::date[]) and ($3::varchar is null or channel = $3)""";

    /**
     * Distinct conversations per channel that wrote on a rolled day of the period ($2) or in its raw ranges ($3,
     * $4). A = the first rolled day of the period; when its last rolled day is the zone's last rolled day, "wrote on
     * one of them" is "last_day ≥ A" (every rolled day from A on is in the period): the sum of the rows of
     * report_citizen_last_day from A on (V25; one per day and channel); else the candidates' day ranges are checked
     * (report_citizen_last). Raw conversations are added when they are not already counted (index-only look-ups of
     * report_citizen_conversation when the period is the latest).
     */
    private static final String CITIZENS = """
            with p as (
                select min(d) as a, max(d) >= (select max(day) from report_rolled_day where zone = $1) as latest,
                       range_agg(daterange(d, d + 1)) as rolled
                from unnest($2::date[]) as d),
            raw as (
                select distinct i.conversation_id, i.channel from inbound_message i
                    join unnest($3::timestamptz[], $4::timestamptz[]) as r (a, b)
                      on i.received_at >= r.a and i.received_at < r.b
                where ($5::varchar is null or i.channel = $5))
            select channel, sum(n)::bigint as citizens from (
                select h.channel, h.n from report_citizen_last_day h
                where h.zone = $1 and h.last_day >= (select a from p) and (select latest from p)
                  and ($5::varchar is null or h.channel = $5)
                union all
                select c.channel, 1 from report_citizen_days c
                where c.zone = $1 and c.last_day >= (select a from p) and not (select latest from p)
                  and ($5::varchar is null or c.channel = $5) and c.days && (select rolled from p)
                union all
                select r.channel, 1 from raw r
                    left join lateral (select 1 as counted from report_citizen_days c
                                       where c.zone = $1 and c.conversation_id = r.conversation_id
                                         and c.last_day >= (select a from p) limit 1) k on true
                where (select latest from p) and k.counted is null
                union all
                select r.channel, 1 from raw r
                where not (select latest from p)
                  and not exists (select 1 from report_citizen_days c
                                  where c.zone = $1 and c.conversation_id = r.conversation_id
                                    and c.last_day >= (select a from p) and c.days && (select rolled from p))) as x
            group by channel having sum(n) > 0""";

    private final Db db;

    ReportRollups(@Reporting Db db) {
        this.db = db;
    }

    /**
     * Rolls up (again) local day {@code day} of {@code zone}: its figures replace the stored ones, its citizens
     * are added to {@code report_citizen_days}, and it is marked rolled. The caller rolls closed days only.
     *
     * @return completes once committed
     */
    public Uni<Void> roll(ZoneId zone, LocalDate day) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return db.update(ROLL, ReportQueries.utc(start), ReportQueries.utc(end), null, zone.getId(), day)
                .replaceWithVoid();
    }

    /** @return the rolled days of {@code zone} from {@code first} to {@code last} (both included), in order */
    public Uni<List<LocalDate>> rolledDays(ZoneId zone, LocalDate first, LocalDate last) {
        return db.list(ROLLED, r -> r.getLocalDate("day"), zone.getId(), first, last);
    }

    /** @return the time of the oldest message or conversation, or empty when there is none */
    public Uni<Optional<Instant>> firstActivity() {
        return db.first(FIRST_DAY, r -> Optional.ofNullable(r.getOffsetDateTime("first")))
                .map(t -> t.flatMap(o -> o).map(java.time.OffsetDateTime::toInstant));
    }

    /** @return the figures of the rolled {@code days} added up per channel, metric and keys */
    public Uni<List<FigureRow>> figures(ZoneId zone, List<LocalDate> days, Channel channel) {
        return db.list(SUMS, ReportQueries::figure, zone.getId(), days.toArray(new LocalDate[0]),
                ReportQueries.name(channel));
    }

    /** @return messages in and out of each rolled day (bucket: the day's local midnight) and channel */
    public Uni<List<TrafficRow>> traffic(ZoneId zone, List<LocalDate> days, Channel channel) {
        return db.list(TRAFFIC, r -> new TrafficRow(r.getBoolean("inbound"), r.getLocalDate("day").atStartOfDay(),
                ReportQueries.channel(r), r.getLong("n")), zone.getId(), days.toArray(new LocalDate[0]),
                ReportQueries.name(channel));
    }

    /** @return the acknowledged requests for a person of the rolled {@code days}, as the raw statement gives them */
    public Uni<List<ReportQueries.HandoffRow>> handoffs(ZoneId zone, List<LocalDate> days, Channel channel) {
        return db.list(HANDOFFS, ReportQueries::handoff, zone.getId(), days.toArray(new LocalDate[0]),
                ReportQueries.name(channel));
    }

    /**
     * @param days   rolled days
     * @param starts starts of the periods not rolled (with {@code ends}, half-open)
     * @return distinct conversations per channel that wrote on one of {@code days} or in one of the periods
     */
    public Uni<List<ReportQueries.ChannelCount>> citizens(ZoneId zone, List<LocalDate> days, List<Instant> starts,
                                                          List<Instant> ends, Channel channel) {
        return db.list(CITIZENS, r -> new ReportQueries.ChannelCount(ReportQueries.channel(r), r.getLong("citizens")),
                zone.getId(), days.toArray(new LocalDate[0]),
                starts.stream().map(ReportQueries::utc).toArray(java.time.OffsetDateTime[]::new),
                ends.stream().map(ReportQueries::utc).toArray(java.time.OffsetDateTime[]::new),
                ReportQueries.name(channel));
    }
}
