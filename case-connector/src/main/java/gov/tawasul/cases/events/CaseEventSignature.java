package gov.tawasul.cases.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code X-Tawasul-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>} of a pushed
 * case event. Any of the configured secrets may have signed it (rotation); the header may carry several
 * {@code v1} values (one per secret during a rotation). Signatures are compared in constant time
 * ({@link MessageDigest#isEqual}); a {@code t} further than the tolerance from now, either way, is refused (replay).
 * Pure: no I/O.
 */
public final class CaseEventSignature {

    /** The header name. */
    public static final String HEADER = "X-Tawasul-Signature";

    /** What the check found. */
    public enum Verdict {
        /** Signed by one of the secrets, within the window. */
        VALID,
        /** No header, or not of the form {@code t=…,v1=…}. */
        MISSING,
        /** Well-formed but signed by none of the secrets. */
        INVALID,
        /** Signed, but {@code t} is outside the window (old, or in the future). */
        STALE
    }

    private CaseEventSignature() {
    }

    /**
     * @param secrets   the valid secrets (UTF-8 keys); none → never {@link Verdict#VALID}
     * @param header    the header's value, or null
     * @param body      the raw body bytes as received
     * @param now       our clock
     * @param tolerance the replay window, either way
     */
    public static Verdict verify(List<String> secrets, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        String t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                return Verdict.MISSING;
            }
            if (kv[0].equals("t")) {
                t = kv[1].strip();
            } else if (kv[0].equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(kv[1].strip().toLowerCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return Verdict.MISSING;
                }
            }
        }
        long seconds;
        try {
            seconds = t == null ? -1 : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Verdict.MISSING;
        }
        if (seconds < 0 || signatures.isEmpty()) {
            return Verdict.MISSING;
        }
        boolean signed = false;
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) {
                continue;
            }
            byte[] expected = sign(secret, t, body);
            for (byte[] given : signatures) {
                // no early exit: every comparison is made
                signed |= MessageDigest.isEqual(expected, given);
            }
        }
        if (!signed) {
            return Verdict.INVALID;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        return skew.compareTo(tolerance) > 0 ? Verdict.STALE : Verdict.VALID;
    }

    /** @return HMAC-SHA256(secret, "<t>.<body>") */
    public static byte[] sign(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** @return the header value for {@code body} signed with {@code secret} at {@code t} (tests, the README) */
    public static String header(String secret, long t, byte[] body) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(sign(secret, Long.toString(t), body));
    }
}
