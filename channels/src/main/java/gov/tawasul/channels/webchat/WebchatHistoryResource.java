package gov.tawasul.channels.webchat;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.TranscriptEntry;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.Transcripts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A visitor's conversation, for the chat page to show after a reload, in another tab, or after being offline.
 * <pre>
 * GET /chat/api/history        X-Webchat-Token: v1.&lt;visitor&gt;.&lt;signature&gt;   (the welcome frame's token)
 * 200 {"messages":[{"direction":"in","id":"in-17","text":"حالة ٤٥١٢٨٧٣","at":"…"},
 *                  {"direction":"out","type":"message","id":"41.Xy…","origin":"bot","text":"…","quickReplies":[],
 *                   "at":"…","status":"SENT"|"DELIVERED"|"READ"|…}]}      oldest first, at most history-limit
 * 401 problem+json: no token, or one not signed by us (a visitor id alone, guessed or copied, opens nothing)
 * </pre>
 * The conversation is the one of the token's visitor: no conversation id is taken from the request, so a visitor
 * cannot read another's. Answers cross-origin requests of {@code tawasul.webchat.allowed-origins} (CORS, with the
 * preflight), for the widget on the agency's site. Runs on the event loop.
 */
@Path("/chat/api/history")
public class WebchatHistoryResource {

    /** The request header carrying the visitor token. */
    public static final String TOKEN_HEADER = "X-Webchat-Token";

    private final VisitorTokens tokens;
    private final Conversations conversations;
    private final Transcripts transcripts;
    private final WebchatOriginCheck origins;
    private final WebchatConfig config;

    WebchatHistoryResource(VisitorTokens tokens, Conversations conversations, Transcripts transcripts,
                           WebchatOriginCheck origins, WebchatConfig config) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.transcripts = transcripts;
        this.origins = origins;
        this.config = config;
    }

    /** @return the visitor's messages, oldest first */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> history(@HeaderParam(TOKEN_HEADER) String token, @HeaderParam("Origin") String origin,
                                 @HeaderParam("Host") String host) {
        String visitor = tokens.visitorOf(token).orElseThrow(() -> new WebApplicationException(
                "a valid " + TOKEN_HEADER + " is required", 401));
        Address citizen = new Address(Channel.WEBCHAT, visitor);
        return conversations.find(citizen, new Address(Channel.WEBCHAT, config.botAddress()))
                .chain(c -> c.isEmpty() ? Uni.createFrom().item(List.<TranscriptEntry>of())
                        : transcripts.latest(c.get().id(), config.historyLimit()))
                .map(entries -> cors(Response.ok(Map.of("messages", lines(visitor, entries))), origin, host).build());
    }

    /** CORS preflight of the widget on an allowed site. */
    @OPTIONS
    public Response preflight(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host) {
        return cors(Response.noContent(), origin, host)
                .header("Access-Control-Allow-Methods", "GET")
                .header("Access-Control-Allow-Headers", TOKEN_HEADER)
                .header("Access-Control-Max-Age", "600").build();
    }

    private Response.ResponseBuilder cors(Response.ResponseBuilder response, String origin, String host) {
        response.header("Vary", "Origin").header("Cache-Control", "no-store");
        return origin != null && origins.isAllowed(origin, host)
                ? response.header("Access-Control-Allow-Origin", origin) : response;
    }

    private List<Map<String, Object>> lines(String visitor, List<TranscriptEntry> entries) {
        List<Map<String, Object>> lines = new ArrayList<>(entries.size());
        for (TranscriptEntry e : entries) {
            if (e.inbound()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("direction", "in");
                line.put("id", "in-" + e.id());
                line.put("text", e.text());
                line.put("at", e.at().toString());
                lines.add(line);
            } else {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("direction", "out");
                line.putAll(ServerFrames.messageFields(tokens.messageId(visitor, e.id()), e.origin(), e.text(),
                        List.of(), e.at()));
                line.put("status", e.status() == null ? null : e.status().name());
                lines.add(line);
            }
        }
        return lines;
    }
}
