package gov.tawasul.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Test-only endpoints (this class exists in the test build only) that fail the ways our code and libraries fail, to
 * prove what {@link ProblemExceptionMappers} answers: a bug is a 500, bad input a 400.
 */
@Path("/test/failures")
public class FailingTestResource {

    /** The body of {@link #json}. */
    public record Probe(int number) {
    }

    /** A {@link NumberFormatException} deep in our code. */
    @GET
    @Path("number-format")
    public String numberFormat() {
        return Integer.toString(Integer.parseInt("not a number"));
    }

    /** The same, failing a {@link Uni} as the webhook resources do. */
    @GET
    @Path("number-format-async")
    public Uni<String> numberFormatAsync() {
        return Uni.createFrom().item("12x").map(s -> Integer.toString(Integer.parseInt(s)));
    }

    /** An {@link IllegalArgumentException} thrown by a library (Jackson's {@code convertValue}). */
    @GET
    @Path("library-argument")
    public String libraryArgument() {
        return new ObjectMapper().convertValue(Map.of("number", "twelve"), Probe.class).toString();
    }

    /** A checked {@link JsonProcessingException} that is no bad input: serialising a type Jackson cannot. */
    @GET
    @Path("serialization")
    public String serialization() throws JsonProcessingException {
        return new ObjectMapper().writeValueAsString(new Object());
    }

    /** Bad input, signalled explicitly. */
    @GET
    @Path("bad-request")
    public String badRequest() {
        throw new BadRequestException("Missing parameter number");
    }

    /** A JSON body read by the framework. */
    @POST
    @Path("json")
    @Consumes(MediaType.APPLICATION_JSON)
    public String json(Probe probe) {
        return Integer.toString(probe.number());
    }
}
