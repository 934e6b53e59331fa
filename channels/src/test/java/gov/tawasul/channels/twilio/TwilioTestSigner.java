package gov.tawasul.channels.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs a form body as Twilio does, written independently of the production verifier (its own parsing and
 * HMAC): sort the decoded pairs by name then value, append name+value to the URL, HMAC-SHA1, base64.
 * {@link TwilioWebhookTest} checks it against a fixture's recorded signature before relying on it.
 */
public final class TwilioTestSigner {

    private TwilioTestSigner() {
    }

    public static String sign(String token, String url, String formBody) {
        List<String[]> pairs = new ArrayList<>();
        for (String part : formBody.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            pairs.add(new String[]{URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        pairs.forEach(p -> data.append(p[0]).append(p[1]));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
