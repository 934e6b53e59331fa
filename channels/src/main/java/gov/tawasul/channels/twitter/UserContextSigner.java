package gov.tawasul.channels.twitter;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.TimestampService;
import com.github.scribejava.core.services.TimestampServiceImpl;

import java.util.List;
import java.util.Map;

/**
 * OAuth 1.0a HMAC-SHA1 {@code Authorization} headers for X API v2 requests in the user context of the agency's
 * account (RFC 5849 §3.4; X's description:
 * https://docs.x.com/fundamentals/authentication/oauth-1-0a/authorizing-a-request and
 * https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature), made by ScribeJava's
 * {@link OAuth10aService#signRequest} (https://github.com/scribejava/scribejava/wiki/getting-started). Only signs:
 * the request itself is sent by the caller. Thread-safe.
 */
final class UserContextSigner {

    private final OAuth10aService service;
    private final OAuth1AccessToken token;

    /**
     * @param consumerKey       the app's API key
     * @param consumerSecret    the app's API key secret
     * @param accessToken       the account's access token
     * @param accessTokenSecret the account's access token secret
     */
    UserContextSigner(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
        this(consumerKey, consumerSecret, accessToken, accessTokenSecret, new TimestampServiceImpl());
    }

    /** As above with a given source of {@code oauth_timestamp} (epoch seconds) and {@code oauth_nonce} (tests). */
    UserContextSigner(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret,
                      TimestampService clock) {
        this.service = new ServiceBuilder(consumerKey).apiSecret(consumerSecret).build(new XOAuthApi(clock));
        this.token = new OAuth1AccessToken(accessToken, accessTokenSecret);
    }

    /**
     * @param verb   the HTTP method
     * @param url    scheme, host, (port,) path; no query string
     * @param params query parameters, not encoded, in the order they are sent
     * @return the {@code Authorization} header value: {@code OAuth oauth_consumer_key="…", oauth_nonce="…",
     *         oauth_signature="…", oauth_signature_method="HMAC-SHA1", oauth_timestamp="…", oauth_token="…",
     *         oauth_version="1.0"} (values percent-encoded; order not significant)
     */
    String authorization(Verb verb, String url, List<Map.Entry<String, String>> params) {
        OAuthRequest request = new OAuthRequest(verb, url);
        params.forEach(p -> request.addQuerystringParameter(p.getKey(), p.getValue()));
        service.signRequest(token, request);
        return request.getHeaders().get("Authorization");
    }

    /**
     * X's OAuth 1.0a endpoints (request token, access token, authorize), needed by
     * ScribeJava's service but never called: the bot already holds the account's access token.
     */
    private static final class XOAuthApi extends DefaultApi10a {
        private final TimestampService clock;

        XOAuthApi(TimestampService clock) {
            this.clock = clock;
        }

        @Override
        public String getRequestTokenEndpoint() {
            return "https://api.x.com/oauth/request_token";
        }

        @Override
        public String getAccessTokenEndpoint() {
            return "https://api.x.com/oauth/access_token";
        }

        @Override
        protected String getAuthorizationBaseUrl() {
            return "https://api.x.com/oauth/authorize";
        }

        @Override
        public TimestampService getTimestampService() {
            return clock;
        }
    }
}
