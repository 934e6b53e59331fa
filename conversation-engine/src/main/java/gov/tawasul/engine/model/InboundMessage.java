package gov.tawasul.engine.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message received on a channel, normalised by the channel adapter.
 *
 * @param channel           channel it came on
 * @param providerMessageId the provider's id, unique per channel (Twilio {@code MessageSid}, Messenger {@code mid}
 *                          or a synthetic key for postbacks, X event id); the deduplication key
 * @param from              the sender (for {@link InboundKind#ECHO}: our own account)
 * @param to                the recipient (for {@link InboundKind#ECHO}: the citizen)
 * @param kind              what it carries
 * @param text              the text as received (not yet normalised), may be empty, never null
 * @param payload           postback or quick-reply payload, or null
 * @param sentAt            provider timestamp of the message, or the receive time when the provider gives none
 * @param senderName        display name or screen name for staff, or null
 * @param attributes        extra provider fields worth keeping (e.g. Twilio {@code OptOutType}); never null
 */
public record InboundMessage(Channel channel, String providerMessageId, Address from, Address to,
                             InboundKind kind, String text, String payload, Instant sentAt,
                             String senderName, Map<String, String> attributes) {

    /**
     * Attribute carrying an opt-out decision the provider already made ({@code STOP}, {@code START}, {@code HELP};
     * Twilio's {@code OptOutType} of Advanced Opt-Out, https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out).
     */
    public static final String ATTR_OPT_OUT_TYPE = "OptOutType";

    /**
     * Attribute set by a channel on a message that is stored (visible to staff) but must never be answered by the
     * bot, whatever it says; its value is the reason, stored as the message's {@code intent} when it is marked
     * {@code IGNORED} (e-mail: {@code AUTO_SUBMITTED}, {@code MAILING_LIST}, {@code BOUNCE}, … — loops and relays).
     */
    public static final String ATTR_NO_REPLY = "NoReply";

    /**
     * Attribute set by a channel whose page declares the language it is shown in ({@code ar} or {@code en}; the web
     * chat: the widget's {@code data-lang}, {@code /chat?lang=}): the reply language when the text itself has no
     * letters to decide by ({@link gov.tawasul.engine.reply.LocaleResolver}).
     */
    public static final String ATTR_PAGE_LOCALE = "pageLocale";

    /**
     * Attribute of an {@link InboundKind#ECHO} whose provider handed back the id we gave the message when we sent it
     * (Messenger: the Send API's {@code metadata}, {@code tawasul:out:<outbound id>}): the decimal
     * {@code outbound_message.id} it is the echo of. The echo then stores its provider id on that row (a send whose
     * answer was lost to a crash is settled by it).
     */
    public static final String ATTR_OUR_OUTBOUND_ID = "ourOutboundId";

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentAt, "sentAt");
        if (providerMessageId == null || providerMessageId.isBlank()) {
            throw new IllegalArgumentException("providerMessageId must not be blank");
        }
        text = text == null ? "" : withoutNul(text);
        senderName = senderName == null ? null : withoutNul(senderName);
        attributes = attributes == null ? Map.of() : withoutNul(attributes);
    }

    /**
     * A citizen's free text may carry U+0000 (a {@code %00} in a form body, the JSON escape of U+0000), which PostgreSQL
     * cannot store in a text column: it is dropped, so that the message is stored and answered instead of failing on
     * every provider retry.
     */
    private static String withoutNul(String value) {
        return value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
    }

    private static Map<String, String> withoutNul(Map<String, String> attributes) {
        Map<String, String> clean = new java.util.LinkedHashMap<>();
        attributes.forEach((k, v) -> clean.put(withoutNul(k), v == null ? null : withoutNul(v)));
        return Map.copyOf(clean);
    }

    /** The citizen's address: the sender, or for an echo the recipient. */
    public Address citizen() {
        return kind == InboundKind.ECHO ? to : from;
    }

    /** Our own address: the recipient, or for an echo the sender. */
    public Address bot() {
        return kind == InboundKind.ECHO ? from : to;
    }
}
