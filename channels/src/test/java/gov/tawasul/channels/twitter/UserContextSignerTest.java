package gov.tawasul.channels.twitter;

import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.services.TimestampService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-context signer (ScribeJava) against X's documented example, a vector worked out independently (RFC 3986
 * encoding of reserved and non-ASCII characters) and twitter4j's own signer on the dm_events request.
 */
class UserContextSignerTest {

    private static final List<Map.Entry<String, String>> PARAMS = List.of(
            Map.entry("include_entities", "true"),
            Map.entry("status", "Hello Ladies + Gentlemen, a signed OAuth request!"));

    /** A fixed nonce and timestamp (epoch seconds), as in the documented examples. */
    private static TimestampService fixed(String nonce, long timestamp) {
        return new TimestampService() {
            @Override
            public String getTimestampInSeconds() {
                return Long.toString(timestamp);
            }

            @Override
            public String getNonce() {
                return nonce;
            }
        };
    }

    private static UserContextSigner documentedSigner() {
        return new UserContextSigner("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
                fixed("kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958L));
    }

    /** @return the header's parameters, decoded */
    private static Map<String, String> parameters(String header) {
        assertThat(header).startsWith("OAuth ");
        Matcher m = Pattern.compile("([a-z_]+)=\"([^\"]*)\"").matcher(header);
        Map<String, String> out = new HashMap<>();
        while (m.find()) {
            out.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature (the signature is over the
     * parameter set, so the example's form parameter is passed as a query parameter here).
     */
    @Test
    void documentedSignatureExample() {
        String header = documentedSigner().authorization(Verb.POST,
                "https://api.twitter.com/1.1/statuses/update.json", PARAMS);
        assertThat(parameters(header).get("oauth_signature")).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
        assertThat(header).contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"");
    }

    /** https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request: every oauth_* parameter. */
    @Test
    void headerHasEveryOauthParameter() {
        String header = documentedSigner().authorization(Verb.POST,
                "https://api.twitter.com/1.1/statuses/update.json", PARAMS);
        assertThat(parameters(header)).isEqualTo(Map.of(
                "oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog",
                "oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
                "oauth_signature", "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
                "oauth_signature_method", "HMAC-SHA1",
                "oauth_timestamp", "1318622958",
                "oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                "oauth_version", "1.0"));
    }

    /**
     * Comma, space, plus, tilde, asterisk and a non-ASCII letter in a value, and reserved characters in both
     * secrets: RFC 3986 encoding of UTF-8 bytes (space {@code %20}, {@code ~} kept, {@code *} {@code %2A}). The
     * expected value is HMAC-SHA1 over the base string written out by hand.
     */
    @Test
    void percentEncodingIsRfc3986() {
        UserContextSigner signer = new UserContextSigner("ck", "cs/+", "123-at", "ats=", fixed("nonce123", 1700000000L));
        String header = signer.authorization(Verb.GET, "https://api.x.com/2/dm_events",
                List.of(Map.entry("dm_event.fields", "created_at,sender_id"), Map.entry("q", "a b+c~d*é")));
        assertThat(parameters(header).get("oauth_signature")).isEqualTo("0OvQ0VljXsUZ/D1qr2a14PUuxw8=");
    }

    /** The dm_events request as the poller sends it, signed by twitter4j 4.1.2's (package-private) signer too. */
    @Test
    void agreesWithTwitter4jOnTheDmEventsRequest() throws Exception {
        String url = "https://api.twitter.com/2/dm_events";
        List<Map.Entry<String, String>> params = List.of(Map.entry("dm_event.fields", DmEventsClient.FIELDS),
                Map.entry("event_types", "MessageCreate"), Map.entry("expansions", "sender_id"),
                Map.entry("max_results", "100"), Map.entry("pagination_token", "18LAA581J5II7LA00C00ZZZZ"));
        String ours = new UserContextSigner("ck", "cs/+", "123-at", "ats=", fixed("nonce123", 1700000000L))
                .authorization(Verb.GET, url, params);

        Class<?> paramType = Class.forName("twitter4j.HttpParameter");
        Constructor<?> newParam = paramType.getConstructor(String.class, String.class);
        newParam.setAccessible(true);
        Object array = Array.newInstance(paramType, params.size());
        for (int i = 0; i < params.size(); i++) {
            Array.set(array, i, newParam.newInstance(params.get(i).getKey(), params.get(i).getValue()));
        }
        Class<?> tokenType = Class.forName("twitter4j.OAuthToken");
        Constructor<?> newToken = Class.forName("twitter4j.AccessToken").getDeclaredConstructor(String.class, String.class);
        newToken.setAccessible(true);
        Object token = newToken.newInstance("123-at", "ats=");
        Object auth = twitter4j.OAuthAuthorization.getInstance("ck", "cs/+");
        Method generate = twitter4j.OAuthAuthorization.class.getDeclaredMethod("generateAuthorizationHeader",
                String.class, String.class, array.getClass(), String.class, String.class, tokenType);
        generate.setAccessible(true);
        String theirs = (String) generate.invoke(auth, "GET", url, array, "nonce123", "1700000000", token);

        assertThat(parameters(ours).get("oauth_signature")).isNotBlank()
                .isEqualTo(parameters(theirs).get("oauth_signature"));
    }
}
