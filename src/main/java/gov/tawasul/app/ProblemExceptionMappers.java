package gov.tawasul.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns errors into RFC 9457 problem details ({@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}); never a stack trace. Malformed bodies are 400, not 5xx.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    /** Media type of problem details (https://www.rfc-editor.org/rfc/rfc9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** JAX-RS errors (400, 403, 404, 405, 413, …) keep their status; a 5xx hides its cause. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return problem(status, "Internal error", "The request could not be processed.");
        }
        return problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage());
    }

    /** A JSON body that does not parse: 400. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(400, "Bad Request", "Malformed JSON body: " + e.getOriginalMessage());
    }

    /** Input rejected by a parser or mapper: 400 with its message. */
    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return problem(400, "Bad Request", e.getMessage());
    }

    /** Anything else: 500 without details (logged with its stack trace). */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return problem(500, "Internal error", "The request could not be processed.");
    }

    /** Builds a problem+json response. */
    public static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.status(status).type(MediaType.valueOf(PROBLEM_JSON)).entity(body).build();
    }
}
