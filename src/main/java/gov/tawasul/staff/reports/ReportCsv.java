package gov.tawasul.staff.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import gov.tawasul.engine.store.ReportQueries.ConversationRow;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reports' CSV files (RFC 4180 through Jackson CSV, a header line, comma-separated, UTF-8 with a byte order mark
 * so that Excel shows Arabic): one file per figure ({@link #FIGURES}) from a {@link ReportSummary}, and the
 * conversations of a period, one row per conversation. Numbers are written with a dot; empty fields for nulls.
 */
public final class ReportCsv {

    /** UTF-8 byte order mark, the first character of every file. */
    public static final String BOM = "\uFEFF";
    /** Exportable figures: the names used in {@code /console/supervision/reports/export/{figure}}. */
    public static final List<String> FIGURES = List.of("traffic", "channels", "bot", "errors", "handoffs", "agents",
            "departments", "statuses", "conversations");
    private static final CsvMapper MAPPER = new CsvMapper();

    private ReportCsv() {
    }

    /**
     * @param figure one of {@link #FIGURES} except {@code conversations}
     * @return the file's text, starting with the BOM
     * @throws IllegalArgumentException for an unknown figure
     */
    public static String figure(String figure, ReportSummary s) {
        List<List<Object>> rows = new ArrayList<>();
        switch (figure) {
            case "traffic" -> {
                rows.add(List.of("bucket", "channel", "inbound", "outbound"));
                s.traffic().forEach(t -> rows.add(List.of(t.bucket(), t.channel(), t.inbound(), t.outbound())));
            }
            case "channels" -> {
                rows.add(List.of("channel", "inbound", "outbound", "conversations_started", "citizens",
                        "answered_by_bot", "handed_to_person", "opt_outs", "final", "delivered_or_read",
                        "success_rate", "stuck"));
                s.channels().forEach(c -> rows.add(row(c.channel(), c.inbound(), c.outbound(), c.conversationsStarted(),
                        c.citizens(), c.answeredByBot(), c.handedToPerson(), c.optOuts(), c.finalCount(),
                        c.delivered(), c.successRate(), c.stuck())));
            }
            case "bot" -> {
                rows.add(List.of("answered_by_bot", "handed_to_person", "replies_timed", "answer_time_p50_s",
                        "answer_time_p95_s"));
                var b = s.bot();
                rows.add(row(b.answered(), b.handedToPerson(), b.replies(), b.answerTimeP50Seconds(),
                        b.answerTimeP95Seconds()));
            }
            case "errors" -> {
                rows.add(List.of("channel", "code", "meaning", "count"));
                s.errors().forEach(e -> rows.add(row(e.channel(), e.code(), e.meaning(), e.count())));
            }
            case "handoffs" -> {
                rows.add(List.of("requests", "answered", "waiting_now", "oldest_wait_s", "first_response_p50_s",
                        "first_response_p90_s", "resolution_p50_s", "resolution_p90_s", "sla_s", "sla_breaches"));
                var h = s.handoffs();
                rows.add(row(h.requests(), h.answered(), h.waitingNow(), h.oldestWaitSeconds(),
                        h.firstResponseP50Seconds(), h.firstResponseP90Seconds(), h.resolutionP50Seconds(),
                        h.resolutionP90Seconds(), h.slaSeconds(), h.breaches()));
            }
            case "agents" -> {
                rows.add(List.of("agent", "handoffs", "first_response_p50_s", "first_response_p90_s",
                        "resolution_p50_s", "sla_breaches"));
                s.agents().forEach(a -> rows.add(row(a.agent(), a.handoffs(), a.firstResponseP50Seconds(),
                        a.firstResponseP90Seconds(), a.resolutionP50Seconds(), a.breaches())));
            }
            case "departments", "statuses" -> {
                rows.add(List.of(figure.equals("departments") ? "department" : "status", "count"));
                (figure.equals("departments") ? s.cases().departments() : s.cases().statuses())
                        .forEach(c -> rows.add(row(c.name(), c.count())));
            }
            default -> throw new IllegalArgumentException("unknown figure " + figure);
        }
        return write(rows);
    }

    /** @return one row per conversation (no addresses, no texts), starting with the BOM */
    public static String conversations(List<ConversationRow> list) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("conversation_id", "channel", "state", "created_at", "last_activity_at", "assigned_agent",
                "case_numbers", "departments", "inbound", "outbound", "person_requests"));
        for (ConversationRow c : list) {
            rows.add(row(c.id(), c.channel().wireName(), c.state(), c.createdAt(), c.lastActivityAt(),
                    c.assignedAgent(), c.caseNumbers(), c.departments(), c.inbound(), c.outbound(),
                    c.personRequests()));
        }
        return write(rows);
    }

    private static List<Object> row(Object... values) {
        return Arrays.stream(values).map(v -> v == null ? ""
                : v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v.toString()).map(o -> (Object) o)
                .toList();
    }

    private static String write(List<List<Object>> rows) {
        try {
            return BOM + MAPPER.writer(CsvSchema.emptySchema()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
