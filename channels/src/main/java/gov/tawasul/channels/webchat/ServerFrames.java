package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.QuickReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frames the server sends on the chat socket (JSON text frames):
 * <pre>
 * {"type":"welcome","token":"v1.…","resumed":true}            answer to hello: keep the token (reload, other tabs)
 * {"type":"ack","id":"c-1a2b","duplicate":false}              the citizen message is stored (duplicate: it was before)
 * {"type":"typing"}                                          the bot is composing an answer
 * {"type":"held"}                                            a person holds the conversation: staff, not the bot,
 *                                                             will answer (sent instead of typing)
 * {"type":"message","id":"41.Xy…","origin":"bot"|"agent"|"system"|"notification","text":"…",
 *  "quickReplies":[{"title":"حالة أخرى","payload":"ANOTHER_CASE"}],"at":"2026-12-02T06:00:00Z"}
 *                                                             our message; answer with a status frame
 * {"type":"error","code":"RATE_LIMITED","message":"…","id":"c-1a2b"|null}   a refused frame ({@link FrameRefused})
 * </pre>
 * The history resource gives messages in the same shape, with {@code "direction":"in"|"out"} and {@code status}.
 */
@ApplicationScoped
public class ServerFrames {

    private final ObjectMapper json;

    ServerFrames(ObjectMapper json) {
        this.json = json;
    }

    /** @return the welcome frame */
    public String welcome(String token, boolean resumed) {
        return write(Map.of("type", "welcome", "token", token, "resumed", resumed));
    }

    /** @return the ack of a stored citizen message */
    public String ack(String clientId, boolean duplicate) {
        return write(Map.of("type", "ack", "id", clientId, "duplicate", duplicate));
    }

    /** @return the typing frame */
    public String typing() {
        return "{\"type\":\"typing\"}";
    }

    /** @return the frame saying that a person holds the conversation (staff will answer, the bot will not) */
    public String held() {
        return "{\"type\":\"held\"}";
    }

    /** @return the error frame of a refusal */
    public String error(FrameRefused refused) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", refused.code());
        frame.put("message", refused.getMessage());
        frame.put("id", refused.frameId());
        return write(frame);
    }

    /** @return one of our messages, as the socket sends it */
    public String message(String id, Origin origin, String text, List<QuickReply> quickReplies, Instant at) {
        return write(messageFields(id, origin, text, quickReplies, at));
    }

    /** @return the fields of a message frame (shared with the history) */
    public static Map<String, Object> messageFields(String id, Origin origin, String text,
                                                    List<QuickReply> quickReplies, Instant at) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message");
        frame.put("id", id);
        frame.put("origin", origin == null ? null : origin.name().toLowerCase(Locale.ROOT));
        frame.put("text", text);
        frame.put("quickReplies", quickReplies.stream()
                .map(q -> Map.of("title", q.title(), "payload", q.payload())).toList());
        frame.put("at", at.toString());
        return frame;
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame not serialisable", e);
        }
    }
}
