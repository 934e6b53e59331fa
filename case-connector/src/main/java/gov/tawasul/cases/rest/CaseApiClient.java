package gov.tawasul.cases.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Reactive Quarkus REST client of the agency's case-management API (contract: README, section "Case-management
 * API"; issue 2). Built by {@link RestCaseLookup} with {@code QuarkusRestClientBuilder} against
 * {@code tawasul.cases.rest.url}.
 * <pre>
 * GET {url}/cases/{caseNumber}     Authorization: Bearer {token} (when set)
 * 200 {"caseNumber":"1446-000123","status":"UNDER_REVIEW","statusLabel":{"ar":"قيد الدراسة","en":"Under review"},
 *      "department":{"ar":"…","en":"…"},"nextStep":{"ar":"…","en":"…"},"updatedAt":"2026-11-20T09:30:00+03:00",
 *      "contacts":[{"channel":"sms","address":"+966500000001"}]}
 * 404 no such case
 * </pre>
 * A status of 400 or more fails the {@link Uni} with a {@link jakarta.ws.rs.WebApplicationException}; a body that is
 * not such JSON fails it with a {@link jakarta.ws.rs.ProcessingException}. {@link #close()} releases its connections.
 */
@Path("/cases")
public interface CaseApiClient extends AutoCloseable {

    /**
     * @param encodedCaseNumber the case number already percent-encoded as one path segment ({@link PathSegments})
     * @param authorization     {@code Bearer …}, or null to send no Authorization header
     */
    @GET
    @Path("/{caseNumber}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CaseApiCase> get(@Encoded @PathParam("caseNumber") String encodedCaseNumber,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
