package gov.tawasul.staff.identity;

import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;

/**
 * The transcript panel's identity-links control (htmx fragment {@code console/identity-links.html}, loaded by the
 * panel): the live links of the conversation's citizen, each with a reason field and a revoke button
 * ({@code POST /console/conversations/{id}/identity-links/{linkId}/revoke}, form field {@code reason}; the fragment
 * comes back re-rendered). Nothing is shown when the citizen holds no live link.
 */
@Path("/console/conversations/{id}/identity-links")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("AGENT")
public class IdentityLinksPage {

    @Inject
    IdentityLinkDesk desk;
    @Inject
    CurrentStaff staff;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance identityLinks(long conversationId, List<IdentityLinkView> links, String error);
    }

    @GET
    public Uni<TemplateInstance> fragment(@PathParam("id") long id) {
        return render(id, null);
    }

    @POST
    @Path("{linkId}/revoke")
    public Uni<TemplateInstance> revoke(@PathParam("id") long id, @PathParam("linkId") long linkId,
                                        @FormParam("reason") String reason) {
        return staff.get().chain(me -> desk.revoke(me, id, linkId, reason)
                .chain(outcome -> render(id, outcome instanceof RevokeOutcome.BadReason ? "reasonRequired" : null)));
    }

    private Uni<TemplateInstance> render(long id, String error) {
        return staff.get().chain(me -> desk.list(id).map(found -> Templates.identityLinks(id,
                        found.orElseThrow(NotFoundException::new).stream().filter(IdentityLinkView::live).toList(), error)
                .setLocale(Locale.forLanguageTag(me.lang()))));
    }
}
