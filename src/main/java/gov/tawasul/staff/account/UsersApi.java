package gov.tawasul.staff.account;

import gov.tawasul.app.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;

/**
 * Staff accounts for administrators (JSON; ADMIN only, CSRF header on POST):
 * <pre>
 * GET  /api/staff/users              → 200 [StaffUserView…] by username
 * GET  /api/staff/users/{username}   → 200 StaffUserView | 404
 * POST /api/staff/users              {"username","displayName","role","password","locale"?}
 *                                    → 201 StaffUserView (Location) | 422 {"errors":[{"field","message"}]} | 409 taken
 * POST /api/staff/users/{username}   {"displayName"?,"role"?,"enabled"?,"locale"?,"password"?}
 *                                    → 200 StaffUserView | 422 | 404 | 409 (would leave no enabled ADMIN)
 * </pre>
 * A body that is not JSON of that shape is 400. Every change is in the audit log ({@code USER_CREATED},
 * {@code USER_CHANGED}).
 */
@Path("/api/staff/users")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class UsersApi {

    @Inject
    StaffDirectory directory;

    @Inject
    StaffUsers users;

    @Inject
    SecurityIdentity identity;

    /** @return every account, by username */
    @GET
    public Uni<List<StaffUserView>> list() {
        return directory.list().map(accounts -> accounts.stream().map(StaffUserView::of).toList());
    }

    /** @return the account, or 404 */
    @GET
    @Path("{username}")
    public Uni<StaffUserView> one(@PathParam("username") String username) {
        return users.find(Usernames.normalize(username)).map(account -> account.map(StaffUserView::of)
                .orElseThrow(() -> new NotFoundException("No staff account '" + Usernames.normalize(username) + "'.")));
    }

    /** @return 201 with the new account */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    public Uni<Response> create(NewStaff request) {
        if (request == null) {
            throw new jakarta.ws.rs.BadRequestException("A JSON body is required.");
        }
        return directory.create(identity.getPrincipal().getName(), request)
                .flatMap(member -> users.find(member.username()))
                .map(account -> Response.created(UriBuilder.fromPath("/api/staff/users/{u}")
                                .build(account.orElseThrow().member().username()))
                        .entity(StaffUserView.of(account.get())).build());
    }

    /** @return the account after the change */
    @POST
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    public Uni<StaffUserView> change(@PathParam("username") String username, StaffChange change) {
        if (change == null) {
            throw new jakarta.ws.rs.BadRequestException("A JSON body is required.");
        }
        return directory.change(identity.getPrincipal().getName(), username, change)
                .flatMap(member -> users.find(member.username()))
                .map(account -> StaffUserView.of(account.orElseThrow()));
    }
}
