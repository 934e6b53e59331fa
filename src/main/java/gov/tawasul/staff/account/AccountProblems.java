package gov.tawasul.staff.account;

import gov.tawasul.app.ProblemExceptionMappers;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Problem details of the account API: {@code 422} with {@code errors} (one {@code {"field","message"}} per invalid
 * field) for {@link StaffValidationException}, {@code 409} for {@link StaffConflictException}.
 */
public class AccountProblems {

    /** @return 422 problem+json with {@code errors}: {@code [{"field","message"}…]} */
    @ServerExceptionMapper
    public Response invalid(StaffValidationException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Unprocessable Content");
        body.put("status", 422);
        body.put("detail", "Some fields are not valid.");
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.message())).toList();
        body.put("errors", errors);
        return Response.status(422).type(MediaType.valueOf(ProblemExceptionMappers.PROBLEM_JSON)).entity(body).build();
    }

    /** @return 409 problem+json naming the conflict */
    @ServerExceptionMapper
    public Response conflict(StaffConflictException e) {
        return ProblemExceptionMappers.problem(409, "Conflict", e.getMessage());
    }
}
