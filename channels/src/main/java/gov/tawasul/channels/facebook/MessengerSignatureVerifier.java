package gov.tawasul.channels.facebook;

import gov.tawasul.channels.common.HmacSha256;

/**
 * Checks Meta's {@code X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256(app secret, raw body)>} over the
 * body bytes exactly as received, before any JSON parsing: Meta signs its escaped-unicode wire form, so a parsed and
 * re-serialised body never matches. Constant-time comparison.
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 */
public final class MessengerSignatureVerifier {

    /** Name of the header Meta sends. */
    public static final String HEADER = "X-Hub-Signature-256";

    private MessengerSignatureVerifier() {
    }

    /**
     * @param appSecret the app secret, or null when none is configured (then nothing verifies)
     * @param rawBody   the request body bytes as received
     * @param header    the {@code X-Hub-Signature-256} value, or null when missing
     * @return true only when the header is present and equals the expected signature
     */
    public static boolean verify(String appSecret, byte[] rawBody, String header) {
        if (appSecret == null || appSecret.isEmpty() || header == null || rawBody == null) {
            return false;
        }
        return HmacSha256.matches(HmacSha256.hexHeader(appSecret, rawBody), header);
    }
}
