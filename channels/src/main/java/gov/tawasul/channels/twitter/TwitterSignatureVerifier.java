package gov.tawasul.channels.twitter;

import gov.tawasul.channels.common.HmacSha256;

import java.nio.charset.StandardCharsets;

/**
 * X webhook security (https://docs.x.com/x-api/webhooks/introduction, "Challenge-Response Checks" and
 * "Signature header validation"): the CRC answer and the {@code x-twitter-webhooks-signature} check, both
 * {@code "sha256=" + base64(HMAC-SHA256(key = consumer secret, message))}.
 */
public final class TwitterSignatureVerifier {

    /** Header X signs every webhook delivery with. */
    public static final String HEADER = "x-twitter-webhooks-signature";

    private TwitterSignatureVerifier() {
    }

    /**
     * @param consumerSecret the app's API key secret
     * @param crcToken       the {@code crc_token} query parameter, as received
     * @return the {@code response_token} value, e.g. {@code sha256=bAoXvsNHyeZH/1kfV/v0AwnxwpDGBUZZ5x5gtmy0zzU=}
     */
    public static String crcResponseToken(String consumerSecret, String crcToken) {
        return HmacSha256.base64Header(consumerSecret, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a delivery's signature over the raw body bytes, in constant time.
     *
     * @return false when the header is missing or does not match
     */
    public static boolean isValid(String consumerSecret, byte[] rawBody, String header) {
        return header != null && HmacSha256.matches(HmacSha256.base64Header(consumerSecret, rawBody), header);
    }
}
