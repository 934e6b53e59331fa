package gov.tawasul.channels.facebook;

import com.restfb.types.send.IdMessageRecipient;
import com.restfb.types.send.Message;
import com.restfb.types.send.MessagingType;
import com.restfb.types.send.QuickReply;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.outbox.TextLimits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of one Send API call ({@code POST /{version}/me/messages}), built from RestFB's send types:
 * <pre>{"recipient":{"id":"&lt;PSID&gt;"},"messaging_type":"RESPONSE",
 *  "message":{"text":"…","quick_replies":[{"content_type":"text","title":"…","payload":"…"}],"metadata":"tawasul:bot"}}</pre>
 * Limits: text ≤ {@value #MAX_TEXT} UTF-16 units, at most {@value #MAX_QUICK_REPLIES} quick replies, titles ≤
 * {@value #MAX_TITLE} characters. https://developers.facebook.com/docs/messenger-platform/reference/send-api/ and
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
     * {@code message.metadata} of every message the bot sends; Meta returns it in the echo, which marks the echo as
     * the bot's own on any instance.
     */
    public static final String METADATA = "tawasul:bot";

    private SendApiRequest() {
    }

    /** @return the request body as an ordered map of RestFB types, for {@code Body.withData} */
    public static Map<String, Object> of(OutboundMessage m) {
        Message message = new Message(TextLimits.fit(m.text(), MAX_TEXT));
        m.quickReplies().stream().limit(MAX_QUICK_REPLIES).forEach(q ->
                message.addQuickReply(new QuickReply(TextLimits.fit(q.title(), MAX_TITLE), q.payload())));
        message.setMetadata(METADATA);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", new IdMessageRecipient(m.to().value()));
        body.put("messaging_type", MessagingType.RESPONSE);
        body.put("message", message);
        return body;
    }
}
