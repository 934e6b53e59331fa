package gov.tawasul.staff.api;

import gov.tawasul.app.ProblemExceptionMappers;
import gov.tawasul.app.StrictJson;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.store.ConversationList;
import gov.tawasul.staff.desk.ConversationDesk;
import gov.tawasul.staff.desk.ConversationLine;
import gov.tawasul.staff.desk.CurrentStaff;
import gov.tawasul.staff.desk.DeskOutcome;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The staff API over conversations (JSON; the console's pages use the same {@link ConversationDesk}). Every path
 * needs a staff session (401 problem+json without one) and a CSRF token on POST (403 without). Addresses are masked
 * for agents. Errors are problem+json: 404 unknown conversation, 409 held by another agent, 422 empty text, text
 * over the channel's limit ({@code limit} member) or a reply the send policy refused ({@code reason} member:
 * {@code OPTED_OUT}, {@code OUTSIDE_WINDOW}, …).
 */
@Path("/api/staff/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("AGENT")
@Tag(name = "Staff: conversations")
public class StaffConversationsResource {

    @Inject
    ConversationDesk desk;
    @Inject
    CurrentStaff staff;

    /** A page of the list. {@code next}: the cursor of the following page ({@code before=}), or null at the end. */
    public record Page(List<ConversationLine> conversations, String next) {
    }

    /** Body of {@code POST …/messages}. @param text the reply, 1 to the channel's limit characters */
    public record ReplyRequest(String text) {
    }

    /** Answer of {@code POST …/messages}. @param outboundId {@code outbound_message.id} @param status its status */
    public record ReplyAccepted(long outboundId, String status) {
    }

    @GET
    @Operation(summary = "Conversations, waiting ones first, then newest activity first")
    public Uni<Page> list(@QueryParam("state") String state, @QueryParam("channel") String channel,
                          @QueryParam("department") String department, @QueryParam("q") String q,
                          @QueryParam("failed") boolean failed, @QueryParam("optedOut") boolean optedOut,
                          @QueryParam("mine") boolean mine, @QueryParam("unassigned") boolean unassigned,
                          @QueryParam("limit") Integer limit, @QueryParam("before") String before) {
        return staff.get().chain(me -> {
            ConversationList.Filter filter = ListQuery.filter(channel, state, department, failed, optedOut,
                    mine ? me.username() : null, unassigned, q, me.supervisor(), before, limit == null ? 50 : limit);
            return desk.list(me, filter).map(lines -> new Page(lines, ListQuery.next(lines, filter.limit())));
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A conversation and its newest messages with their delivery statuses (audited)")
    public Uni<Response> transcript(@PathParam("id") long id) {
        return staff.get().chain(me -> desk.open(me, id)).map(found -> found
                .map(t -> Response.ok(t).build()).orElseGet(StaffConversationsResource::notFound));
    }

    @POST
    @Path("{id}/takeover")
    @Operation(summary = "Take the conversation over (409 when another agent holds it; a supervisor with "
            + "?reassign=true takes it from them)")
    public Uni<Response> takeOver(@PathParam("id") long id, @QueryParam("reassign") boolean reassign) {
        return staff.get().chain(me -> desk.takeOver(me, id, reassign)).map(StaffConversationsResource::answer);
    }

    @POST
    @Path("{id}/handback")
    @Operation(summary = "Hand the conversation back to the bot; the citizen is told")
    public Uni<Response> handBack(@PathParam("id") long id) {
        return staff.get().chain(me -> desk.handBack(me, id)).map(StaffConversationsResource::answer);
    }

    @POST
    @Path("{id}/close")
    @Operation(summary = "Close the conversation; it reopens with the bot when the citizen writes")
    public Uni<Response> close(@PathParam("id") long id) {
        return staff.get().chain(me -> desk.close(me, id)).map(StaffConversationsResource::answer);
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an agent's reply through the conversation's channel: 202 with the outbound id")
    @CustomDeserialization(StrictJson.class)
    public Uni<Response> reply(@PathParam("id") long id, ReplyRequest body) {
        if (body == null) {
            throw new BadRequestException("A JSON body {\"text\": \"…\"} is required.");
        }
        return staff.get().chain(me -> desk.reply(me, id, body.text())).map(StaffConversationsResource::answer);
    }

    static Response answer(DeskOutcome outcome) {
        if (outcome instanceof DeskOutcome.Done done) {
            return Response.ok(done.line()).build();
        }
        if (outcome instanceof DeskOutcome.Sent sent) {
            return Response.accepted(new ReplyAccepted(sent.outboundId(), "SENDING")).build();
        }
        if (outcome instanceof DeskOutcome.HeldBy held) {
            return ProblemExceptionMappers.problem(409, "Conflict",
                    "Another staff member holds this conversation; a supervisor can reassign it.",
                    Map.of("heldBy", held.agent()));
        }
        if (outcome instanceof DeskOutcome.BadText bad) {
            return bad.limit() == 0
                    ? ProblemExceptionMappers.problem(422, "Unprocessable Content", "The text is empty.")
                    : ProblemExceptionMappers.problem(422, "Unprocessable Content",
                    "The text is longer than the channel takes.", Map.of("limit", bad.limit()));
        }
        if (outcome instanceof DeskOutcome.Refused refused) {
            return ProblemExceptionMappers.problem(422, "Unprocessable Content", refused.detail(),
                    Map.of("reason", refused.reason().name()));
        }
        return notFound();
    }

    private static Response notFound() {
        return ProblemExceptionMappers.problem(404, "Not Found", "No conversation with this id.");
    }

    /** Parses the list's query parameters (shared with the console's list page). */
    public static final class ListQuery {

        private ListQuery() {
        }

        /** @throws BadRequestException (400) for an unknown channel or state, a bad cursor or limit */
        public static ConversationList.Filter filter(String channel, String state, String department, boolean failed,
                                                     boolean optedOut, String assignedTo, boolean unassigned,
                                                     String q, boolean partial, String before, int limit) {
            Channel ch;
            ConversationState st;
            try {
                ch = channel == null || channel.isBlank() ? null : Channel.fromWireName(channel);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Bad list parameter: channel must be one of "
                        + java.util.Arrays.stream(Channel.values()).map(Channel::wireName).toList());
            }
            try {
                st = state == null || state.isBlank() ? null : ConversationState.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Bad list parameter: state must be one of "
                        + java.util.Arrays.toString(ConversationState.values()));
            }
            try {
                return new ConversationList.Filter(ch, st,
                        department, failed, optedOut, assignedTo, unassigned, q, partial,
                        before == null || before.isBlank() ? null : ConversationList.Cursor.parse(before.strip()),
                        limit);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Bad list parameter: " + e.getMessage());
            }
        }

        /** @return the cursor after the page's last line, or null when the page was the last */
        public static String next(List<ConversationLine> lines, int limit) {
            if (lines.size() < limit) {
                return null;
            }
            ConversationLine last = lines.get(lines.size() - 1);
            return new ConversationList.Cursor(last.state() == ConversationState.WAITING_FOR_AGENT,
                    last.lastActivityAt(), last.id()).token();
        }
    }
}
