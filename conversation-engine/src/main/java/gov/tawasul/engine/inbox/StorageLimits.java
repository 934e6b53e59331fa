package gov.tawasul.engine.inbox;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;

/**
 * The widths of the columns a batch is stored in (migration V1): provider message ids {@code varchar(256)},
 * addresses {@code varchar(128)}, error codes {@code varchar(32)}, the citizen's display name {@code varchar(256)}.
 * No provider sends values that long (a Twilio SID has 34 characters, an E.164 number at most 16, a Messenger
 * {@code mid} about 100, an X id 19 digits, a Twilio error code 5 digits), so an item over a width is a bad
 * request, not data to cut: it is refused before any statement, which would otherwise fail the whole delivery with
 * PostgreSQL's 22001 on every retry. So is an id or address holding a NUL character (no provider sends one;
 * PostgreSQL refuses it with 22021). A display name over its width is cut instead (it is only shown to staff), and
 * so is a text over {@value #TEXT} characters ({@code text} columns have no width, but no channel sends that much:
 * Messenger at most 2,000, an X DM 10,000, an SMS 1,600; a review stored a signed 300,000-character Messenger text
 * whole and answered it).
 */
final class StorageLimits {

    /** {@code inbound_message.provider_message_id}, {@code delivery_receipt.provider_message_id}. */
    static final int PROVIDER_ID = 256;
    /** {@code conversation.citizen_address}, {@code bot_address}, {@code outbound_message.recipient}. */
    static final int ADDRESS = 128;
    /** {@code delivery_receipt.error_code}, {@code outbound_message.error_code}. */
    static final int ERROR_CODE = 32;
    /** {@code conversation.citizen_name}. */
    static final int NAME = 256;
    /** Longest message text kept ({@code inbound_message.text}); the rest is cut. */
    static final int TEXT = 20_000;

    private StorageLimits() {
    }

    /** @return why {@code m} cannot be stored, or null when it fits */
    static String problem(InboundMessage m) {
        String id = unstorable("provider message id", m.providerMessageId(), PROVIDER_ID);
        return id != null ? id : unstorable(m.from(), m.to());
    }

    /** @return why {@code r} cannot be stored, or null when it fits */
    static String problem(DeliveryReceipt r) {
        String id = unstorable("provider message id", r.providerMessageId(), PROVIDER_ID);
        return id != null ? id : unstorable("error code", r.errorCode(), ERROR_CODE);
    }

    /** @return why {@code w} cannot be stored, or null when it fits */
    static String problem(WatermarkReceipt w) {
        String id = unstorable("provider message id", w.upToProviderMessageId(), PROVIDER_ID);
        return id != null ? id : unstorable(w.citizen(), null);
    }

    /** @return why {@code o} cannot be stored, or null when it fits */
    static String problem(InboundBatch.RecipientOptOut o) {
        String id = unstorable("provider message id", o.providerMessageId(), PROVIDER_ID);
        if (id != null) {
            return id;
        }
        String citizen = unstorable("address", o.citizen(), ADDRESS);
        return citizen != null ? citizen : unstorable("address", o.bot(), ADDRESS);
    }

    /**
     * @return {@code m} with its display name cut to {@link #NAME} characters and its text to {@link #TEXT} (whole
     *         code points)
     */
    static InboundMessage fitted(InboundMessage m) {
        String name = cut(m.senderName(), NAME);
        String text = cut(m.text(), TEXT);
        if (name == m.senderName() && text == m.text()) {
            return m;
        }
        return new InboundMessage(m.channel(), m.providerMessageId(), m.from(), m.to(), m.kind(), text,
                m.payload(), m.sentAt(), name, m.attributes());
    }

    /** @return {@code value} itself when it fits, else its first {@code width} characters without a split pair */
    private static String cut(String value, int width) {
        if (value == null || value.length() <= width) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(width - 1)) ? width - 1 : width;
        return value.substring(0, end);
    }

    private static String unstorable(Address a, Address b) {
        String first = a == null ? null : unstorable("address", a.value(), ADDRESS);
        return first != null ? first : b == null ? null : unstorable("address", b.value(), ADDRESS);
    }

    /** @return why {@code value} cannot be stored in a column of {@code width}, or null when it can */
    private static String unstorable(String what, String value, int width) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            return what + " contains a NUL character"; // PostgreSQL cannot store one in text: 22021 on every retry
        }
        return value != null && value.length() > width
                ? what + " of " + value.length() + " characters (at most " + width + ")" : null;
    }
}
