package gov.tawasul.staff.live;

import gov.tawasul.engine.events.ConversationEvent;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /console/live}: the console's own SSE stream, for the htmx SSE extension. Changes are gathered for
 * {@value #WINDOW_MS} ms, then sent as one {@code conversations} event (data: the changed conversation ids,
 * comma-separated: the list reloads once) and one {@code conv-<id>} event per changed conversation (its open
 * transcript reloads). A {@code RESYNC} of the cross-instance feed becomes a {@code resync} event: everything
 * shown reloads. Carries ids only; the pages fetch what the viewer may see.
 */
@Path("/console/live")
@RolesAllowed("AGENT")
public class ConsoleLiveResource {

    /** How long changes are gathered into one refresh. */
    static final long WINDOW_MS = 150;

    @Inject
    LiveFeed feed;
    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        Multi<OutboundSseEvent> changes = feed.follow(identity.getPrincipal().getName(), null)
                .group().intoLists().every(Duration.ofMillis(WINDOW_MS))
                .filter(batch -> !batch.isEmpty())
                .onItem().transformToIterable(batch -> events(sse, batch));
        return feed.withKeepAlive(sse, changes);
    }

    static List<OutboundSseEvent> events(Sse sse, List<ConversationEvent> batch) {
        List<OutboundSseEvent> out = new ArrayList<>();
        if (batch.stream().anyMatch(e -> e.type() == ConversationEvent.Type.RESYNC)) {
            out.add(sse.newEventBuilder().name("resync").data("all").build());
            return out;
        }
        Set<Long> ids = new LinkedHashSet<>();
        batch.forEach(e -> ids.add(e.conversationId()));
        out.add(sse.newEventBuilder().name("conversations")
                .data(ids.stream().map(String::valueOf).collect(Collectors.joining(","))).build());
        ids.forEach(id -> out.add(sse.newEventBuilder().name("conv-" + id).data(Long.toString(id)).build()));
        return out;
    }
}
