package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import gov.tawasul.channels.twitter.AccountActivityPayload.DmEvent;
import gov.tawasul.channels.twitter.AccountActivityPayload.User;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One X Activity API (XAA) webhook delivery, the successor of the Account Activity API
 * (https://docs.x.com/x-api/activity/introduction; envelope and payloads:
 * https://docs.x.com/x-api/activity/event-payloads):
 * <pre>{@code {"data":{"event_uuid":"-6850472171600526495","filter":{"user_id":"<subscribed account>"},
 *          "event_type":"dm.received","tag":"dm-inbound",
 *          "payload":{"direct_message_events":[<message_create event>],"users":{"<id>":{"data":{<v2 user>}}}}}}}</pre>
 * The legacy DM events {@code dm.received} (a DM to the filtered user) and {@code dm.sent} (a DM the filtered user
 * sent) carry the same {@code message_create} events as the Account Activity API, so they are read as one
 * ({@link #toAccountActivity(DmPayload)}); every other event type (posts, follows, profile updates, XChat,
 * {@code dm.read}, {@code dm.indicate_typing}, …) carries no DM and is kept only for its filter.
 *
 * @param data the event, or null when the body is not an XAA envelope
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XActivityEvent(@JsonProperty("data") Data data) {

    /** Event types whose {@code payload} holds {@code direct_message_events} and {@code users}. */
    public static final Set<String> DM_EVENT_TYPES = Set.of("dm.received", "dm.sent");

    /**
     * The envelope.
     *
     * @param eventUuid the delivery's id (not the DM's: a DM is identified by its event id)
     * @param filter    the subscription filter that matched: our account for DM events
     * @param eventType e.g. {@code dm.received}
     * @param tag       the subscription's tag, or null
     * @param payload   event-specific data, left as a tree until its type is known; may be null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@JsonProperty("event_uuid") String eventUuid, @JsonProperty("filter") Filter filter,
                       @JsonProperty("event_type") String eventType, @JsonProperty("tag") String tag,
                       @JsonProperty("payload") JsonNode payload) {
    }

    /** {@code filter}: {@code user_id} for user events ({@code keyword} for news, empty for {@code oauth.revoke}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filter(@JsonProperty("user_id") String userId) {
    }

    /**
     * {@code payload} of {@code dm.received} / {@code dm.sent}.
     *
     * @param dmEvents {@code direct_message_events}, or null
     * @param users    user id → {@code {"data":{<v2 user>}}}, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DmPayload(@JsonProperty("direct_message_events") List<DmEvent> dmEvents,
                            @JsonProperty("users") Map<String, User> users) {
    }

    /** @return the filtered account's id, or null */
    public String accountId() {
        return data == null || data.filter() == null ? null : data.filter().userId();
    }

    /** @return whether this is a DM event whose payload {@link DmPayload} describes */
    public boolean isDmEvent() {
        return data != null && DM_EVENT_TYPES.contains(data.eventType()) && data.payload() != null
                && data.payload().isObject();
    }

    /**
     * @param dms the {@link DmPayload} read from {@code data.payload} when {@link #isDmEvent()}, else null
     * @return the same content in Account Activity form: {@code for_user_id} = {@code filter.user_id}
     */
    public AccountActivityPayload toAccountActivity(DmPayload dms) {
        return new AccountActivityPayload(accountId(), dms == null ? null : dms.dmEvents(),
                dms == null ? null : dms.users(), null, null);
    }
}
