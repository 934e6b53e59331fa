package gov.tawasul.staff.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.store.ReportQueries;
import gov.tawasul.staff.account.StaffPages;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import gov.tawasul.staff.console.ConsoleMessages;
import gov.tawasul.staff.console.ConsolePage;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The reports page for supervisors and administrators: {@code GET /console/supervision/reports?from=&to=&channel=}
 * (charts drawn by ECharts in the browser, each with its table), and the CSV exports
 * {@code GET /console/supervision/reports/export/{figure}.csv} ({@link ReportCsv#FIGURES}; UTF-8 with BOM), each
 * audited as {@link AuditAction#REPORT_EXPORTED} (detail: figure, from, to, channel). Bad parameters: 400; an
 * unknown figure: 404.
 */
@Path("/console/supervision/reports")
@RolesAllowed("SUPERVISOR")
public class ReportsPage {

    /** Most conversations in one export. */
    public static final int MAX_CONVERSATIONS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Location("console/reports.html")
    Template template;
    @Inject
    Reports reports;
    @Inject
    ReportQueries queries;
    @Inject
    AuditLog audit;
    @Inject
    SecurityIdentity identity;
    @ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = "Asia/Riyadh")
    String timeZone;

    /** @return the page for the period (default: the last 7 days, all channels) */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(@QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("channel") String channel) {
        ConsolePage page = StaffPages.page(identity, "reports");
        ReportPeriod period = period(from, to, channel);
        return reports.summary(period, page.lang()).map(summary -> {
            ReportsView view = new ReportsView(page, period, summary, json(summary, page.lang()), query(period));
            return template.data("view", view).data("page", page).setLocale(Locale.forLanguageTag(page.lang()));
        });
    }

    /**
     * @param figure {@code traffic}, {@code channels}, {@code bot}, {@code errors}, {@code handoffs},
     *               {@code agents}, {@code departments}, {@code statuses} or {@code conversations}
     * @return {@code text/csv; charset=UTF-8} as an attachment {@code tawasul-<figure>-<from>-<to>.csv}
     */
    @GET
    @Path("export/{figure}.csv")
    public Uni<Response> export(@PathParam("figure") String figure, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("channel") String channel) {
        if (!ReportCsv.FIGURES.contains(figure)) {
            throw new NotFoundException("No figure '" + figure + "'.");
        }
        ReportPeriod period = period(from, to, channel);
        ConsolePage page = StaffPages.page(identity, "reports");
        Uni<String> csv = figure.equals("conversations")
                ? queries.conversations(period.from(), period.to(), period.channel(), MAX_CONVERSATIONS)
                        .map(ReportCsv::conversations)
                : reports.summary(period, page.lang()).map(s -> ReportCsv.figure(figure, s));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("figure", figure);
        detail.put("from", period.fromDate().toString());
        detail.put("to", period.toDate().toString());
        detail.put("channel", period.channelName());
        return csv.call(() -> audit.record(page.me().username(), AuditAction.REPORT_EXPORTED, "report", figure, detail))
                .map(text -> Response.ok(text.getBytes(StandardCharsets.UTF_8))
                        .type("text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"tawasul-" + figure + "-"
                                + period.fromDate() + "-" + period.toDate() + ".csv\"")
                        .build());
    }

    private ReportPeriod period(String from, String to, String channel) {
        return ReportPeriod.parse(from, to, channel, ZoneId.of(timeZone), Instant.now());
    }

    private static String query(ReportPeriod p) {
        return "from=" + p.fromDate() + "&to=" + p.toDate()
                + (p.channel() == null ? "" : "&channel=" + URLEncoder.encode(p.channelName(), StandardCharsets.UTF_8));
    }

    /** The figures and the charts' words as JSON, with {@code <} escaped so that it cannot end the script element. */
    static String json(ReportSummary summary, String lang) {
        ReportMessages m = "en".equals(lang) ? MessageBundles.get(ReportMessages.class, Localized.Literal.of("en"))
                : MessageBundles.get(ReportMessages.class);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("inbound", m.inbound());
        labels.put("outbound", m.outbound());
        labels.put("answeredByBot", m.answeredByBot());
        labels.put("handedToPerson", m.handedToPerson());
        labels.put("successRate", m.successRate());
        labels.put("count", m.count());
        labels.put("firstResponseP50", m.firstResponseP50() + " (" + m.minutes() + ")");
        labels.put("firstResponseP90", m.firstResponseP90() + " (" + m.minutes() + ")");
        labels.put("found", m.queries());
        labels.put("notFound", m.notFound());
        labels.put("unavailable", m.unavailable());
        ConsoleMessages cm = "en".equals(lang) ? MessageBundles.get(ConsoleMessages.class, Localized.Literal.of("en"))
                : MessageBundles.get(ConsoleMessages.class);
        labels.put("channel_sms", cm.channelSMS());
        labels.put("channel_whatsapp", cm.channelWHATSAPP());
        labels.put("channel_facebook", cm.channelFACEBOOK());
        labels.put("channel_twitter", cm.channelTWITTER());
        labels.put("channel_email", cm.channelEMAIL());
        labels.put("channel_webchat", cm.channelWEBCHAT());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", summary);
        data.put("labels", labels);
        data.put("rtl", "ar".equals(lang));
        try {
            return JSON.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
