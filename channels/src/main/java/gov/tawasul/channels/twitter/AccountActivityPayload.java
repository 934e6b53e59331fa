package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The parts of an Account Activity API delivery the bot reads (v1.1 payloads, also delivered by the v2 Account
 * Activity API; an X Activity API DM event is read into the same form, {@link XActivityEvent}). Every other key
 * (tweet_create_events, follow_events, favorite_events, apps, …) is ignored.
 * Wire format: https://docs.x.com/x-api/account-activity/introduction and the Message Create object,
 * https://developer.x.com/en/docs/x-api/v1/direct-messages/sending-and-receiving/guides/message-create-object.
 *
 * @param forUserId         the subscribed account (ours), or null
 * @param dmEvents          {@code direct_message_events}, or null
 * @param users             {@code users}: user id → user, or null
 * @param markReadEvents    {@code direct_message_mark_read_events}, or null
 * @param typingEvents      {@code direct_message_indicate_typing_events}, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountActivityPayload(
        @JsonProperty("for_user_id") String forUserId,
        @JsonProperty("direct_message_events") List<DmEvent> dmEvents,
        @JsonProperty("users") Map<String, User> users,
        @JsonProperty("direct_message_mark_read_events") List<MarkRead> markReadEvents,
        @JsonProperty("direct_message_indicate_typing_events") List<Typing> typingEvents) {

    /** One {@code direct_message_events[]} item; {@code createdTimestamp} in epoch milliseconds (a string). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DmEvent(@JsonProperty("type") String type, @JsonProperty("id") String id,
                          @JsonProperty("created_timestamp") String createdTimestamp,
                          @JsonProperty("message_create") MessageCreate messageCreate) {
    }

    /** {@code message_create}: who wrote to whom, from which app, and what. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageCreate(@JsonProperty("target") Target target, @JsonProperty("sender_id") String senderId,
                                @JsonProperty("source_app_id") String sourceAppId,
                                @JsonProperty("message_data") MessageData messageData) {
    }

    /** {@code target.recipient_id}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(@JsonProperty("recipient_id") String recipientId) {
    }

    /** {@code message_data}: the text (with t.co links), its entities, a quick-reply answer, an attachment. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageData(@JsonProperty("text") String text, @JsonProperty("entities") Entities entities,
                              @JsonProperty("quick_reply_response") QuickReplyResponse quickReplyResponse,
                              @JsonProperty("attachment") Attachment attachment) {
    }

    /** {@code entities}: only the URLs matter (t.co → expanded). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entities(@JsonProperty("urls") List<UrlEntity> urls) {
    }

    /** One URL entity: the t.co {@code url} in the text and its {@code expanded_url}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UrlEntity(@JsonProperty("url") String url, @JsonProperty("expanded_url") String expandedUrl) {
    }

    /** {@code quick_reply_response}: {@code type} {@code options}, {@code metadata} = the option's metadata. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QuickReplyResponse(@JsonProperty("type") String type, @JsonProperty("metadata") String metadata) {
    }

    /** {@code attachment}: {@code type} {@code media} (photo, GIF, video) or {@code location}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(@JsonProperty("type") String type, @JsonProperty("media") Media media) {
    }

    /** The attached media: its t.co {@code url} (also in the text), its type and its https URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Media(@JsonProperty("url") String url, @JsonProperty("type") String type,
                        @JsonProperty("media_url_https") String mediaUrlHttps) {
    }

    /**
     * A {@code users} entry: v1.1 fields ({@code screen_name}) in Account Activity deliveries; in X Activity API
     * deliveries a v2 user under {@code data} ({@code username}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(@JsonProperty("id") String id, @JsonProperty("name") String name,
                       @JsonProperty("screen_name") String screenName, @JsonProperty("data") Profile data) {

        /** @return the screen name (v1.1 {@code screen_name}, v2 {@code username}), else the display name, or null */
        public String handle() {
            String handle = screenName != null ? screenName : data == null ? null : data.username();
            return handle != null ? handle : name != null ? name : data == null ? null : data.name();
        }
    }

    /** A v2 user object (https://docs.x.com/x-api/fundamentals/data-dictionary): {@code username} is the handle. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Profile(@JsonProperty("id") String id, @JsonProperty("name") String name,
                          @JsonProperty("username") String username) {
    }

    /** {@code direct_message_mark_read_events[]}: {@code sender_id} read everything up to {@code last_read_event_id}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MarkRead(@JsonProperty("created_timestamp") String createdTimestamp,
                           @JsonProperty("sender_id") String senderId, @JsonProperty("target") Target target,
                           @JsonProperty("last_read_event_id") String lastReadEventId) {
    }

    /** {@code direct_message_indicate_typing_events[]}: ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Typing(@JsonProperty("created_timestamp") String createdTimestamp,
                         @JsonProperty("sender_id") String senderId) {
    }
}
