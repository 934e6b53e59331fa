package gov.tawasul.staff.security;

import gov.tawasul.app.ProblemExceptionMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * quarkus-rest-csrf's filter asks for the form to be read before any filter runs ({@code @WithFormRead}), so
 * RESTEasy now decodes every {@code application/x-www-form-urlencoded} body — a webhook's too — before the
 * resource sees it. A body it cannot decode (bad percent-encoding) is the client's error: {@code 400} with the
 * detail the webhook parsers give it ({@code Malformed form body: invalid percent-encoding}), not our 500. Every
 * other {@link IllegalArgumentException} stays what {@link ProblemExceptionMappers} makes of it (500, logged).
 */
public class FormBodyProblems {

    private static final String FORM_PARSER =
            "org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition";
    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    /** @return 400 for a form body RESTEasy could not decode, else the application's 500 */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        if (thrownByTheFormParser(e)) {
            return ProblemExceptionMappers.problem(400, "Bad Request", "Malformed form body: invalid percent-encoding");
        }
        return mappers.unexpected(e);
    }

    private static boolean thrownByTheFormParser(IllegalArgumentException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(FORM_PARSER)) {
                return true;
            }
        }
        return false;
    }
}
