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

    private static final Map<String, String> REASONS = Map.of(
            "30003", "Unreachable destination handset",
            "30005", "Unknown destination handset",
            "30006", "Landline or unreachable carrier",
            "30007", "Message filtered by the carrier",
            "30008", "Unknown error from the carrier",
            OPTED_OUT, "Recipient has opted out (replied STOP)",
            "21211", "Invalid 'To' phone number",
            "21612", "The 'To' number cannot be reached from the 'From' number",
            "21614", "'To' number is not a valid mobile number",
            TOO_MANY_REQUESTS, "Too many requests");

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
