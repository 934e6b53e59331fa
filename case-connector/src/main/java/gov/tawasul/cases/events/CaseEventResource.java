package gov.tawasul.cases.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.cases.CasesConfig;
import gov.tawasul.cases.rest.CaseApiMapper;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.notify.CaseEventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/case-events}: the case system tells of a change of a case (README "Case events").
 * <ol>
 *   <li>no secret configured ({@code tawasul.cases.events.secrets}): 404, as if the endpoint did not exist;</li>
 *   <li>the raw body is checked against {@code X-Tawasul-Signature} ({@link CaseEventSignature}) before it is
 *       parsed: missing or malformed → 401, signed by none of the secrets or {@code t} outside
 *       {@code tawasul.cases.events.tolerance} (5 min, either way) → 403; nothing stored;</li>
 *   <li>a body larger than {@code max-body-bytes} → 413, malformed JSON → 400, a missing or invalid field
 *       ({@code eventId}, {@code caseNumber}, {@code status}, {@code statusLabel}, {@code updatedAt}) → 422;</li>
 *   <li>202 {@code {"eventId":…,"duplicate":false|true}} once the event is committed; the same {@code eventId} again
 *       is the same event (202, {@code duplicate: true}, nothing more happens). A failure of the database answers
 *       5xx, so the case system retries.</li>
 * </ol>
 * Errors are problem+json. Runs on the event loop.
 */
@Path("/api/case-events")
public class CaseEventResource {

    private static final int MAX_EVENT_ID = 128;

    private final CasesConfig.Events config;
    private final CaseEventIntake intake;
    private final ObjectMapper json;

    public CaseEventResource(CasesConfig config, CaseEventIntake intake, ObjectMapper json) {
        this.config = config.events();
        this.intake = intake;
        this.json = json;
    }

    /** Receives one event. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@HeaderParam(CaseEventSignature.HEADER) String signature, byte[] body) {
        List<String> secrets = config.secrets().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new NotFoundException("Case events are not enabled (tawasul.cases.events.secrets is not set)");
        }
        byte[] raw = body == null ? new byte[0] : body;
        switch (CaseEventSignature.verify(secrets, signature, raw, Instant.now(), config.tolerance())) {
            case MISSING -> throw new NotAuthorizedException("Missing or malformed " + CaseEventSignature.HEADER
                    + " (expected t=<unix seconds>,v1=<hex HMAC-SHA256>)", "Tawasul-Signature");
            case INVALID -> throw new ForbiddenException("Invalid " + CaseEventSignature.HEADER);
            case STALE -> throw new ForbiddenException(CaseEventSignature.HEADER
                    + ": t is more than " + config.tolerance().toSeconds() + " s from now (replay window)");
            case VALID -> { }
        }
        if (raw.length > config.maxBodyBytes()) {
            throw new ClientErrorException("Body larger than " + config.maxBodyBytes() + " bytes", 413);
        }
        CaseEventBody event;
        try {
            event = json.readValue(raw, CaseEventBody.class);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            // Jackson's own words name our classes: say where, in JSON's terms
            String where = e.getPath().isEmpty() ? "the body" : "\"" + e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining(".")) + "\"";
            throw new BadRequestException("Malformed JSON: " + where + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException("Unreadable body");
        }
        if (event == null) {
            throw new BadRequestException("Empty body");
        }
        String eventId = event.eventId() == null ? "" : event.eventId().strip();
        if (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID) {
            throw unprocessable("eventId missing or longer than " + MAX_EVENT_ID + " characters");
        }
        if (eventId.indexOf('\u0000') >= 0) {
            throw unprocessable("eventId contains a NUL character");
        }
        if (event.caseNumber() == null || event.caseNumber().isBlank()) {
            throw unprocessable("caseNumber missing");
        }
        CaseRecord record;
        try {
            record = CaseApiMapper.toRecord(event.asCase(), event.caseNumber().strip());
        } catch (CaseApiMapper.InvalidCaseBodyException e) {
            throw unprocessable(e.getMessage());
        }
        return intake.accept(eventId, CaseEventIntake.Source.PUSH, record)
                .map(isNew -> Response.status(Response.Status.ACCEPTED)
                        .entity(Map.of("eventId", eventId, "duplicate", !isNew)).build());
    }

    private static ClientErrorException unprocessable(String detail) {
        return new ClientErrorException(detail, 422);
    }
}
