package gov.tawasul.staff.privacy;

import gov.tawasul.app.StrictJson;
import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Citizens' data rights in the staff API (same session and CSRF rules as the rest of {@code /api/staff}):
 * <pre>
 * POST /api/staff/citizens/export  {"channel":"sms","address":"+966500000001"}  → 200 the export (supervisors)
 * POST /api/staff/citizens/erase   {"channel":"sms","address":"+966500000001"}  → 200 {"erased":{table: rows}} (admins)
 * </pre>
 * A missing body, channel or address, or an unknown channel: 400 problem+json. Both are audited.
 */
@Path("/api/staff/citizens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CitizenDataApi {

    @Inject
    CitizenData data;
    @Inject
    CurrentStaff staff;

    /** @return everything held about the address ({@link CitizenData#export}) */
    @POST
    @Path("export")
    @RolesAllowed("SUPERVISOR")
    @CustomDeserialization(StrictJson.class)
    public Uni<JsonObject> export(CitizenRequest request) {
        var citizen = parse(request);
        return staff.get().chain(me -> data.export(citizen, me.username()));
    }

    /** @return {@code {"erased": {"inbound": n, "outbound": n, …}}} */
    @POST
    @Path("erase")
    @RolesAllowed("ADMIN")
    @CustomDeserialization(StrictJson.class)
    public Uni<Map<String, Object>> erase(CitizenRequest request) {
        var citizen = parse(request);
        return staff.get().chain(me -> data.erase(citizen, me.username())).map(counts -> Map.of("erased", counts));
    }

    private static gov.tawasul.engine.model.Address parse(CitizenRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body {\"channel\": …, \"address\": …} is required");
        }
        return CitizenAddresses.parse(request.channel(), request.address());
    }
}
