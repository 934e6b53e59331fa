package gov.tawasul.channels.twitter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OAuth 1.0a HMAC-SHA1 request signing, user context (RFC 5849 §3.4; X's walk-through:
 * https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature). Used for the X API v2 reads
 * in poll mode, which twitter4j does not cover (its signer takes package-private request types). Thread-safe.
 */
final class OAuth1Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String consumerKey;
    private final String consumerSecret;
    private final String token;
    private final String tokenSecret;

    OAuth1Signer(String consumerKey, String consumerSecret, String token, String tokenSecret) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.token = token;
        this.tokenSecret = tokenSecret;
    }

    /**
     * @param method  HTTP method, e.g. {@code GET}
     * @param baseUrl scheme, host, path; no query string
     * @param params  query (and form) parameters, decoded
     * @return the {@code Authorization} header value, with a fresh nonce and the current time
     */
    String authorization(String method, String baseUrl, List<Map.Entry<String, String>> params) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return authorization(method, baseUrl, params, HexFormat.of().formatHex(nonce),
                System.currentTimeMillis() / 1000);
    }

    /** As {@link #authorization(String, String, List)} with a given nonce and timestamp (epoch seconds). */
    String authorization(String method, String baseUrl, List<Map.Entry<String, String>> params, String nonce,
                         long timestamp) {
        List<Map.Entry<String, String>> oauth = new ArrayList<>(List.of(
                Map.entry("oauth_consumer_key", consumerKey),
                Map.entry("oauth_nonce", nonce),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", Long.toString(timestamp)),
                Map.entry("oauth_token", token),
                Map.entry("oauth_version", "1.0")));
        List<Map.Entry<String, String>> all = new ArrayList<>(params);
        all.addAll(oauth);
        oauth.add(Map.entry("oauth_signature", signature(method, baseUrl, all, consumerSecret, tokenSecret)));
        return "OAuth " + oauth.stream().sorted(Map.Entry.comparingByKey())
                .map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    /**
     * @param params every request parameter including the {@code oauth_*} ones (without {@code oauth_signature})
     * @return the base64 HMAC-SHA1 of the signature base string under {@code consumerSecret&tokenSecret}
     */
    static String signature(String method, String baseUrl, List<Map.Entry<String, String>> params,
                            String consumerSecret, String tokenSecret) {
        String parameterString = params.stream()
                .map(e -> Map.entry(encode(e.getKey()), encode(e.getValue())))
                .sorted(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                        .thenComparing(Map.Entry::getValue))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        String base = method.toUpperCase(java.util.Locale.ROOT) + "&" + encode(baseUrl) + "&" + encode(parameterString);
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes: everything but {@code A-Z a-z 0-9 - . _ ~}, upper-case hex. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
