package gov.tawasul.channels.facebook;

/**
 * Graph API response bodies in Meta's wire format (https://developers.facebook.com/docs/graph-api/guides/error-handling,
 * https://developers.facebook.com/docs/messenger-platform/error-codes), with fake ids and fbtrace ids.
 */
public final class GraphApiBodies {

    private GraphApiBodies() {
    }

    /** Send API success: {@code {"recipient_id","message_id"}}. */
    public static String accepted(String psid, String mid) {
        return "{\"recipient_id\":\"" + psid + "\",\"message_id\":\"" + mid + "\"}";
    }

    /** A Graph error body. */
    public static String error(String message, int code, Integer subcode, Boolean transientFlag) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\","
                + (transientFlag == null ? "" : "\"is_transient\":" + transientFlag + ",")
                + "\"code\":" + code + (subcode == null ? "" : ",\"error_subcode\":" + subcode)
                + ",\"fbtrace_id\":\"AFakeTraceId0001\"}}";
    }

    public static final String RATE_LIMIT_4 = error("(#4) Application request limit reached", 4, null, true);
    public static final String RATE_LIMIT_32 = error("(#32) Page request limit reached", 32, null, true);
    public static final String RATE_LIMIT_613 = error("(#613) Calls to this api have exceeded the rate limit.", 613, null, true);
    public static final String UNKNOWN_1 = error("An unknown error has occurred.", 1, null, false);
    public static final String SERVICE_2 = error("An unexpected error has occurred. Please retry your request later.", 2, null, true);
    public static final String TEMPORARY_1200 = error("(#1200) Temporary send message failure. Please try again later", 1200, null, null);
    public static final String UNAVAILABLE_551 = error("(#551) This person isn't available right now.", 551, 1545041, null);
    public static final String OUTSIDE_WINDOW_10 = error("(#10) This message is sent outside of allowed window. Learn more "
            + "about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
            10, 2018278, null);
    public static final String NO_USER_100 = error("(#100) No matching user found", 100, 2018001, null);
    public static final String TOKEN_190 = error("Error validating access token: Session has expired on Friday, "
            + "01-Mar-24 09:00:00 PST. The current time is Friday, 01-Mar-24 10:00:00 PST.", 190, 463, null);
}
