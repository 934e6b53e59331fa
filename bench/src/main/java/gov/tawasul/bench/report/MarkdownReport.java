package gov.tawasul.bench.report;

import gov.tawasul.bench.load.StepResult;
import gov.tawasul.bench.probe.MachineProbe;
import gov.tawasul.bench.probe.StatementLog;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Renders the results of one {@code bench/run} as markdown: machine, headline figures, full-pipeline steps, bare
 * steps, resources, database and Redis work per message. Every number comes from a measurement of this run.
 */
public final class MarkdownReport {

    /** Round trips counted in the counting window. */
    public record Counts(int messages, double windowSeconds, long pgTransactions, double pgIdlePerSecond,
                         double pgWindowSeconds, long redisCommands, long redisInScripts, double redisIdlePerSecond,
                         Map<String, Long> redisByCommand, long inboundRows, long outboundRows) {
        double pgPerMessage() {
            return (pgTransactions - pgIdlePerSecond * pgWindowSeconds) / messages;
        }

        double redisPerMessage() {
            return (redisCommands - redisIdlePerSecond * windowSeconds) / messages;
        }
    }

    /** Statements and transactions counted in the server's statement log ({@link StatementLog}). */
    public record StatementCounts(StatementLog.Counts window, double windowSeconds, StatementLog.Counts idle,
                                  double idleSeconds, String file) {
        double perMessage(long windowValue, long idleValue, int messages) {
            return (windowValue - idleValue / idleSeconds * windowSeconds) / messages;
        }
    }

    /** One run of one step, with the machine's load during it. */
    public record Row(StepResult result, int run, MachineProbe.Load load) {
    }

    public String title = "";
    public final List<String[]> machine = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public final List<Row> full = new ArrayList<>();
    public final List<Row> bare = new ArrayList<>();
    public int repeats = 1;
    public boolean fullLadderComplete;
    public boolean bareLadderComplete;
    public Row overCapacity;
    public Row burst;
    public double startupAckSeconds = Double.NaN;
    public double startupReplySeconds = Double.NaN;
    public long rssAfterStartKiB = -1;
    /** Restarts on the migrated database: {first ack s, first reply s, RSS KiB} each. */
    public final List<double[]> restarts = new java.util.ArrayList<>();
    /** The JVM options of the restarts. */
    public String restartJvm = "";
    public long rssIdleKiB = -1;
    public long rssIdleAfterLoadKiB = -1;
    public Counts counts;
    public StatementCounts statements;
    public long slaMillis;
    /** Markdown of {@link JfrSummary}, or null. */
    public String profile;

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach(r -> md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
        md.append('\n');
        headline(md);
        fullSteps(md);
        beyond(md);
        bareSteps(md);
        resources(md);
        if (profile != null) {
            md.append("### Where the app's CPU time goes (JFR)\n\n").append(profile);
        }
        if (!notes.isEmpty()) {
            md.append("### Notes of this run\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    /** @return runs needed for a rate to count as sustained: a majority (2 of 3) */
    public int majority() {
        return repeats / 2 + 1;
    }

    /** @return the highest rate of {@code rows} that a majority of its runs sustained, 0 when none */
    public double highestSustained(List<Row> rows) {
        return rates(rows).stream().filter(rate -> okRuns(rows, rate) >= majority()).mapToDouble(d -> d).max()
                .orElse(0);
    }

    private static List<Double> rates(List<Row> rows) {
        return rows.stream().map(r -> r.result().rate()).distinct().toList();
    }

    private static List<Row> at(List<Row> rows, double rate) {
        return rows.stream().filter(r -> r.result().rate() == rate).toList();
    }

    private static long okRuns(List<Row> rows, double rate) {
        return at(rows, rate).stream().filter(r -> r.result().sustained()).count();
    }

    /** Median of a figure over the runs of one rate, with every run's value: "12.1 (10.3 / 12.1 / 15.0)". */
    private static String median(List<Row> runs, ToDoubleFunction<Row> figure, String format) {
        double[] v = runs.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return "–";
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        String each = Arrays.stream(v).mapToObj(d -> fmt(format, d)).collect(Collectors.joining(" / "));
        return fmt(format, median) + (v.length > 1 ? " (runs: " + each + ")" : "");
    }

    private static double p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private void headline(StringBuilder md) {
        double bestFull = highestSustained(full);
        double bestBare = highestSustained(bare);
        md.append("### Headline\n\n");
        md.append(repeats == 1 ? "Each rate ran once (`--quick` or `BENCH_REPEATS=1`): no medians.\n\n"
                : fmt("Figures of steps run %d times are the median of the runs (each run in brackets); a rate is "
                + "sustained when at least %d of its %d runs were `ok`.\n\n", repeats, majority(), repeats));
        md.append("| figure | value |\n|---|---|\n");
        long busy = allRows().filter(r -> r.load().busy()).count();
        row(md, fmt("rows taken on a busy machine (others > 0.3 cores during the step, or load > 1.5 before the run: "
                + "it was %.2f)", gov.tawasul.bench.probe.MachineProbe.runStartLoad()),
                fmt("%d of %d", busy, allRows().count()) + (busy == 0 ? "" : " (marked `busy` in the tables)"));
        row(md, "highest rate sustained, full pipeline (webhook → reply at Twilio API → sent and delivered callbacks), "
                        + "nothing lost", bestFull > 0 ? fmt("%.0f msg/s (%d of %d runs ok, %d s each)", bestFull,
                okRuns(full, bestFull), at(full, bestFull).size(), at(full, bestFull).get(0).result().seconds())
                        + (fullLadderComplete ? " — the top of the ladder: the ceiling is higher" : "")
                        : "none of the steps");
        row(md, "highest rate sustained, bare endpoint (same app, same generator)", bestBare > 0
                ? fmt("%.0f req/s (%d of %d runs ok, %d s each); %s", bestBare, okRuns(bare, bestBare),
                at(bare, bestBare).size(), at(bare, bestBare).get(0).result().seconds(), bareLimit())
                : "none of the steps");
        if (bestFull > 0 && bestBare > 0) {
            row(md, "ratio full pipeline / bare (sustained rates)", fmt("%.3f", bestFull / bestBare)
                    + (bareLadderComplete ? " (bare ceiling not reached: an upper bound)" : ""));
        }
        List<Row> at500 = at(full, 500);
        if (!at500.isEmpty()) {
            row(md, "webhook ack p99 at 500 msg/s (ms)", median(at500, r -> p(r.result().tracker().ackLatency(), 99),
                    "%.1f"));
            row(md, "inbound sent → reply at the Twilio API, p99 at 500 msg/s (ms)",
                    median(at500, r -> p(r.result().tracker().replyLatency(), 99), "%.1f"));
            row(md, "app CPU seconds per 1,000 messages at 500 msg/s",
                    median(at500, r -> r.result().cpuPerThousand(false), "%.2f"));
        }
        if (bestFull > 0 && bestFull != 500) {
            row(md, fmt("app CPU seconds per 1,000 messages at %.0f msg/s (highest sustained)", bestFull),
                    median(at(full, bestFull), r -> r.result().cpuPerThousand(false), "%.2f"));
        }
        if (overCapacity != null) {
            var t = overCapacity.result().tracker();
            row(md, fmt("over capacity: %.0f msg/s for %d s (2 × sustained)", overCapacity.result().rate(),
                    overCapacity.result().seconds()), fmt("ack p99 %s ms, %d lost, drain %s (last send → last "
                    + "delivered)", ms(t.ackLatency(), 99), t.sent() - t.delivered(), drainAfterLastSend(overCapacity)));
        }
        if (burst != null) {
            var t = burst.result().tracker();
            row(md, fmt("burst: %d messages at once", t.sent()), fmt("sent in %.1f s; drained in %s (first send → "
                            + "last delivered); ack p99 while draining %s ms; %d lost", (t.lastSentNs() - t.firstSentNs()) / 1e9,
                    drainFromFirstSend(burst), ms(t.ackLatency(), 99), t.sent() - t.delivered()));
        }
        row(md, "start-up: process start → first webhook acknowledged 2xx", fmt("%.2f s", startupAckSeconds));
        row(md, "start-up: process start → first reply at the Twilio API", fmt("%.2f s", startupReplySeconds));
        if (!restarts.isEmpty()) {
            row(md, fmt("restart on the migrated database (%d runs, no profiler, `%s`): process start → first webhook "
                    + "acknowledged / first reply, median (min–max)", restarts.size(), restartJvm),
                    fmt("%s / %s s", spread(restarts, 0, "%.2f"), spread(restarts, 1, "%.2f")));
        }
        row(md, "RSS idle (after warm-up) / max under the highest sustained rate / idle after the run",
                fmt("%s / %s / %s MiB", mib(rssIdleKiB), bestFull > 0 ? median(at(full, bestFull),
                        r -> r.result().maxRssKiB() / 1024.0, "%.0f") : "–", mib(rssIdleAfterLoadKiB)));
        if (statements != null && counts != null) {
            row(md, "PostgreSQL statements per message (counted in the server's statement log; background subtracted)",
                    fmt("%.2f", statements.perMessage(statements.window().statements(), statements.idle().statements(),
                            counts.messages())));
            row(md, "PostgreSQL transactions per message (statement log: BEGIN…COMMIT blocks + single statements)",
                    fmt("%.2f", statements.perMessage(statements.window().transactions(),
                            statements.idle().transactions(), counts.messages())));
        }
        if (counts != null) {
            row(md, "PostgreSQL transactions per message (pg_stat_database; background subtracted)",
                    fmt("%.2f", counts.pgPerMessage()));
            row(md, "Redis commands (round trips) per message (counted with MONITOR on the bench index; background subtracted)",
                    fmt("%.2f", counts.redisPerMessage()));
        }
        md.append('\n');
    }

    private java.util.stream.Stream<Row> allRows() {
        java.util.stream.Stream<Row> s = java.util.stream.Stream.concat(full.stream(), bare.stream());
        if (overCapacity != null) {
            s = java.util.stream.Stream.concat(s, java.util.stream.Stream.of(overCapacity));
        }
        return burst == null ? s : java.util.stream.Stream.concat(s, java.util.stream.Stream.of(burst));
    }

    /** What stopped the bare ladder: the app or the generator. */
    private String bareLimit() {
        if (bareLadderComplete) {
            return "every rate of the ladder sustained: its ceiling was not reached";
        }
        double top = bare.stream().mapToDouble(r -> r.result().rate()).max().orElse(0);
        List<Row> failed = at(bare, top);
        boolean generator = failed.stream().allMatch(r -> r.result().verdict().startsWith("generator"));
        return fmt("at %.0f req/s no run sustained: %s (gen lag p99 %s ms, bench JVM %s cores)", top,
                generator ? "the generator fell behind, so the app's ceiling is at least this high"
                        : "the app's limit (" + failed.get(0).result().verdict() + ")",
                median(failed, r -> p(r.result().sendLag(), 99), "%.1f"),
                median(failed, r -> r.result().driverCpuSeconds() / r.load().seconds(), "%.2f"));
    }

    private static String drainAfterLastSend(Row row) {
        var t = row.result().tracker();
        return t.delivered() < t.sent() || t.lastDeliveredNs() == 0 ? "not drained within the wait"
                : fmt("%.1f s", (t.lastDeliveredNs() - t.lastSentNs()) / 1e9);
    }

    private static String drainFromFirstSend(Row row) {
        var t = row.result().tracker();
        return t.delivered() < t.sent() || t.lastDeliveredNs() == 0 ? "not drained within the wait"
                : fmt("%.1f s", (t.lastDeliveredNs() - t.firstSentNs()) / 1e9);
    }

    private static String machineCells(Row row) {
        MachineProbe.Load l = row.load();
        return fmt("%.2f→%.2f | %.2f | %.1f", l.load1Start(), l.load1End(), l.otherCores(), l.postgresRedisCpuSeconds());
    }

    private static String verdict(Row row) {
        String reason = row.load().busyReason();
        return row.result().verdict() + (reason == null ? "" : " · **busy** (" + reason + ")");
    }

    private void fullSteps(StringBuilder md) {
        md.append("### Full pipeline at fixed arrival rates (open loop)\n\n");
        md.append("Latencies in ms from the intended send time. ack = webhook answered; reply = reply reached the fake "
                + "Twilio API; delivered = the app acknowledged the reply's signed `delivered` status callback (after "
                + "its `sent` callback). Sustained (`ok`): everything delivered within 5 s of the last send, reply p99 ≤ "
                + slaMillis + " ms. load = 1-min load average at the start → end; others = cores used by other "
                + "processes; pg+redis = CPU s of PostgreSQL and Redis.\n\n");
        md.append("| rate msg/s | run | s | sent | delivered | lost | ack p50 | ack p99 | ack p99.9 | ack max | reply p50 | "
                + "reply p99 | reply max | delivered p99 | achieved msg/s | app CPU s/1k msg | max RSS MiB | "
                + "bench JVM CPU s | gen lag p99 ms | load | others cores | pg+redis CPU s | verdict |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : full) {
            StepResult r = row.result();
            var t = r.tracker();
            md.append(fmt("| %.0f | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %.2f | %s | %.1f | %s | %s | %s |\n",
                    r.rate(), row.run(), r.seconds(), t.sent(), t.delivered(), t.sent() - t.delivered(),
                    ms(t.ackLatency(), 50), ms(t.ackLatency(), 99), ms(t.ackLatency(), 99.9), max(t.ackLatency()),
                    ms(t.replyLatency(), 50), ms(t.replyLatency(), 99), max(t.replyLatency()),
                    ms(t.deliveredLatency(), 99), r.achievedRate(false), r.cpuPerThousand(false), mib(r.maxRssKiB()),
                    r.driverCpuSeconds(), ms(r.sendLag(), 99), machineCells(row), verdict(row)));
        }
        md.append('\n');
    }

    private void beyond(StringBuilder md) {
        if (overCapacity == null && burst == null) {
            return;
        }
        md.append("### Over capacity and burst\n\n");
        md.append("Over capacity: twice the highest sustained rate for a step's length; drain = last send → last "
                + "delivered. Burst: the messages sent as fast as the generator goes (open loop; beyond its connections "
                + "they wait in its pool, as at a sender that flushes a retry queue), latencies from the moment each was "
                + "handed to the client; drain = first send → last delivered.\n\n");
        md.append("| step | rate msg/s | sent | delivered | lost | sending s | ack p50 | ack p99 | ack max | reply p50 | "
                + "reply p99 | drain | app CPU s/1k msg | max RSS MiB | load | others cores | pg+redis CPU s | "
                + "verdict |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : new Row[]{overCapacity, burst}) {
            if (row == null) {
                continue;
            }
            StepResult r = row.result();
            var t = r.tracker();
            boolean isBurst = row == burst;
            md.append(fmt("| %s | %s | %d | %d | %d | %.1f | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %s |\n",
                    isBurst ? "burst" : "over capacity", isBurst ? "all at once" : fmt("%.0f", r.rate()), t.sent(),
                    t.delivered(), t.sent() - t.delivered(), (t.lastSentNs() - t.firstSentNs()) / 1e9,
                    ms(t.ackLatency(), 50), ms(t.ackLatency(), 99), max(t.ackLatency()), ms(t.replyLatency(), 50),
                    ms(t.replyLatency(), 99), isBurst ? drainFromFirstSend(row) : drainAfterLastSend(row),
                    r.cpuPerThousand(false), mib(r.maxRssKiB()), machineCells(row), verdict(row)));
        }
        md.append('\n');
    }

    private void bareSteps(StringBuilder md) {
        md.append("### Bare endpoint (`POST /bench/noop`, same app, same signed bodies) — the HTTP ceiling\n\n");
        md.append("bench JVM = the generator and the fakes; when its cores approach what the machine has left, or the "
                + "gen lag grows, the generator is the limit, not the app.\n\n");
        md.append("| rate req/s | run | s | sent | ack 2xx | ack p50 | ack p99 | ack p99.9 | ack max | app CPU s/1k req | "
                + "bench JVM CPU s | bench JVM cores | gen lag p99 ms | load | others cores | pg+redis CPU s | verdict |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : bare) {
            StepResult r = row.result();
            var t = r.tracker();
            md.append(fmt("| %.0f | %d | %d | %d | %d | %s | %s | %s | %s | %.2f | %.1f | %.2f | %s | %s | %s |\n",
                    r.rate(), row.run(), r.seconds(), t.sent(), t.acked(), ms(t.ackLatency(), 50), ms(t.ackLatency(), 99),
                    ms(t.ackLatency(), 99.9), max(t.ackLatency()), r.cpuPerThousand(true), r.driverCpuSeconds(),
                    r.driverCpuSeconds() / Math.max(1e-9, row.load().seconds()), ms(r.sendLag(), 99),
                    machineCells(row), verdict(row)));
        }
        md.append('\n');
    }

    /** @return "median (min–max)" of column {@code column} of {@code rows} */
    private static String spread(List<double[]> rows, int column, String format) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return String.format(java.util.Locale.ROOT, format + " (" + format + "–" + format + ")", v[v.length / 2], v[0],
                v[v.length - 1]);
    }

    private void resources(StringBuilder md) {
        md.append("### Resources\n\n| figure | value |\n|---|---|\n");
        row(md, "RSS right after start-up (first reply)", mib(rssAfterStartKiB) + " MiB");
        if (!restarts.isEmpty()) {
            row(md, "RSS right after a restart (first reply, median)", fmt("%.0f MiB",
                    restarts.stream().mapToDouble(r -> r[2]).sorted().toArray()[restarts.size() / 2] / 1024));
        }
        row(md, "RSS idle after warm-up", mib(rssIdleKiB) + " MiB");
        row(md, "RSS idle after the run", mib(rssIdleAfterLoadKiB) + " MiB");
        if (counts != null) {
            row(md, "counting window", fmt("%d messages at 100 msg/s; %d inbound and %d outbound rows stored",
                    counts.messages(), counts.inboundRows(), counts.outboundRows()));
            row(md, "PostgreSQL transactions (pg_stat_database xact_commit + xact_rollback of the bench database, "
                            + "all sessions of the counting app)",
                    fmt("%d in %.0f s, of which idle background ≈ %.1f/s → %.2f per message", counts.pgTransactions(),
                            counts.pgWindowSeconds(), counts.pgIdlePerSecond(), counts.pgPerMessage()));
            if (statements != null) {
                StatementLog.Counts w = statements.window();
                StatementLog.Counts i = statements.idle();
                row(md, "PostgreSQL statements in the server's log (`log_statement = 'all'` on the bench database "
                                + "during the counting app only; " + statements.file() + ")",
                        fmt("%d statements, %d transactions (%d BEGIN/COMMIT/ROLLBACK) from %d backends in %.0f s; idle "
                                        + "background %d statements in %.0f s → %.2f statements and %.2f transactions per "
                                        + "message", w.statements(), w.transactions(), w.transactionControl(), w.backends(),
                                statements.windowSeconds(), i.statements(), statements.idleSeconds(),
                                statements.perMessage(w.statements(), i.statements(), counts.messages()),
                                statements.perMessage(w.transactions(), i.transactions(), counts.messages())));
                StringBuilder top = new StringBuilder();
                w.byStatement().entrySet().stream().limit(12).forEach(e -> top.append(top.isEmpty() ? "" : "<br>")
                        .append(fmt("%.2f", e.getValue() / (double) counts.messages())).append(" `")
                        .append(e.getKey().replace("|", "\\|").replace("`", "'")).append('`'));
                row(md, "PostgreSQL statements per message by text (first 80 characters; gross)", top.toString());
                StringBuilder errors = new StringBuilder(fmt("%d in the window (%.2f per message)", w.errors(),
                        w.errors() / (double) counts.messages()));
                w.byError().entrySet().stream().limit(5).forEach(e -> errors.append("<br>")
                        .append(fmt("%.2f", e.getValue() / (double) counts.messages())).append(" `")
                        .append(e.getKey().replace("|", "\\|").replace("`", "'")).append('`'));
                row(md, "PostgreSQL statements the server refused (ERROR lines of the app's backends; not in the counts "
                        + "above, each a round trip and a rolled-back transaction in pg_stat_database)", errors.toString());
            }
            row(md, "Redis commands sent on the bench index (MONITOR; each a round trip)",
                    fmt("%d in %.0f s, of which idle background ≈ %.1f/s → %.2f per message; plus %.2f per message "
                                    + "run inside scripts (MONITOR shows every command of a pipeline, so a pipelined "
                                    + "group counts one per command: an upper bound on round trips)", counts.redisCommands(), counts.windowSeconds(),
                            counts.redisIdlePerSecond(), counts.redisPerMessage(),
                            counts.redisInScripts() / (double) counts.messages()));
            StringBuilder byCommand = new StringBuilder();
            counts.redisByCommand().forEach((k, v) -> byCommand.append(byCommand.isEmpty() ? "" : ", ")
                    .append(k).append(' ').append(fmt("%.2f", v / (double) counts.messages())));
            row(md, "Redis commands per message by name (gross)", byCommand.toString());
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "–" : fmt("%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    static String max(Histogram h) {
        return h.getTotalCount() == 0 ? "–" : fmt("%.1f", h.getMaxValue() / 1000.0);
    }

    static String mib(long kib) {
        return kib < 0 ? "–" : fmt("%.0f", kib / 1024.0);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
