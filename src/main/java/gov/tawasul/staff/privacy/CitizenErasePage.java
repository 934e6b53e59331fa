package gov.tawasul.staff.privacy;

import gov.tawasul.engine.model.Address;
import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /console/admin/citizen/erase} (form fields {@code channel}, {@code address}, {@code confirm=yes}): an
 * admin erases what is held about one citizen address ({@link CitizenData#erase}); the citizen data page comes back
 * with the rows changed per table. Without the confirmation, or without a channel and address: 400 and the form.
 */
@Path("/console/admin/citizen")
@RolesAllowed("ADMIN")
public class CitizenErasePage {

    @Inject
    @Location("console/supervision/citizen.html")
    Template form;
    @Inject
    CitizenData data;
    @Inject
    CurrentStaff staff;

    /** @return the citizen data page with the result */
    @POST
    @Path("erase")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> erase(@FormParam("channel") String channel, @FormParam("address") String address,
                               @FormParam("confirm") String confirm) {
        return staff.get().chain(me -> {
            Address citizen;
            try {
                citizen = CitizenAddresses.parse(channel, address);
            } catch (BadRequestException e) {
                return Uni.createFrom().item(Response.status(400)
                        .entity(CitizenDataPage.form(form, me, "invalid", null)).build());
            }
            if (!"yes".equals(confirm)) {
                return Uni.createFrom().item(Response.status(400)
                        .entity(CitizenDataPage.form(form, me, "confirm", null)).build());
            }
            return data.erase(citizen, me.username())
                    .map(counts -> Response.ok(CitizenDataPage.form(form, me, "erased", counts)).build());
        });
    }
}
