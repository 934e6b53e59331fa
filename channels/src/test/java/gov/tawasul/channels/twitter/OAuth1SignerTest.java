package gov.tawasul.channels.twitter;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth 1.0a signer against X's documented example and against twitter4j's own signer. */
class OAuth1SignerTest {

    private static final List<Map.Entry<String, String>> PARAMS = List.of(
            Map.entry("include_entities", "true"),
            Map.entry("status", "Hello Ladies + Gentlemen, a signed OAuth request!"));

    /** https://developer.x.com/en/docs/authentication/oauth-1-0a/creating-a-signature (api.twitter.com era). */
    @Test
    void documentedSignatureExample() {
        var all = new java.util.ArrayList<>(PARAMS);
        all.addAll(List.of(Map.entry("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
                Map.entry("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "1318622958"),
                Map.entry("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
                Map.entry("oauth_version", "1.0")));
        assertThat(OAuth1Signer.signature("POST", "https://api.twitter.com/1.1/statuses/update.json", all,
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"))
                .isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    }

    @Test
    void headerHasEveryOauthParameterEncoded() {
        OAuth1Signer signer = new OAuth1Signer("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
        String header = signer.authorization("POST", "https://api.twitter.com/1.1/statuses/update.json", PARAMS,
                "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958L);
        assertThat(header).isEqualTo("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "
                + "oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
                + "oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\", oauth_signature_method=\"HMAC-SHA1\", "
                + "oauth_timestamp=\"1318622958\", "
                + "oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", oauth_version=\"1.0\"");
    }

    @Test
    void percentEncodingIsRfc3986() {
        assertThat(OAuth1Signer.encode("created_at,sender_id")).isEqualTo("created_at%2Csender_id");
        assertThat(OAuth1Signer.encode("a b+c~d*é")).isEqualTo("a%20b%2Bc~d%2A%C3%A9");
    }

    /** Same dm_events request signed by twitter4j 4.1.2's (package-private) OAuth signer. */
    @Test
    void agreesWithTwitter4jOnTheDmEventsRequest() throws Exception {
        String url = "https://api.twitter.com/2/dm_events";
        List<Map.Entry<String, String>> params = List.of(Map.entry("dm_event.fields", DmEventsClient.FIELDS),
                Map.entry("event_types", "MessageCreate"), Map.entry("expansions", "sender_id"),
                Map.entry("max_results", "100"), Map.entry("pagination_token", "18LAA581J5II7LA00C00ZZZZ"));
        OAuth1Signer ours = new OAuth1Signer("ck", "cs/+", "123-at", "ats=");
        String header = ours.authorization("GET", url, params, "nonce123", 1700000000L);

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
        assertThat(signatureOf(header)).isEqualTo(signatureOf(theirs));
    }

    private static String signatureOf(String header) {
        var m = java.util.regex.Pattern.compile("oauth_signature=\"([^\"]+)\"").matcher(header);
        assertThat(m.find()).as(header).isTrue();
        return m.group(1);
    }
}
