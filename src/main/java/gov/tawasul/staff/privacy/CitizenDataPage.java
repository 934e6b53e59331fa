package gov.tawasul.staff.privacy;

import gov.tawasul.engine.model.Address;
import gov.tawasul.staff.console.ConsolePage;
import gov.tawasul.staff.console.ConsoleUser;
import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /console/supervision/citizen}: a supervisor exports everything held about one citizen address, as a
 * readable page (Arabic, right to left, by default) or a JSON download ({@code POST …/export}, form fields
 * {@code channel}, {@code address}, {@code format=html|json}); admins also see the erase form
 * ({@link CitizenErasePage}). Addresses travel in POST bodies only. Exports are audited.
 */
@Path("/console/supervision/citizen")
@RolesAllowed("SUPERVISOR")
public class CitizenDataPage {

    @Inject
    @Location("console/supervision/citizen.html")
    Template form;
    @Inject
    @Location("console/supervision/citizen-export.html")
    Template exported;
    @Inject
    CitizenData data;
    @Inject
    CurrentStaff staff;

    /** @return the form */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        return staff.get().map(me -> form(form, me, null, null));
    }

    /** @return the export as a page, or as {@code application/json} attachment for {@code format=json} */
    @POST
    @Path("export")
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    public Uni<Response> export(@FormParam("channel") String channel, @FormParam("address") String address,
                                @FormParam("format") String format) {
        return staff.get().chain(me -> {
            Address citizen;
            try {
                citizen = CitizenAddresses.parse(channel, address);
            } catch (BadRequestException e) {
                return Uni.createFrom().item(Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                        .entity(form(form, me, "invalid", null)).build());
            }
            return data.export(citizen, me.username()).map(doc -> "json".equals(format)
                    ? Response.ok(doc.encodePrettily(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                            .header("Content-Disposition", "attachment; filename=\"citizen-data.json\"")
                            .header("Cache-Control", "no-store").build()
                    : Response.ok(exported.data("page", new ConsolePage(me, me.lang(), "citizen"))
                                    .data("channel", citizen.channel().wireName()).data("address", citizen.value())
                                    .data("doc", doc.mapTo(Map.class)).setLocale(Locale.forLanguageTag(me.lang())),
                            MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                            .build());
        });
    }

    /** @return the form page, with a notice ({@code invalid}, {@code confirm}, {@code erased}) and erasure counts */
    static TemplateInstance form(Template template, ConsoleUser me, String notice, Map<String, Integer> erased) {
        return template.data("page", new ConsolePage(me, me.lang(), "citizen")).data("notice", notice)
                .data("erased", erased == null ? null : List.copyOf(erased.entrySet()))
                .setLocale(Locale.forLanguageTag(me.lang()));
    }
}
