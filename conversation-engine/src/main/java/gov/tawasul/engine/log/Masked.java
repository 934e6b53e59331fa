package gov.tawasul.engine.log;

import gov.tawasul.engine.model.Address;

/**
 * What may be written about a citizen in a log line at INFO and above, and shown to agents: phone numbers keep their
 * country and first digit and their last four ({@code +966500000001} → {@code +9665••••0001}), e-mail addresses
 * their first letter and domain ({@code s•••@example.com}), Messenger PSIDs, X ids and web-chat visitor ids only
 * their last four ({@code ••••0001}); a message text only its length ({@code [12 chars]}). The one place this masking
 * is defined (the console's {@code AddressMask} uses it).
 */
public final class Masked {

    private static final String DOTS = "••••";

    private Masked() {
    }

    /** @return {@code address} masked (its channel prefix kept, e.g. {@code sms:+9665••••0001}) */
    public static String address(Address address) {
        return address == null ? "" : address.channel().wireName() + ":" + address(address.value());
    }

    /** @return {@code value} masked as the class describes ("" for null or empty) */
    public static String address(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int at = value.lastIndexOf('@');
        if (at > 0) {
            return value.charAt(0) + "•••" + value.substring(at);
        }
        String scheme = "";
        String rest = value;
        int colon = value.indexOf(':');
        if (colon > 0 && colon < value.length() - 1) {
            scheme = value.substring(0, colon + 1);
            rest = value.substring(colon + 1);
        }
        if (rest.startsWith("+") && rest.length() > 9) {
            return scheme + rest.substring(0, 5) + DOTS + rest.substring(rest.length() - 4);
        }
        return scheme + DOTS + (rest.length() > 4 ? rest.substring(rest.length() - 4) : "");
    }

    /** @return {@code [n chars]} for a message text ({@code [0 chars]} for null) */
    public static String text(String text) {
        return "[" + (text == null ? 0 : text.codePointCount(0, text.length())) + " chars]";
    }
}
