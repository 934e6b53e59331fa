package gov.tawasul.staff.audit;

import gov.tawasul.staff.account.AccountMessages;
import gov.tawasul.staff.account.StaffPages;
import gov.tawasul.staff.console.ConsolePage;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The audit log for supervisors and administrators: {@code GET /console/supervision/audit?before=&limit=}, newest
 * first, {@value #PAGE} events a page (at most {@value AuditLog#MAX_PAGE}); times in {@code tawasul.staff.time-zone}.
 */
@Path("/console/supervision/audit")
@RolesAllowed("SUPERVISOR")
public class AuditPage {

    /** Events a page by default. */
    public static final int PAGE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Inject
    @Location("console/supervision/audit.html")
    Template template;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = "Asia/Riyadh")
    String timeZone;

    /**
     * @param before only events older than this id (from the previous page's "older" link)
     * @param limit  events a page (default {@value #PAGE})
     * @return the page
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(@QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
        int size = limit == null ? PAGE : Math.max(1, Math.min(AuditLog.MAX_PAGE, limit));
        ConsolePage page = StaffPages.page(identity, "audit");
        AccountMessages m = StaffPages.messages(page.lang());
        ZoneId zone = ZoneId.of(timeZone);
        return audit.recent(size + 1, before).map(events -> {
            boolean more = events.size() > size;
            List<AuditEvent> shown = more ? events.subList(0, size) : events;
            List<AuditView.Line> lines = shown.stream().map(e -> new AuditView.Line(e.id(),
                    TIME.format(e.at().atZone(zone)), e.at().toString(), e.actor(), e.action().name(),
                    label(e.action(), m),
                    e.targetType() == null ? "" : e.targetType() + (e.targetId() == null ? "" : " " + e.targetId()),
                    e.detail().isEmpty() ? "" : new JsonObject(e.detail()).encode(),
                    e.remoteAddress() == null ? "" : e.remoteAddress())).toList();
            AuditView view = new AuditView(page, lines, more ? shown.get(shown.size() - 1).id() : null,
                    before == null);
            return template.data("view", view).data("page", page).setLocale(Locale.forLanguageTag(page.lang()));
        });
    }

    /** @return {@code action} in the language of {@code m} */
    static String label(AuditAction action, AccountMessages m) {
        return switch (action) {
            case LOGIN -> m.actionLOGIN();
            case LOGIN_FAILED -> m.actionLOGIN_FAILED();
            case LOGIN_LOCKED -> m.actionLOGIN_LOCKED();
            case LOGOUT -> m.actionLOGOUT();
            case TRANSCRIPT_VIEWED -> m.actionTRANSCRIPT_VIEWED();
            case TAKEOVER -> m.actionTAKEOVER();
            case REASSIGN -> m.actionREASSIGN();
            case REPLY -> m.actionREPLY();
            case HANDBACK -> m.actionHANDBACK();
            case CLOSE -> m.actionCLOSE();
            case USER_CREATED -> m.actionUSER_CREATED();
            case USER_CHANGED -> m.actionUSER_CHANGED();
            case CANNED_REPLY_CHANGED -> m.actionCANNED_REPLY_CHANGED();
            case REPORT_EXPORTED -> m.actionREPORT_EXPORTED();
            case CITIZEN_DATA_EXPORTED -> m.actionCITIZEN_DATA_EXPORTED();
            case CITIZEN_DATA_ERASED -> m.actionCITIZEN_DATA_ERASED();
            case RETENTION_APPLIED -> m.actionRETENTION_APPLIED();
            case IDENTITY_LINK_REVOKED -> m.actionIDENTITY_LINK_REVOKED();
        };
    }
}
