package gov.tawasul.channels.twilio;

import com.twilio.security.RequestValidator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks Twilio's {@code X-Twilio-Signature} header (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * base64(HMAC-SHA1(auth token, URL + every POST parameter's name and value, sorted by name)).
 * <ul>
 *   <li>The URL is the <b>public</b> one Twilio requested ({@link gov.tawasul.engine.PublicUrl#resolve}), never rebuilt from the Host header
 *       or the scheme the server sees behind a TLS-terminating proxy (field case F01).</li>
 *   <li>URLs with and without the port are both accepted (F02): the Twilio SDK's
 *       {@link RequestValidator#validate(String, java.util.Map, String)} does this.</li>
 *   <li>Repeated parameter names (F03): the SDK 13.0.1 only takes a {@code Map<String,String>} and has no list-based
 *       method, so for a body with a repeated name only, this class builds the signing string itself from the
 *       pair list (sorted by name, then value), computes HMAC-SHA1, and tries the same port variants as the SDK.
 *       Both the plain sorted list (twilio-python) and the list with identical pairs removed (twilio-node) are
 *       accepted. Every other request goes through the SDK.</li>
 *   <li>{@code application/json} bodies: Twilio signs the URL, which carries {@code bodySHA256=<hex SHA-256 of the
 *       body>}; {@link #isValidJson} checks both with the SDK's {@link RequestValidator#validate(String, String, String)}.</li>
 * </ul>
 */
public final class TwilioSignatureVerifier {

    private final String authToken;
    private final RequestValidator validator;

    /** @param authToken the account's primary Auth Token */
    public TwilioSignatureVerifier(String authToken) {
        this.authToken = authToken;
        this.validator = new RequestValidator(authToken);
    }

    /**
     * Checks a form-encoded POST.
     *
     * @param url       the public URL Twilio requested (see {@link gov.tawasul.engine.PublicUrl#resolve})
     * @param params    every received body parameter
     * @param signature the {@code X-Twilio-Signature} header, or null
     * @return false when the signature is missing or matches none of the accepted URL forms
     */
    public boolean isValid(String url, FormParams params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        if (!params.hasRepeatedNames()) {
            return validator.validate(url, params.asMap(), signature.strip());
        }
        return isValidWithRepeatedNames(url, params.pairs(), signature.strip());
    }

    /**
     * Checks an {@code application/json} POST: the signature over the URL (which must carry {@code bodySHA256})
     * and the SHA-256 of the body.
     *
     * @param body the raw body as UTF-8 text
     * @return false when {@code bodySHA256} is missing, or either check fails
     */
    public boolean isValidJson(String url, String body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        try {
            return validator.validate(url, body, signature.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean isValidWithRepeatedNames(String url, List<FormParams.Pair> pairs, String signature) {
        List<FormParams.Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(FormParams.Pair::name).thenComparing(FormParams.Pair::value));
        List<FormParams.Pair> distinct = new ArrayList<>(new LinkedHashSet<>(sorted));
        Set<String> urls = new LinkedHashSet<>(List.of(url, withPort(url), withoutPort(url)));
        byte[] expected = signature.getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urls) {
            for (List<FormParams.Pair> list : List.of(sorted, distinct)) {
                valid |= MessageDigest.isEqual(expected, sign(candidate, list).getBytes(StandardCharsets.UTF_8));
            }
        }
        return valid;
    }

    /** base64(HMAC-SHA1(token, url + name1 + value1 + …)) over the pairs in the order given. */
    String sign(String url, List<FormParams.Pair> orderedPairs) {
        StringBuilder data = new StringBuilder(url);
        for (FormParams.Pair p : orderedPairs) {
            data.append(p.name()).append(p.value());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** The URL with its scheme's default port added when it has none (as the Twilio SDK does). */
    private static String withPort(String url) {
        try {
            URI u = new URI(url);
            return u.getPort() != -1 ? url : withPort(u, "https".equals(u.getScheme()) ? 443 : 80);
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /** The URL with any port removed (as the Twilio SDK does). */
    private static String withoutPort(String url) {
        try {
            URI u = new URI(url);
            return u.getPort() == -1 ? url : withPort(u, -1);
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static String withPort(URI u, int port) throws URISyntaxException {
        return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), port, u.getPath(), u.getQuery(), u.getFragment())
                .toString();
    }
}
