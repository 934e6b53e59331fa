package gov.tawasul.app;

import gov.tawasul.engine.store.DatabaseOutage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import gov.tawasul.engine.inbox.InboundRejectedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns errors into RFC 9457 problem details ({@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}; https://www.rfc-editor.org/rfc/rfc9457); never a stack trace.
 * <p>
 * Only what means "the request is bad" is a 4xx: a {@link WebApplicationException} of that status (parsers and
 * resources signal bad input with {@link jakarta.ws.rs.BadRequestException} and a detail naming what is wrong) and a
 * request body that is not JSON or not of the expected shape. Everything else — an
 * {@link IllegalArgumentException} or {@link NumberFormatException} from our code or a library, a JSON
 * serialisation error — is our bug: 500 without details, logged with its stack trace, so that Twilio and Meta
 * retry the webhook instead of dropping it for good.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** Media type of problem details (https://www.rfc-editor.org/rfc/rfc9457). */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The {@code detail} of every 500: the cause is in the log only. */
    public static final String INTERNAL_DETAIL = "The request could not be processed.";
    /** The {@code detail} of a 503 while the database cannot be reached. */
    public static final String UNAVAILABLE_DETAIL = "The service is briefly unavailable; try again shortly.";
    /** {@code Retry-After} of that 503, in seconds. */
    static final String RETRY_AFTER_SECONDS = "5";


    /**
     * JAX-RS errors (400, 403, 404, 405, 413, …) keep their status and message (a body the framework could not read
     * as JSON says why); a 5xx hides its cause.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internalError(status, e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = e.getCause() instanceof JsonProcessingException json ? malformedJsonDetail(json) : e.getMessage();
        return problem(status, known == null ? "Error" : known.getReasonPhrase(), detail);
    }

    /**
     * A request body that is not JSON ({@link StreamReadException}) or not of the expected shape
     * ({@link MismatchedInputException}): 400. Other {@link JsonProcessingException}s (serialising an answer) are
     * bugs and go to {@link #unexpected}.
     */
    @ServerExceptionMapper({StreamReadException.class, MismatchedInputException.class})
    public Response malformedJson(JsonProcessingException e) {
        return problem(400, "Bad Request", malformedJsonDetail(e));
    }

    /** A delivery of which nothing can be stored (a value wider than its column): 400, saying which and how long. */
    @ServerExceptionMapper
    public Response rejectedInbound(InboundRejectedException e) {
        return problem(400, "Bad Request", "Not stored: " + e.getMessage());
    }

    /**
     * Anything else, checked or not: 500 without details (logged with its stack trace). Named here too: Jackson's
     * {@link InvalidDefinitionException} (a type it cannot serialise), which Quarkus would answer with an empty 500.
     */
    @ServerExceptionMapper({Exception.class, InvalidDefinitionException.class})
    public Response unexpected(Exception e) {
        return internalError(500, e);
    }

    private static String malformedJsonDetail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && expected(mismatch.getTargetType()) != null) {
            String must = mismatch instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException bad
                    && StrictJson.NUL_REFUSED.equals(bad.getOriginalMessage())
                    ? StrictJson.NUL_REFUSED : "must be " + expected(mismatch.getTargetType());
            return "Malformed JSON body: \"" + path(mismatch) + "\" " + must + ".";
        }
        if (e instanceof MismatchedInputException mismatch) {
            // Jackson's own words name our classes ("Cannot deserialize value of type gov.tawasul…"): say the shape
            String where = mismatch.getPath().isEmpty() ? "the body" : "\"" + path(mismatch) + "\"";
            return "Malformed JSON body: " + where + " must be " + shape(mismatch.getTargetType()) + ".";
        }
        return "Malformed JSON body: " + e.getOriginalMessage();
    }

    /** @return where in the body the value was: {@code contacts.[0].address} */
    private static String path(MismatchedInputException mismatch) {
        return mismatch.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining("."));
    }

    /** @return the JSON shape of {@code type}: a scalar's words ({@link #expected}), an array, one of an enum's, an object */
    private static String shape(Class<?> type) {
        if (type == null) {
            return "of another shape";
        }
        if (expected(type) != null) {
            return expected(type);
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    /** @return what a JSON value of {@code type} is, in the words of an API's reader; null: not a scalar */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        return null;
    }

    private Response internalError(int status, Throwable e) {
        // looked up, not injected: the class of @ServerExceptionMapper methods is not a bean that gets injections
        if (DatabaseOutage.isUnreachable(e)
                && io.quarkus.arc.Arc.container().instance(DatabaseOutage.class).get().absorbed(e)) {
            return databaseUnavailable();
        }
        LOG.error("request failed", e);
        return problem(status, "Internal error", INTERNAL_DETAIL);
    }

    /**
     * PostgreSQL cannot be reached: 503 with {@code Retry-After} (providers retry the webhook; nothing was stored),
     * logged once per outage by {@link DatabaseOutage}, not once per request.
     */
    public static Response databaseUnavailable() {
        Response problem = problem(503, "Service Unavailable", UNAVAILABLE_DETAIL);
        return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /**
     * @param status HTTP status
     * @param title  short summary of the status (e.g. {@code Bad Request})
     * @param detail what was wrong with this request, or null
     * @return a problem+json response: {@code {"type":"about:blank","title","status","detail"}}
     */
    public static Response problem(int status, String title, String detail) {
        return problem(status, title, detail, Map.of());
    }

    /**
     * @param extensions further members of the problem (RFC 9457 section 3.2), e.g. {@code {"limit": 1600}}
     * @return a problem+json response as {@link #problem(int, String, String)} with {@code extensions} added
     */
    public static Response problem(int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return Response.status(status).type(MediaType.valueOf(PROBLEM_JSON)).entity(body).build();
    }
}
