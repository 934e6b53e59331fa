package gov.tawasul.channels.common;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 as Meta ({@code X-Hub-Signature-256: sha256=<hex>}) and X ({@code sha256=<base64>}) sign webhooks:
 * always over the raw body bytes, compared in constant time. Meta:
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads; X:
 * https://docs.x.com/x-api/webhooks/introduction (challenge-response checks and signatures).
 */
public final class HmacSha256 {

    private HmacSha256() {
    }

    /** @return the raw HMAC-SHA256 of {@code data} under {@code secret} (UTF-8) */
    public static byte[] mac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** @return {@code "sha256=" + lower-case hex}, Meta's header value */
    public static String hexHeader(String secret, byte[] data) {
        return "sha256=" + HexFormat.of().formatHex(mac(secret, data));
    }

    /** @return {@code "sha256=" + base64}, X's header value and CRC response token */
    public static String base64Header(String secret, byte[] data) {
        return "sha256=" + Base64.getEncoder().encodeToString(mac(secret, data));
    }

    /**
     * Constant-time comparison of a received header value with the expected one.
     *
     * @return false when {@code received} is null or differs
     */
    public static boolean matches(String expected, String received) {
        return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.strip().getBytes(StandardCharsets.UTF_8));
    }
}
