package gov.tawasul.bench.data;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs form-encoded webhooks as Twilio does ({@code X-Twilio-Signature}; see
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security): base64(HMAC-SHA1(auth token,
 * URL + every parameter name and URL-decoded value, sorted by name)). {@link gov.tawasul.bench.BenchMain} checks
 * at start that a signature made here passes the Twilio SDK's {@code com.twilio.security.RequestValidator}.
 * Thread-safe.
 */
public final class TwilioSignature {

    private final SecretKeySpec key;

    /** @param authToken the account's primary Auth Token */
    public TwilioSignature(String authToken) {
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    /**
     * @param url    the exact URL Twilio calls (scheme, host, port, path, query)
     * @param params the form parameters (decoded values); no repeated names
     * @return the header value, e.g. {@code RSOYDt4T1cUTdK1PDd93/VVr8B8=}
     */
    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
