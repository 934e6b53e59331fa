package gov.tawasul.channels.facebook;

import com.restfb.types.send.IdMessageRecipient;
import com.restfb.types.send.Message;
import com.restfb.types.send.MessagingType;
import com.restfb.types.send.QuickReply;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.outbox.TextLimits;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of one Send API call ({@code POST /{version}/me/messages}), built from RestFB's send types:
 * <pre>{"recipient":{"id":"&lt;PSID&gt;"},"messaging_type":"RESPONSE",
 *  "message":{"text":"…","quick_replies":[{"content_type":"text","title":"…","payload":"…"}],"metadata":"tawasul:out:&lt;outbound id&gt;"}}</pre>
 * {@code messaging_type} and {@code tag} come from the message's send options ({@link OutboundMessage#options()},
 * chosen by {@link MessengerPolicy}): {@value #MESSAGING_TYPE} is {@code RESPONSE} (the default when absent),
 * {@code UPDATE} or {@code MESSAGE_TAG}; a {@code MESSAGE_TAG} message carries {@value #TAG}, e.g.
 * {@code "messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"}.
 * Limits: text ≤ {@value #MAX_TEXT} UTF-16 units, at most {@value #MAX_QUICK_REPLIES} quick replies, titles ≤
 * {@value #MAX_TITLE} characters. https://developers.facebook.com/docs/messenger-platform/reference/send-api/,
 * https://developers.facebook.com/docs/messenger-platform/send-messages/#messaging_types,
 * https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags and
 * https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies
 */
public final class SendApiRequest {

    /** Longest message text Messenger takes. */
    public static final int MAX_TEXT = 2000;
    /** Longest quick-reply title. */
    public static final int MAX_TITLE = 20;
    /** Most quick replies on one message. */
    public static final int MAX_QUICK_REPLIES = 13;
    /**
     * Prefix of {@code message.metadata} of every message we send, followed by its {@code outbound_message.id}
     * ({@code tawasul:out:42}); Meta returns it in the message echo
     * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes), which names
     * the row the echo is of even when the send's answer was lost (a crash between the call and storing its answer).
     */
    public static final String METADATA_PREFIX = "tawasul:out:";

    /** Send option and body field: the messaging type ({@code RESPONSE}, {@code UPDATE}, {@code MESSAGE_TAG}). */
    public static final String MESSAGING_TYPE = "messaging_type";
    /** Send option and body field: the message tag of a {@code MESSAGE_TAG} message. */
    public static final String TAG = "tag";
    /** The tag of a person's answer sent after the 24-hour window, up to 7 days after the citizen's last message. */
    public static final String HUMAN_AGENT = "HUMAN_AGENT";

    private SendApiRequest() {
    }

    /**
     * @return the request body as an ordered map of RestFB types, for {@code Body.withData}
     * @throws IllegalArgumentException when the options are not a valid combination: an unknown
     *                                  {@code messaging_type}, {@code MESSAGE_TAG} without a {@code tag}, or a
     *                                  {@code tag} without {@code MESSAGE_TAG} (a bug of the policy: never sent)
     */
    public static Map<String, Object> of(OutboundMessage m) {
        MessagingType type = messagingType(m.options());
        String tag = m.options().get(TAG);
        if ((type == MessagingType.MESSAGE_TAG) != (tag != null)) {
            throw new IllegalArgumentException("send options " + m.options() + ": a tag goes with messaging_type "
                    + "MESSAGE_TAG and only with it");
        }
        Message message = new Message(TextLimits.fit(m.text(), MAX_TEXT));
        m.quickReplies().stream().limit(MAX_QUICK_REPLIES).forEach(q ->
                message.addQuickReply(new QuickReply(TextLimits.fit(q.title(), MAX_TITLE), q.payload())));
        message.setMetadata(METADATA_PREFIX + m.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", new IdMessageRecipient(m.to().value()));
        body.put(MESSAGING_TYPE, type);
        if (tag != null) {
            body.put(TAG, tag);
        }
        body.put("message", message);
        return body;
    }

    /**
     * @param metadata an echo's {@code metadata}, or null
     * @return the outbound id it carries, when it is ours ({@value #METADATA_PREFIX}{@code <digits>}), else null
     */
    public static String outboundIdOf(String metadata) {
        if (metadata == null || !metadata.startsWith(METADATA_PREFIX)) {
            return null;
        }
        String id = metadata.substring(METADATA_PREFIX.length());
        return !id.isEmpty() && id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9') ? id : null;
    }

    private static MessagingType messagingType(Map<String, String> options) {
        String name = options.get(MESSAGING_TYPE);
        if (name == null) {
            return MessagingType.RESPONSE;
        }
        return Arrays.stream(MessagingType.values()).filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown send option messaging_type=" + name));
    }
}
