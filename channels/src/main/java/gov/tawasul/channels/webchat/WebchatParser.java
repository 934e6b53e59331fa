package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the browser's frames ({@link ClientFrame} has their shapes) and turns them into the normalised model:
 * a citizen message becomes an {@link InboundMessage} of {@link Channel#WEBCHAT} from {@code Address(WEBCHAT,
 * <visitor id>)} to our address, whose provider id is {@code <visitor id>:<client message id>} (a browser that sends
 * the same message again after a reconnect is recognised as a duplicate; a visitor cannot collide with another's
 * ids); a status becomes a {@link DeliveryReceipt} of our message id. Pure.
 */
@ApplicationScoped
public class WebchatParser {

    /** Longest frame taken, in characters (UTF-16 code units, as JavaScript counts {@code length}). */
    public static final int MAX_FRAME_CHARS = 2000;
    /** Inbound attribute naming the kiosk a message was typed on ({@code /kiosk?kiosk=<id>}), for reports. */
    public static final String ATTR_KIOSK = "kiosk";
    /**
     * Inbound attribute with the language the visitor's page is shown in ({@code ar}/{@code en}, from hello): the
     * engine answers a message without letters (a case number alone) in it ({@link InboundMessage#ATTR_PAGE_LOCALE}).
     */
    public static final String ATTR_PAGE_LOCALE = InboundMessage.ATTR_PAGE_LOCALE;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PAYLOAD = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final ObjectMapper json;

    WebchatParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @return the frame, checked
     * @throws FrameRefused {@code FRAME_TOO_LARGE} over {@value #MAX_FRAME_CHARS} characters; {@code MALFORMED} for
     *                      anything but a known frame with valid fields
     */
    public ClientFrame parse(String frame) {
        if (frame.length() > MAX_FRAME_CHARS) {
            throw new FrameRefused(FrameRefused.TOO_LARGE, "frames are limited to " + MAX_FRAME_CHARS
                    + " characters", null);
        }
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            throw malformed("not JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw malformed("not a JSON object", null);
        }
        String type = text(node, "type");
        String id = text(node, "id");
        if (ClientFrame.HELLO.equals(type)) {
            String kiosk = text(node, "kiosk");
            if (kiosk != null && !ID.matcher(kiosk).matches()) {
                throw malformed("kiosk must be 1-64 of A-Z a-z 0-9 _ -", null);
            }
            String lang = text(node, "lang");
            // the page's language; none or another: the engine goes by the text and the conversation
            return new ClientFrame(type, text(node, "token"), kiosk, null,
                    "en".equals(lang) || "ar".equals(lang) ? lang : null, null, null);
        }
        if (ClientFrame.MESSAGE.equals(type)) {
            if (id == null || !ID.matcher(id).matches()) {
                throw malformed("id must be 1-64 of A-Z a-z 0-9 _ -", null);
            }
            String text = text(node, "text");
            String payload = text(node, "payload");
            if (payload != null && !PAYLOAD.matcher(payload).matches()) {
                throw malformed("payload is not one of our button payloads", id);
            }
            if ((text == null || text.isBlank()) && payload == null) {
                throw malformed("a message needs text or a payload", id);
            }
            return new ClientFrame(type, null, null, id, text == null ? "" : text, payload, null);
        }
        if (ClientFrame.STATUS.equals(type)) {
            String status = text(node, "status");
            if (id == null || !("delivered".equals(status) || "read".equals(status))) {
                throw malformed("a status needs our message id and delivered or read", null);
            }
            return new ClientFrame(type, null, null, id, null, null, status);
        }
        if (ClientFrame.TYPING.equals(type)) {
            return new ClientFrame(type, null, null, null, null, null, null);
        }
        throw malformed("unknown frame type", null);
    }

    /**
     * @param visitor the visitor id the connection said hello with
     * @param kiosk   the kiosk id, or null
     * @param locale  the page's language, or null
     * @param bot     our address ({@code tawasul.webchat.bot-address})
     * @return the citizen message of a {@code message} frame
     */
    public InboundMessage inbound(String visitor, String kiosk, String locale, String bot, ClientFrame frame,
                                  Instant now) {
        Map<String, String> attributes = new HashMap<>();
        if (kiosk != null) {
            attributes.put(ATTR_KIOSK, kiosk);
        }
        if (locale != null) {
            attributes.put(ATTR_PAGE_LOCALE, locale);
        }
        return new InboundMessage(Channel.WEBCHAT, visitor + ":" + frame.id(), new Address(Channel.WEBCHAT, visitor),
                new Address(Channel.WEBCHAT, bot), InboundKind.TEXT, frame.text(), frame.payload(), now, null,
                attributes);
    }

    /** @return the receipt of a {@code status} frame: {@code DELIVERED} or {@code READ} of our message id */
    public DeliveryReceipt receipt(ClientFrame frame, Instant now) {
        DeliveryStatus status = "read".equals(frame.status()) ? DeliveryStatus.READ : DeliveryStatus.DELIVERED;
        return new DeliveryReceipt(Channel.WEBCHAT, frame.id(), status, null, null, now);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
    }

    private static FrameRefused malformed(String why, String id) {
        return new FrameRefused(FrameRefused.MALFORMED, why, id);
    }
}
