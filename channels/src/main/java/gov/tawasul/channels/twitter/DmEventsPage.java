package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One page of {@code GET /2/dm_events} (X API v2,
 * https://docs.x.com/x-api/direct-messages/get-dm-events; objects: https://docs.x.com/x-api/fundamentals/data-dictionary),
 * newest event first.
 *
 * @param data     the events, or null on an empty page
 * @param includes expanded objects ({@code expansions=sender_id}), or null
 * @param meta     {@code result_count}, {@code next_token} (older events), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DmEventsPage(@JsonProperty("data") List<Event> data, @JsonProperty("includes") Includes includes,
                           @JsonProperty("meta") Meta meta) {

    /**
     * A dm_event. {@code createdAt} is ISO-8601 ({@code 2022-10-25T23:16:15.000Z}); {@code dmConversationId} of a
     * one-to-one conversation is {@code "<user id>-<user id>"}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(@JsonProperty("id") String id, @JsonProperty("event_type") String eventType,
                        @JsonProperty("text") String text, @JsonProperty("sender_id") String senderId,
                        @JsonProperty("created_at") String createdAt,
                        @JsonProperty("dm_conversation_id") String dmConversationId) {
    }

    /** {@code includes.users}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Includes(@JsonProperty("users") List<User> users) {
    }

    /** A v2 user: {@code username} is the screen name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(@JsonProperty("id") String id, @JsonProperty("name") String name,
                       @JsonProperty("username") String username) {
    }

    /** Paging: {@code next_token} is passed as {@code pagination_token} for the next (older) page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(@JsonProperty("result_count") Integer resultCount,
                       @JsonProperty("next_token") String nextToken) {
    }
}
