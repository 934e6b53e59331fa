package gov.tawasul.staff.reports;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.store.AnswerBuckets;
import gov.tawasul.engine.store.ReportQueries;
import gov.tawasul.engine.store.ReportQueries.FigureRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The additive figures of a period ({@link FigureRow}s of rolled days and of raw ranges, in any number of pieces)
 * added up into the rows {@link ReportQueries} returns on the raw path, so that {@link Reports} builds the summary
 * the same way from either.
 */
final class RolledFigures {

    private final Map<String, Long> sums = new LinkedHashMap<>();
    private final Map<Channel, Long> citizens = new EnumMap<>(Channel.class);

    /**
     * @param rows     figure rows, repeated keys are added
     * @param citizens distinct conversations per channel over the whole period
     */
    RolledFigures(List<FigureRow> rows, List<ReportQueries.ChannelCount> citizens) {
        for (FigureRow r : rows) {
            sums.merge(String.join("\u001f", r.channel().name(), r.metric(), r.k1(), r.k2(), r.k3(), r.k4()),
                    r.n(), Long::sum);
        }
        citizens.forEach(c -> this.citizens.put(c.channel(), c.count()));
    }

    /** @return contiguous runs of the period's days that are not in {@code rolled}, each as [start, end) */
    static List<Instant[]> rawRanges(ReportPeriod period, Set<LocalDate> rolled) {
        List<Instant[]> ranges = new ArrayList<>();
        LocalDate runStart = null;
        for (LocalDate d = period.fromDate(); !d.isAfter(period.toDate().plusDays(1)); d = d.plusDays(1)) {
            boolean raw = !d.isAfter(period.toDate()) && !rolled.contains(d);
            if (raw && runStart == null) {
                runStart = d;
            } else if (!raw && runStart != null) {
                ranges.add(new Instant[]{runStart.atStartOfDay(period.zone()).toInstant(),
                        d.atStartOfDay(period.zone()).toInstant()});
                runStart = null;
            }
        }
        return ranges;
    }

    /** @return the period's days that are not in {@code rolled}, in order */
    static List<LocalDate> rawDays(ReportPeriod period, Set<LocalDate> rolled) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = period.fromDate(); !d.isAfter(period.toDate()); d = d.plusDays(1)) {
            if (!rolled.contains(d)) {
                days.add(d);
            }
        }
        return days;
    }

    /**
     * @param day  a local day
     * @param rows its figures ({@link ReportQueries#figures} over that day)
     * @return its messages in and out per channel, as {@link ReportQueries#traffic} gives them by day
     */
    static List<ReportQueries.TrafficRow> traffic(LocalDate day, List<FigureRow> rows) {
        return rows.stream().filter(r -> r.metric().equals("inbound") || r.metric().equals("outbound"))
                .map(r -> new ReportQueries.TrafficRow(r.metric().equals("inbound"), day.atStartOfDay(), r.channel(),
                        r.n())).toList();
    }

    private long get(Channel c, String metric) {
        return sums.getOrDefault(String.join("\u001f", c.name(), metric, "", "", "", ""), 0L);
    }

    /** One summed row: its channel, metric, keys and count. */
    private record Sum(Channel channel, String metric, String[] keys, long n) {
    }

    private List<Sum> rows(String metric) {
        List<Sum> out = new ArrayList<>();
        sums.forEach((key, n) -> {
            String[] parts = key.split("\u001f", -1);
            if (parts[1].equals(metric)) {
                out.add(new Sum(Channel.valueOf(parts[0]), metric, new String[]{parts[2], parts[3], parts[4], parts[5]}, n));
            }
        });
        return out;
    }

    List<ReportQueries.InboundRow> inbound() {
        List<ReportQueries.InboundRow> out = new ArrayList<>();
        for (Channel c : Channel.values()) {
            long n = get(c, "inbound");
            if (n > 0) {
                out.add(new ReportQueries.InboundRow(c, n, citizens.getOrDefault(c, 0L), get(c, "answered"),
                        get(c, "handed_off"), get(c, "person_requests"), get(c, "opt_outs")));
            }
        }
        return out;
    }

    List<ReportQueries.OutboundRow> outbound() {
        List<ReportQueries.OutboundRow> out = new ArrayList<>();
        for (Channel c : Channel.values()) {
            long n = get(c, "outbound");
            if (n > 0) {
                out.add(new ReportQueries.OutboundRow(c, n, get(c, "final"), get(c, "delivered"), get(c, "stuck")));
            }
        }
        return out;
    }

    List<ReportQueries.ChannelCount> started() {
        List<ReportQueries.ChannelCount> out = new ArrayList<>();
        for (Channel c : Channel.values()) {
            long n = get(c, "started");
            if (n > 0) {
                out.add(new ReportQueries.ChannelCount(c, n));
            }
        }
        return out;
    }

    /** @return replies timed and p50/p95 estimated from the answer-time buckets (seconds) */
    ReportQueries.AnswerTimeRow answerTime() {
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        rows("answer_ms").forEach(r -> buckets.merge(Integer.parseInt(r.keys()[0]), r.n(), Long::sum));
        long count = buckets.values().stream().mapToLong(Long::longValue).sum();
        return new ReportQueries.AnswerTimeRow(count, Percentiles.ofBuckets(buckets, 0.5),
                Percentiles.ofBuckets(buckets, 0.95));
    }

    /** @return the {@code limit} most frequent (channel, code) final failures, as the raw statement orders them */
    List<ReportQueries.ErrorRow> errors(int limit) {
        return rows("error").stream()
                .map(r -> new ReportQueries.ErrorRow(r.channel(), r.keys()[0].isEmpty() ? null : r.keys()[0], r.n()))
                .sorted(Comparator.comparingLong(ReportQueries.ErrorRow::count).reversed()
                        .thenComparing(e -> e.channel().name())
                        .thenComparing(ReportQueries.ErrorRow::code, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(limit).toList();
    }

    List<ReportQueries.CaseRow> cases() {
        Map<String, ReportQueries.CaseRow> byKey = new LinkedHashMap<>();
        for (Sum r : rows("case")) {
            String[] k = r.keys();
            byKey.merge(String.join("\u001f", k), new ReportQueries.CaseRow(k[0], blank(k[1]), blank(k[2]), blank(k[3]),
                    r.n()), (a, b) -> new ReportQueries.CaseRow(a.outcome(), a.status(), a.departmentEn(),
                    a.departmentAr(), a.count() + b.count()));
        }
        return List.copyOf(byKey.values());
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    /** @return bucket {@code k}'s bounds in seconds */
    static double[] boundsSeconds(int k) {
        return new double[]{AnswerBuckets.lowerMs(k) / 1000, AnswerBuckets.upperMs(k) / 1000};
    }
}
