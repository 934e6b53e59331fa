package gov.tawasul.bench.report;

import gov.tawasul.bench.load.StepResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    public String title = "";
    public final List<String[]> machine = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public final List<StepResult> full = new ArrayList<>();
    public final List<StepResult> bare = new ArrayList<>();
    public double startupAckSeconds = Double.NaN;
    public double startupReplySeconds = Double.NaN;
    public long rssAfterStartKiB = -1;
    public long rssIdleKiB = -1;
    public long rssIdleAfterLoadKiB = -1;
    public Counts counts;
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

    private void headline(StringBuilder md) {
        Optional<StepResult> bestFull = best(full);
        Optional<StepResult> bestBare = best(bare);
        md.append("### Headline\n\n| figure | value |\n|---|---|\n");
        row(md, "highest rate sustained, full pipeline (webhook → reply at Twilio API → delivered callback), nothing lost",
                bestFull.map(r -> fmt("%.0f msg/s for %d s", r.rate(), r.seconds())).orElse("none of the steps"));
        row(md, "highest rate sustained, bare endpoint (same app, same generator)",
                bestBare.map(r -> fmt("%.0f req/s for %d s", r.rate(), r.seconds())).orElse("none of the steps"));
        if (bestFull.isPresent() && bestBare.isPresent()) {
            row(md, "ratio full pipeline / bare (sustained rates)",
                    fmt("%.2f", bestFull.get().rate() / bestBare.get().rate())
                            + (bestBare.get().rate() == bare.stream().mapToDouble(StepResult::rate).max().orElse(0)
                            ? " (bare ceiling not reached: upper bound)" : ""));
        }
        for (double rate : new double[]{100, 500, 1000}) {
            Optional<StepResult> f = at(full, rate);
            Optional<StepResult> b = at(bare, rate);
            if (f.isPresent() && b.isPresent()) {
                row(md, fmt("webhook ack p50 at %.0f msg/s: full / bare", rate),
                        fmt("%s / %s ms (×%.1f)", ms(f.get().tracker().ackLatency(), 50),
                                ms(b.get().tracker().ackLatency(), 50),
                                ratio(f.get().tracker().ackLatency(), b.get().tracker().ackLatency())));
            }
        }
        row(md, "start-up: process start → first webhook acknowledged 2xx", fmt("%.2f s", startupAckSeconds));
        row(md, "start-up: process start → first reply at the Twilio API", fmt("%.2f s", startupReplySeconds));
        row(md, "RSS idle (after warm-up) / under the highest sustained rate / idle after the run",
                fmt("%s / %s / %s MiB", mib(rssIdleKiB), bestFull.map(r -> mib(r.maxRssKiB())).orElse("–"),
                        mib(rssIdleAfterLoadKiB)));
        bestFull.ifPresent(r -> row(md, fmt("app CPU seconds per 1,000 messages (at %.0f msg/s)", r.rate()),
                fmt("%.2f s", r.cpuPerThousand(false))));
        if (counts != null) {
            row(md, "PostgreSQL transactions per message (counted; background jobs subtracted)",
                    fmt("%.2f", counts.pgPerMessage()));
            row(md, "Redis commands (round trips) per message (counted with MONITOR on the bench index; background subtracted)",
                    fmt("%.2f", counts.redisPerMessage()));
        }
        md.append('\n');
    }

    private void fullSteps(StringBuilder md) {
        md.append("### Full pipeline at fixed arrival rates (open loop)\n\n");
        md.append("Latencies in ms from the intended send time. ack = webhook answered; reply = reply reached the fake "
                + "Twilio API; delivered = the app acknowledged the reply's signed `delivered` status callback. "
                + "Sustained: everything delivered within 5 s of the last send, reply p99 ≤ " + slaMillis + " ms.\n\n");
        md.append("| rate msg/s | s | sent | delivered | lost | ack p50 | ack p99 | ack p99.9 | ack max | reply p50 | "
                + "reply p99 | reply max | delivered p99 | achieved msg/s | app CPU s/1k msg | max RSS MiB | "
                + "driver CPU s | gen lag p99 ms | verdict |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (StepResult r : full) {
            var t = r.tracker();
            md.append(fmt("| %.0f | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %.2f | %s | %.1f | %s | %s |\n",
                    r.rate(), r.seconds(), t.sent(), t.delivered(), t.sent() - t.delivered(),
                    ms(t.ackLatency(), 50), ms(t.ackLatency(), 99), ms(t.ackLatency(), 99.9), max(t.ackLatency()),
                    ms(t.replyLatency(), 50), ms(t.replyLatency(), 99), max(t.replyLatency()),
                    ms(t.deliveredLatency(), 99), r.achievedRate(false), r.cpuPerThousand(false), mib(r.maxRssKiB()),
                    r.driverCpuSeconds(), ms(r.sendLag(), 99), r.verdict()));
        }
        md.append('\n');
    }

    private void bareSteps(StringBuilder md) {
        md.append("### Bare endpoint (`POST /bench/noop`, same app, same signed bodies) — the HTTP ceiling\n\n");
        md.append("| rate req/s | s | sent | ack 2xx | ack p50 | ack p99 | ack p99.9 | ack max | app CPU s/1k req | "
                + "driver CPU s | gen lag p99 ms | verdict |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (StepResult r : bare) {
            var t = r.tracker();
            md.append(fmt("| %.0f | %d | %d | %d | %s | %s | %s | %s | %.2f | %.1f | %s | %s |\n",
                    r.rate(), r.seconds(), t.sent(), t.acked(), ms(t.ackLatency(), 50), ms(t.ackLatency(), 99),
                    ms(t.ackLatency(), 99.9), max(t.ackLatency()), r.cpuPerThousand(true), r.driverCpuSeconds(),
                    ms(r.sendLag(), 99), r.verdict()));
        }
        md.append('\n');
    }

    private void resources(StringBuilder md) {
        md.append("### Resources\n\n| figure | value |\n|---|---|\n");
        row(md, "RSS right after start-up (first reply)", mib(rssAfterStartKiB) + " MiB");
        row(md, "RSS idle after warm-up", mib(rssIdleKiB) + " MiB");
        row(md, "RSS idle after the run", mib(rssIdleAfterLoadKiB) + " MiB");
        if (counts != null) {
            row(md, "counting window", fmt("%d messages at 100 msg/s; %d inbound and %d outbound rows stored",
                    counts.messages(), counts.inboundRows(), counts.outboundRows()));
            row(md, "PostgreSQL transactions (pg_stat_database xact_commit + xact_rollback of the bench database)",
                    fmt("%d in %.0f s, of which idle background ≈ %.1f/s → %.2f per message", counts.pgTransactions(),
                            counts.pgWindowSeconds(), counts.pgIdlePerSecond(), counts.pgPerMessage()));
            row(md, "Redis commands sent on the bench index (MONITOR; each a round trip)",
                    fmt("%d in %.0f s, of which idle background ≈ %.1f/s → %.2f per message; plus %.2f per message "
                                    + "run inside scripts", counts.redisCommands(), counts.windowSeconds(),
                            counts.redisIdlePerSecond(), counts.redisPerMessage(),
                            counts.redisInScripts() / (double) counts.messages()));
            StringBuilder byCommand = new StringBuilder();
            counts.redisByCommand().forEach((k, v) -> byCommand.append(byCommand.isEmpty() ? "" : ", ")
                    .append(k).append(' ').append(fmt("%.2f", v / (double) counts.messages())));
            row(md, "Redis commands per message by name (gross)", byCommand.toString());
        }
        md.append('\n');
    }

    private static Optional<StepResult> best(List<StepResult> steps) {
        return steps.stream().filter(StepResult::sustained).max((a, b) -> Double.compare(a.rate(), b.rate()));
    }

    private static Optional<StepResult> at(List<StepResult> steps, double rate) {
        return steps.stream().filter(s -> s.rate() == rate).findFirst();
    }

    private static double ratio(Histogram a, Histogram b) {
        double bv = b.getValueAtPercentile(50);
        return bv == 0 ? Double.NaN : a.getValueAtPercentile(50) / bv;
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
