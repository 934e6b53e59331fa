package gov.tawasul.channels.twitter;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * REST client of {@code GET /2/dm_events} (https://docs.x.com/x-api/direct-messages/get-dm-events), built by
 * {@link DmEventsClient} with the base URL {@code tawasul.twitter.api-v2-url}. The raw {@link Response} is returned
 * so that the rate-limit headers and a 429 can be read.
 */
@Path("/2/dm_events")
public interface DmEventsApi {

    /** @return the raw response (not closed; the entity is buffered) */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> list(@HeaderParam("Authorization") String authorization,
                       @QueryParam("dm_event.fields") String fields,
                       @QueryParam("event_types") String eventTypes,
                       @QueryParam("expansions") String expansions,
                       @QueryParam("max_results") Integer maxResults,
                       @QueryParam("pagination_token") String paginationToken);
}
