package gov.tawasul.staff.identity;

import gov.tawasul.app.ProblemExceptionMappers;
import gov.tawasul.app.StrictJson;
import gov.tawasul.staff.desk.CurrentStaff;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The staff API over a conversation citizen's identity links (verified by one-time code):
 * {@code GET /api/staff/conversations/{id}/identity-links} → {@code [IdentityLinkView…]} newest first;
 * {@code POST …/identity-links/{linkId}/revoke} with {@code {"reason":"…"}} (1–200 characters) → 200 the revoked
 * link (audited {@code IDENTITY_LINK_REVOKED}). Errors (problem+json): 404 no such conversation or link of its
 * citizen, 409 already revoked or expired, 422 no reason.
 */
@Path("/api/staff/conversations/{id}/identity-links")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("AGENT")
@Tag(name = "Staff: identity links")
public class IdentityLinksResource {

    @Inject
    IdentityLinkDesk desk;
    @Inject
    CurrentStaff staff;

    /** Body of a revocation. @param reason why, 1 to 200 characters */
    public record RevokeRequest(String reason) {
    }

    @GET
    @Operation(summary = "The identity links of the conversation's citizen: live, expired and revoked")
    public Uni<Response> list(@PathParam("id") long id) {
        return desk.list(id).map(found -> found.map(l -> Response.ok(l).build())
                .orElseGet(() -> ProblemExceptionMappers.problem(404, "Not Found", "No conversation with this id.")));
    }

    @POST
    @Path("{linkId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an identity link: the citizen must verify again to see the case here")
    @CustomDeserialization(StrictJson.class)
    public Uni<Response> revoke(@PathParam("id") long id, @PathParam("linkId") long linkId, RevokeRequest body) {
        if (body == null) {
            throw new BadRequestException("A JSON body {\"reason\": \"…\"} is required.");
        }
        return staff.get().chain(me -> desk.revoke(me, id, linkId, body.reason())).map(IdentityLinksResource::answer);
    }

    static Response answer(RevokeOutcome outcome) {
        if (outcome instanceof RevokeOutcome.Revoked revoked) {
            return Response.ok(revoked.link()).build();
        }
        if (outcome instanceof RevokeOutcome.NotLive) {
            return ProblemExceptionMappers.problem(409, "Conflict", "The link was revoked already or has expired.");
        }
        if (outcome instanceof RevokeOutcome.BadReason) {
            return ProblemExceptionMappers.problem(422, "Unprocessable Content", "A reason (1 to 200 characters) is required.");
        }
        return ProblemExceptionMappers.problem(404, "Not Found", "No such identity link in this conversation.");
    }
}
