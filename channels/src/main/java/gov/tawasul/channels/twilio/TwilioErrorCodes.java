package gov.tawasul.channels.twilio;

import java.util.Map;

/**
 * Short English reasons for the Twilio error codes a case-status bot meets most
 * (https://www.twilio.com/docs/api/errors). Unknown codes are kept as they came, with a pointer to the docs.
 */
public final class TwilioErrorCodes {

    /** Recipient unsubscribed (replied STOP): no message may be sent until they reply START. */
    public static final String OPTED_OUT = "21610";
    /** Too many requests (HTTP 429). */
    public static final String TOO_MANY_REQUESTS = "20429";
    /**
     * WhatsApp: free-form message outside the 24-hour customer-service window; only an approved template may be sent
     * (https://www.twilio.com/docs/api/errors/63016).
     */
    public static final String OUTSIDE_WHATSAPP_WINDOW = "63016";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry(OUTSIDE_WHATSAPP_WINDOW, "Outside WhatsApp's 24-hour window: only an approved template may be sent"),
            Map.entry("63003", "WhatsApp: the recipient's number is not on WhatsApp"),
            Map.entry("63007", "WhatsApp: no WhatsApp sender for the 'From' address"),
            Map.entry("63018", "WhatsApp: rate limit of the sender exceeded"),
            Map.entry("63024", "WhatsApp: invalid message recipient"),
            Map.entry("30003", "Unreachable destination handset"),
            Map.entry("30005", "Unknown destination handset"),
            Map.entry("30006", "Landline or unreachable carrier"),
            Map.entry("30007", "Message filtered by the carrier"),
            Map.entry("30008", "Unknown error from the carrier"),
            Map.entry(OPTED_OUT, "Recipient has opted out (replied STOP)"),
            Map.entry("21211", "Invalid 'To' phone number"),
            Map.entry("21612", "The 'To' number cannot be reached from the 'From' number"),
            Map.entry("21614", "'To' number is not a valid mobile number"),
            Map.entry(TOO_MANY_REQUESTS, "Too many requests"));

    private TwilioErrorCodes() {
    }

    /**
     * @param code the code as Twilio sent it, or null
     * @return a reason for a known code, {@code "Twilio error <code>: https://www.twilio.com/docs/api/errors/<code>"}
     *         for another, or null for no code
     */
    public static String reason(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String known = REASONS.get(code.strip());
        return known != null ? known : "Twilio error " + code.strip() + ": https://www.twilio.com/docs/api/errors/"
                + code.strip();
    }
}
