package gov.tawasul.channels.facebook;

import com.restfb.DefaultFacebookClient;
import com.restfb.DefaultJsonMapper;
import com.restfb.DefaultWebRequestor;
import com.restfb.FacebookClient;
import com.restfb.FacebookEndpoints;
import com.restfb.Version;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

/**
 * Builds RestFB clients that call {@code <graph-url>/<api-version>/…}. RestFB's {@link Version} enum only knows the
 * versions of its release, so the client is {@link Version#UNVERSIONED} and the configured version is part of the
 * Graph endpoint given through {@link DefaultFacebookClient#setFacebookEndpointUrls(FacebookEndpoints)}. The token
 * goes in the {@code Authorization: Bearer} header (not the URL), with {@code appsecret_proof} when an app secret is
 * configured. Blocking client: use on worker threads only.
 */
final class GraphClients {

    private final String graphEndpoint;
    private final String token;
    private final String appSecret;
    private final int timeoutMs;

    GraphClients(String graphUrl, String apiVersion, String token, String appSecret, Duration timeout) {
        String root = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
        this.graphEndpoint = apiVersion == null || apiVersion.isBlank() ? root : root + "/" + apiVersion.strip();
        this.token = token;
        this.appSecret = appSecret;
        this.timeoutMs = (int) timeout.toMillis();
    }

    /** @return the Graph endpoint with version, e.g. {@code https://graph.facebook.com/v21.0} */
    String graphEndpoint() {
        return graphEndpoint;
    }

    /** @return a new client (RestFB clients keep per-request state; one per call is cheap) */
    FacebookClient create() {
        DefaultWebRequestor requestor = new DefaultWebRequestor() {
            @Override
            protected HttpURLConnection openConnection(URL url) throws IOException {
                HttpURLConnection c = super.openConnection(url);
                customizeConnection(c);
                return c;
            }

            @Override
            protected void customizeConnection(HttpURLConnection c) {
                c.setConnectTimeout(timeoutMs);
                c.setReadTimeout(timeoutMs);
            }
        };
        DefaultFacebookClient client = appSecret == null
                ? new DefaultFacebookClient(token, requestor, new DefaultJsonMapper(), Version.UNVERSIONED)
                : new DefaultFacebookClient(token, appSecret, requestor, new DefaultJsonMapper(), Version.UNVERSIONED);
        client.setHeaderAuthorization(true);
        String endpoint = graphEndpoint;
        client.setFacebookEndpointUrls(new FacebookEndpoints() {
            @Override
            public String getGraphEndpoint() {
                return endpoint;
            }

            @Override
            public String getGraphVideoEndpoint() {
                return endpoint;
            }
        });
        return client;
    }
}
