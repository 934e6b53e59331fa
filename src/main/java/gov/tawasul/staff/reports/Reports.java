package gov.tawasul.staff.reports;

import gov.tawasul.engine.handoff.OfficeHours;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.store.ReportQueries;
import gov.tawasul.engine.store.AnswerBuckets;
import gov.tawasul.engine.store.ReportQueries.FigureRow;
import gov.tawasul.engine.store.ReportQueries.HandoffRow;
import gov.tawasul.engine.store.ReportQueries.TrafficRow;
import gov.tawasul.engine.store.ReportRollups;
import gov.tawasul.staff.view.ProviderErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Computes a {@link ReportSummary} from {@link ReportRollups} (closed days) and {@link ReportQueries} (the rest):
 * the statements run at once on the pool (one round trip each), the handoffs' office-time figures are computed here with {@link OfficeHours#officeDuration}. Must be
 * called on a Vert.x context.
 */
@ApplicationScoped
public class Reports {

    /** Provider error codes shown. */
    public static final int TOP_ERRORS = 10;
    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ReportQueries queries;
    private final ReportRollups rollups;
    private final OfficeHours officeHours;
    private final Duration sla;
    private final Supplier<Instant> clock;

    Reports(ReportQueries queries, ReportRollups rollups, OfficeHours officeHours,
            @ConfigProperty(name = "tawasul.staff.sla.first-response", defaultValue = "15m") Duration sla) {
        this.queries = queries;
        this.rollups = rollups;
        this.officeHours = officeHours;
        this.sla = sla;
        this.clock = Instant::now;
    }

    /** @return the first-response service level, office time */
    public Duration sla() {
        return sla;
    }

    /**
     * The figures of a period: the days the engine has rolled up ({@link ReportRollups}) are read from the rollup,
     * the others (today, days not rolled yet) from the message rows by the same statement, and the two added up;
     * without any rolled day in the period, every figure comes from the rows ({@link #rawSummary}). Requests for a
     * person of rolled days are their rolled rows ({@code report_handoff}); waiting conversations are always read
     * from the rows. Counts and the handoffs' figures are the same either way; the bot's
     * answer-time percentiles of a period with rolled days come from the fixed buckets of {@link AnswerBuckets}
     * (within 5 % of the exact value, 100 ms below 100 ms).
     *
     * @param period the days and channel
     * @param lang   {@code ar} or {@code en}: the language of the provider error meanings and department names
     * @return every figure of the period
     */
    public Uni<ReportSummary> summary(ReportPeriod period, String lang) {
        return rollups.rolledDays(period.zone(), period.fromDate(), period.toDate())
                .chain(days -> days.isEmpty() ? rawSummary(period, lang) : rolledSummary(period, lang, days));
    }

    /** @return every figure of the period from the message rows (exact percentiles) */
    Uni<ReportSummary> rawSummary(ReportPeriod period, String lang) {
        Instant from = period.from();
        Instant to = period.to();
        Channel ch = period.channel();
        List<Uni<?>> parts = List.of(
                queries.traffic(from, to, ch, period.zone().getId(), period.bucket()),
                queries.inbound(from, to, ch),
                queries.outbound(from, to, ch),
                queries.started(from, to, ch),
                queries.answerTime(from, to, ch),
                queries.errors(from, to, ch, TOP_ERRORS),
                queries.handoffs(from, to, ch),
                queries.waiting(ch),
                queries.cases(from, to, ch));
        return Uni.combine().all().unis(parts).with(results -> build(period, lang, results.toArray()));
    }

    @SuppressWarnings("unchecked")
    private Uni<ReportSummary> rolledSummary(ReportPeriod period, String lang, List<LocalDate> rolled) {
        ZoneId zone = period.zone();
        Channel ch = period.channel();
        Set<LocalDate> rolledSet = new HashSet<>(rolled);
        List<Instant[]> raw = RolledFigures.rawRanges(period, rolledSet);
        List<Uni<List<FigureRow>>> figures = new ArrayList<>();
        figures.add(rollups.figures(zone, rolled, ch));
        List<Uni<List<TrafficRow>>> traffic = new ArrayList<>();
        boolean hourly = "hour".equals(period.bucket());
        traffic.add(hourly ? queries.traffic(period.from(), period.to(), ch, zone.getId(), "hour")
                : rollups.traffic(zone, rolled, ch));
        // the raw days' figures one day at a time: their inbound and outbound counts are the day's traffic
        for (LocalDate day : RolledFigures.rawDays(period, rolledSet)) {
            Uni<List<FigureRow>> f = queries.figures(day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant(), ch).memoize().indefinitely();
            figures.add(f);
            if (!hourly) {
                traffic.add(f.map(rows -> RolledFigures.traffic(day, rows)));
            }
        }
        Uni<List<FigureRow>> allFigures = Uni.combine().all().unis(figures)
                .with(lists -> lists.stream().flatMap(l -> ((List<FigureRow>) l).stream()).toList());
        Uni<List<TrafficRow>> allTraffic = Uni.combine().all().unis(traffic)
                .with(lists -> lists.stream().flatMap(l -> ((List<TrafficRow>) l).stream()).toList());
        Uni<List<ReportQueries.ChannelCount>> citizens = rollups.citizens(zone, rolled,
                raw.stream().map(r -> r[0]).toList(), raw.stream().map(r -> r[1]).toList(), ch);
        List<Uni<List<HandoffRow>>> handoffs = new ArrayList<>();
        handoffs.add(rollups.handoffs(zone, rolled, ch));
        raw.forEach(r -> handoffs.add(queries.handoffs(r[0], r[1], ch)));
        Uni<List<HandoffRow>> allHandoffs = Uni.combine().all().unis(handoffs)
                .with(lists -> lists.stream().flatMap(l -> ((List<HandoffRow>) l).stream())
                        .sorted(Comparator.comparing(HandoffRow::requestedAt).thenComparing(HandoffRow::inboundId))
                        .toList());
        List<Uni<?>> parts = List.of(allTraffic, allFigures, citizens, allHandoffs, queries.waiting(ch));
        return Uni.combine().all().unis(parts).with(results -> {
            var f = new RolledFigures((List<FigureRow>) results.get(1),
                    (List<ReportQueries.ChannelCount>) results.get(2));
            return build(period, lang, new Object[]{results.get(0), f.inbound(), f.outbound(), f.started(),
                    f.answerTime(), f.errors(TOP_ERRORS), results.get(3), results.get(4), f.cases()});
        });
    }

    @SuppressWarnings("unchecked")
    private ReportSummary build(ReportPeriod period, String lang, Object[] p) {
        var cases = (List<ReportQueries.CaseRow>) p[8];
        var inbound = (List<ReportQueries.InboundRow>) p[1];
        var answer = (ReportQueries.AnswerTimeRow) p[4];
        var period1 = new ReportSummary.Period(period.fromDate().toString(), period.toDate().toString(),
                period.zone().getId(), period.channel() == null ? null : period.channel().wireName(), period.bucket());
        long answered = inbound.stream().mapToLong(ReportQueries.InboundRow::answeredByBot).sum();
        long handed = inbound.stream().mapToLong(ReportQueries.InboundRow::handedToPerson).sum();
        var bot = new ReportSummary.Bot(answered, handed, answer.count(), answer.p50Seconds(), answer.p95Seconds());
        var errors = ((List<ReportQueries.ErrorRow>) p[5]).stream().map(e -> new ReportSummary.ProviderError(
                e.channel().wireName(), e.code(), e.code() == null ? "" : ProviderErrors.meaning(e.channel(), e.code(), lang),
                e.count())).toList();
        Instant now = clock.get();
        var handoffRows = (List<HandoffRow>) p[6];
        Map<Long, Duration> firstResponses = firstResponses(handoffRows, now);
        return new ReportSummary(period1, traffic((List<ReportQueries.TrafficRow>) p[0]),
                channels(inbound, (List<ReportQueries.OutboundRow>) p[2], (List<ReportQueries.ChannelCount>) p[3]),
                bot, errors, handoffs(handoffRows, firstResponses, (ReportQueries.WaitingRow) p[7], now),
                agents(handoffRows, firstResponses),
                cases(cases, lang));
    }

    private static List<ReportSummary.Traffic> traffic(List<ReportQueries.TrafficRow> rows) {
        Map<String, long[]> byKey = new TreeMap<>();
        for (ReportQueries.TrafficRow r : rows) {
            long[] n = byKey.computeIfAbsent(BUCKET.format(r.bucket()) + "|" + r.channel().wireName(), k -> new long[2]);
            n[r.inbound() ? 0 : 1] += r.count();
        }
        List<ReportSummary.Traffic> out = new ArrayList<>();
        byKey.forEach((k, n) -> {
            int bar = k.indexOf('|');
            out.add(new ReportSummary.Traffic(k.substring(0, bar), k.substring(bar + 1), n[0], n[1]));
        });
        return out;
    }

    private static List<ReportSummary.ChannelFigures> channels(List<ReportQueries.InboundRow> inbound,
                                                               List<ReportQueries.OutboundRow> outbound,
                                                               List<ReportQueries.ChannelCount> started) {
        Map<Channel, ReportQueries.InboundRow> in = new EnumMap<>(Channel.class);
        inbound.forEach(r -> in.put(r.channel(), r));
        Map<Channel, ReportQueries.OutboundRow> out = new EnumMap<>(Channel.class);
        outbound.forEach(r -> out.put(r.channel(), r));
        Map<Channel, Long> st = new EnumMap<>(Channel.class);
        started.forEach(r -> st.put(r.channel(), r.count()));
        List<ReportSummary.ChannelFigures> list = new ArrayList<>();
        for (Channel c : Channel.values()) {
            var i = in.get(c);
            var o = out.get(c);
            if (i == null && o == null && !st.containsKey(c)) {
                continue;
            }
            long fin = o == null ? 0 : o.finalCount();
            long delivered = o == null ? 0 : o.delivered();
            list.add(new ReportSummary.ChannelFigures(c.wireName(), i == null ? 0 : i.inbound(),
                    o == null ? 0 : o.outbound(), st.getOrDefault(c, 0L), i == null ? 0 : i.citizens(),
                    i == null ? 0 : i.answeredByBot(), i == null ? 0 : i.handedToPerson(), i == null ? 0 : i.optOuts(),
                    fin, delivered, fin == 0 ? null : (double) delivered / fin, o == null ? 0 : o.stuck()));
        }
        return list;
    }

    /** The first response's office time of a request, or (unanswered) the office time until {@code now}. */
    Duration firstResponse(HandoffRow h, Instant now) {
        return officeHours.officeDuration(h.requestedAt(), h.firstResponseAt() == null ? now : h.firstResponseAt());
    }

    /** @return per request ({@code inboundId}), its first response's office time, computed once */
    private Map<Long, Duration> firstResponses(List<HandoffRow> rows, Instant now) {
        Map<Long, Duration> first = new HashMap<>();
        rows.forEach(h -> first.put(h.inboundId(), firstResponse(h, now)));
        return first;
    }

    private boolean breached(Duration firstResponse) {
        return firstResponse.compareTo(sla) > 0;
    }

    private ReportSummary.Handoffs handoffs(List<HandoffRow> rows, Map<Long, Duration> firstResponses,
                                            ReportQueries.WaitingRow waiting, Instant now) {
        List<Double> first = new ArrayList<>();
        List<Double> resolution = new ArrayList<>();
        long breaches = 0;
        for (HandoffRow h : rows) {
            Duration office = firstResponses.get(h.inboundId());
            if (h.firstResponseAt() != null) {
                first.add(seconds(office));
                resolution.add(seconds(Duration.between(h.requestedAt(), h.lastResponseAt())));
            }
            breaches += breached(office) ? 1 : 0;
        }
        Double oldest = waiting.oldestSince() == null ? null : seconds(Duration.between(waiting.oldestSince(), now));
        return new ReportSummary.Handoffs(rows.size(), first.size(), waiting.count(), oldest,
                Percentiles.of(first, 0.5), Percentiles.of(first, 0.9), Percentiles.of(resolution, 0.5),
                Percentiles.of(resolution, 0.9), sla.toSeconds(), breaches);
    }

    private List<ReportSummary.Agent> agents(List<HandoffRow> rows, Map<Long, Duration> firstResponses) {
        Map<String, List<HandoffRow>> byAgent = new TreeMap<>();
        for (HandoffRow h : rows) {
            if (h.agent() != null) {
                byAgent.computeIfAbsent(h.agent(), a -> new ArrayList<>()).add(h);
            }
        }
        List<ReportSummary.Agent> out = new ArrayList<>();
        byAgent.forEach((agent, list) -> {
            List<Double> first = list.stream().map(h -> seconds(firstResponses.get(h.inboundId()))).toList();
            List<Double> res = list.stream().map(h -> seconds(Duration.between(h.requestedAt(), h.lastResponseAt())))
                    .toList();
            out.add(new ReportSummary.Agent(agent, list.size(), Percentiles.of(first, 0.5),
                    Percentiles.of(first, 0.9), Percentiles.of(res, 0.5),
                    list.stream().filter(h -> breached(firstResponses.get(h.inboundId()))).count()));
        });
        return out;
    }

    private static ReportSummary.Cases cases(List<ReportQueries.CaseRow> rows, String lang) {
        long found = 0;
        long notFound = 0;
        long unavailable = 0;
        Map<String, Long> departments = new LinkedHashMap<>();
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (ReportQueries.CaseRow r : rows) {
            switch (r.outcome()) {
                case "FOUND", "LAST_KNOWN" -> {
                    found += r.count();
                    if (r.department(lang) != null) {
                        departments.merge(r.department(lang), r.count(), Long::sum);
                    }
                    if (r.status() != null) {
                        statuses.merge(r.status(), r.count(), Long::sum);
                    }
                }
                case "NOT_FOUND" -> notFound += r.count();
                default -> unavailable += r.count();
            }
        }
        long queries = found + notFound + unavailable;
        return new ReportSummary.Cases(queries, found, notFound, unavailable,
                queries == 0 ? null : (double) notFound / queries, sorted(departments), sorted(statuses));
    }

    private static List<ReportSummary.Count> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new ReportSummary.Count(e.getKey(), e.getValue())).toList();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
