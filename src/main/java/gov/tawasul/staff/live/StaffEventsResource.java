package gov.tawasul.staff.live;

import gov.tawasul.engine.events.ConversationEvent;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * {@code GET /api/staff/events}: Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html),
 * one event per conversation change: {@code event: INBOUND_STORED|OUTBOUND_QUEUED|OUTBOUND_STATUS|
 * CONVERSATION_STATE|RESYNC}, {@code id: <position>}, {@code data: {"position","type","conversationId","messageId",
 * "channel","state","errorCode"}} (ids and states only, no text or address: fetch the conversation for those). A
 * reconnecting client sends {@code Last-Event-ID} and first gets what it missed. A comment line every 20 s keeps
 * proxies from closing an idle stream.
 */
@Path("/api/staff/events")
@RolesAllowed("AGENT")
@Tag(name = "Staff: conversations")
public class StaffEventsResource {

    @Inject
    LiveFeed feed;
    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live conversation events (SSE); Last-Event-ID resumes after a position")
    public Multi<OutboundSseEvent> events(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Long last = parse(lastEventId);
        Multi<OutboundSseEvent> changes = feed.follow(identity.getPrincipal().getName(), last).map(e -> event(sse, e));
        return feed.withKeepAlive(sse, changes);
    }

    private static OutboundSseEvent event(Sse sse, ConversationEvent e) {
        var builder = sse.newEventBuilder().name(e.type().name()).mediaType(MediaType.APPLICATION_JSON_TYPE).data(e);
        return e.position() > 0 ? builder.id(Long.toString(e.position())).build() : builder.build();
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
