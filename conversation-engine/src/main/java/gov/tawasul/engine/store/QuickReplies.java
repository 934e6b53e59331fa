package gov.tawasul.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.model.QuickReply;

import java.util.List;

/** Quick replies as stored in {@code outbound_message.quick_replies}: a JSON array of {@code {"title","payload"}}. */
final class QuickReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuickReplies() {
    }

    static String toJson(List<QuickReply> replies) {
        try {
            return JSON.writeValueAsString(replies);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<QuickReply> fromJson(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<QuickReply>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
