package gov.tawasul.staff.canned;

import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import gov.tawasul.staff.console.ConsolePage;
import gov.tawasul.staff.console.ConsoleUser;
import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /console/supervision/canned}: supervisors add and delete the canned replies agents insert in the reply
 * box (Arabic and English). Changes are audited ({@code CANNED_REPLY_CHANGED}).
 */
@Path("/console/supervision/canned")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("SUPERVISOR")
public class CannedRepliesPage {

    @Inject
    CannedReplies replies;
    @Inject
    CurrentStaff staff;
    @Inject
    AuditLog audit;

    @CheckedTemplate(basePath = "console/supervision")
    static class Templates {
        static native TemplateInstance canned(ConsolePage page, List<CannedReply> replies, String notice);
    }

    @GET
    public Uni<TemplateInstance> page() {
        return staff.get().chain(me -> show(me, null));
    }

    @POST
    public Uni<TemplateInstance> add(@FormParam("locale") String locale, @FormParam("title") String title,
                                     @FormParam("text") String text) {
        String l = "en".equals(locale) ? "en" : "ar";
        String t = title == null ? "" : title.strip();
        String body = text == null ? "" : text.strip();
        return staff.get().chain(me -> {
            if (t.isEmpty() || t.length() > 80 || body.isEmpty() || body.length() > 2000) {
                return show(me, "invalid");
            }
            return replies.add(l, t, body, me.username()).chain(added -> added.isEmpty() ? show(me, "duplicate")
                    : audit.record(me.username(), AuditAction.CANNED_REPLY_CHANGED, "canned_reply",
                            Long.toString(added.get().id()), Map.of("added", t, "locale", l)).chain(() -> show(me, null)));
        });
    }

    @POST
    @Path("{id}/delete")
    public Uni<TemplateInstance> delete(@PathParam("id") long id) {
        return staff.get().chain(me -> replies.delete(id).chain(deleted -> deleted.isEmpty() ? show(me, null)
                : audit.record(me.username(), AuditAction.CANNED_REPLY_CHANGED, "canned_reply", Long.toString(id),
                        Map.of("deleted", deleted.get().title(), "locale", deleted.get().locale()))
                .chain(() -> show(me, null))));
    }

    private Uni<TemplateInstance> show(ConsoleUser me, String notice) {
        return replies.all().map(all -> Templates.canned(new ConsolePage(me, me.lang(), "canned"), all, notice)
                .setLocale(Locale.forLanguageTag(me.lang())));
    }
}
