package gov.tawasul.channels.twilio;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import jakarta.ws.rs.BadRequestException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Twilio's webhook parameters. Inbound messages
 * (https://www.twilio.com/docs/messaging/guides/webhook-request) to an {@link InboundMessage}:
 * {@code MessageSid} → provider message id, {@code From}/{@code To} (E.164) → addresses, {@code Body} → text,
 * {@code NumMedia > 0} with an empty body → {@link InboundKind#ATTACHMENT}, else {@link InboundKind#TEXT};
 * {@code OptOutType} (Advanced Opt-Out: {@code STOP}, {@code START}, {@code HELP}) is kept as an attribute.
 * Twilio gives no send time, so {@code sentAt} is the receive time.
 * <p>
 * Status callbacks (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status: {@code MessageSid},
 * {@code MessageStatus}, optional {@code ErrorCode}) become a {@link DeliveryReceipt} of the SMS or WhatsApp channel
 * ({@code whatsapp:} addresses; {@code read} is WhatsApp's read receipt); the error code is kept exactly as it came,
 * also when this class does not know it (field case F08; WhatsApp's 63016 "outside the 24-hour window").
 */
public final class TwilioWebhookParser {

    /** Attribute holding Twilio's {@code OptOutType}. */
    public static final String ATTR_OPT_OUT_TYPE = InboundMessage.ATTR_OPT_OUT_TYPE;
    /** Attribute holding the number of media ({@code NumMedia}) when above zero. */
    public static final String ATTR_NUM_MEDIA = "NumMedia";
    /** Attribute holding {@code MediaUrl0}, the first media item, when present. */
    public static final String ATTR_MEDIA_URL = "MediaUrl0";
    /** WhatsApp: attribute holding the citizen's WhatsApp profile name ({@code ProfileName}; personal data). */
    public static final String ATTR_PROFILE_NAME = "ProfileName";
    /** WhatsApp: attribute holding the citizen's WhatsApp id ({@code WaId}, the number without {@code +}). */
    public static final String ATTR_WA_ID = "WaId";
    /** WhatsApp: attribute holding {@code MessageType} ({@code text}, {@code image}, {@code location}, …). */
    public static final String ATTR_MESSAGE_TYPE = "MessageType";

    private TwilioWebhookParser() {
    }

    /**
     * @return true when the request is about WhatsApp: {@code From} or {@code To} is {@code whatsapp:+…} (an inbound
     *         message from a citizen, or a status callback of one of our WhatsApp messages)
     */
    public static boolean isWhatsApp(FormParams params) {
        return WhatsAppAddresses.isWhatsApp(params.first("From")) || WhatsAppAddresses.isWhatsApp(params.first("To"));
    }

    /** @return {@link Channel#WHATSAPP} for a {@code whatsapp:} request ({@link #isWhatsApp}), else {@link Channel#SMS} */
    public static Channel channelOf(FormParams params) {
        return isWhatsApp(params) ? Channel.WHATSAPP : Channel.SMS;
    }

    /**
     * An inbound SMS/MMS, or a WhatsApp message ({@link #isWhatsApp}): then under {@link Channel#WHATSAPP}, the
     * addresses without their {@code whatsapp:} prefix (E.164), {@code ProfileName} (the citizen's WhatsApp name:
     * personal data, kept as the sender name and attribute, never logged) and {@code WaId} kept as attributes, and an
     * image, a document or a location ({@code NumMedia > 0}, {@code Latitude}/{@code Longitude}) is
     * {@link InboundKind#ATTACHMENT} even with a caption (its {@code MessageType}, {@code location} when Twilio
     * gives none, is kept; the coordinates are not). Source: https://www.twilio.com/docs/whatsapp/api#receiving-messages
     * and https://www.twilio.com/docs/messaging/guides/webhook-request (WhatsApp parameters).
     *
     * @param receivedAt the receive time, used as {@code sentAt}
     * @throws BadRequestException (400) when {@code MessageSid}, {@code From} or {@code To} is missing or blank,
     *                             or {@code NumMedia} is not a number
     */
    public static InboundMessage toInbound(FormParams params, Instant receivedAt) {
        Channel channel = channelOf(params);
        boolean whatsApp = channel == Channel.WHATSAPP;
        String sid = required(params, "MessageSid");
        String from = WhatsAppAddresses.bare(required(params, "From"));
        String to = WhatsAppAddresses.bare(required(params, "To"));
        String body = params.first("Body") == null ? "" : params.first("Body");
        int numMedia = numMedia(params.first("NumMedia"));
        boolean location = whatsApp && params.nonBlank("Latitude") != null && params.nonBlank("Longitude") != null;
        InboundKind kind = (whatsApp ? numMedia > 0 || location : numMedia > 0 && body.isBlank())
                ? InboundKind.ATTACHMENT : InboundKind.TEXT;
        Map<String, String> attributes = new LinkedHashMap<>();
        String optOutType = params.nonBlank("OptOutType");
        if (optOutType != null) {
            attributes.put(ATTR_OPT_OUT_TYPE, optOutType);
        }
        if (numMedia > 0) {
            attributes.put(ATTR_NUM_MEDIA, Integer.toString(numMedia));
            String url = params.nonBlank("MediaUrl0");
            if (url != null) {
                attributes.put(ATTR_MEDIA_URL, url);
            }
        }
        String profileName = null;
        if (whatsApp) {
            profileName = params.nonBlank(ATTR_PROFILE_NAME) == null ? null : params.nonBlank(ATTR_PROFILE_NAME).strip();
            putIfPresent(attributes, ATTR_PROFILE_NAME, profileName);
            putIfPresent(attributes, ATTR_WA_ID, params.nonBlank(ATTR_WA_ID));
            String type = params.nonBlank(ATTR_MESSAGE_TYPE);
            putIfPresent(attributes, ATTR_MESSAGE_TYPE, type != null ? type.strip() : location ? "location" : null);
        }
        return new InboundMessage(channel, sid, new Address(channel, from), new Address(channel, to),
                kind, body, null, receivedAt, profileName, attributes);
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value.strip());
        }
    }

    /**
     * @param receivedAt the receive time, used as {@code occurredAt} ({@code RawDlrDoneDate} has no time zone)
     * @throws BadRequestException (400) when {@code MessageSid} or {@code MessageStatus} is missing, or the status
     *                             is not an outbound status ({@code queued}, {@code sending}, {@code sent},
     *                             {@code delivered}, {@code undelivered}, {@code failed}, {@code read},
     *                             {@code accepted}, {@code scheduled}, {@code canceled})
     */
    public static DeliveryReceipt toReceipt(FormParams params, Instant receivedAt) {
        String sid = required(params, "MessageSid");
        String statusName = required(params, "MessageStatus");
        DeliveryStatus status;
        try {
            status = DeliveryStatus.fromProvider(statusName);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown MessageStatus: " + statusName);
        }
        String code = params.nonBlank("ErrorCode");
        code = code == null ? null : code.strip();
        return new DeliveryReceipt(channelOf(params), sid, status, code, TwilioErrorCodes.reason(code), receivedAt);
    }

    /**
     * @return the status callback as a batch: its receipt and, for error 21610 (the recipient replied STOP), the
     *         recipient's opt-out (field case F09)
     * @throws BadRequestException as {@link #toReceipt}
     */
    public static InboundBatch toStatusBatch(FormParams params, Instant receivedAt) {
        DeliveryReceipt receipt = toReceipt(params, receivedAt);
        List<InboundBatch.RecipientOptOut> optOuts = TwilioErrorCodes.OPTED_OUT.equals(receipt.errorCode())
                && receipt.channel() == Channel.SMS
                ? List.of(new InboundBatch.RecipientOptOut(Channel.SMS, receipt.providerMessageId(),
                params.nonBlank("To") == null ? null : params.nonBlank("To").strip(),
                params.nonBlank("From") == null ? null : params.nonBlank("From").strip(),
                "STATUS_ERROR_" + TwilioErrorCodes.OPTED_OUT))
                : List.of();
        return new InboundBatch(List.of(), List.of(receipt), List.of(), optOuts);
    }

    static String required(FormParams params, String name) {
        String value = params.nonBlank(name);
        if (value == null) {
            throw new BadRequestException("Missing Twilio parameter " + name);
        }
        if (value.indexOf('\u0000') >= 0) {
            // no Twilio SID or address holds a NUL, and PostgreSQL cannot store one: a bad request, not a retry
            throw new BadRequestException("Twilio parameter " + name + " contains a NUL character");
        }
        return value.strip();
    }

    private static int numMedia(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("NumMedia is not a number: " + value);
        }
    }
}
