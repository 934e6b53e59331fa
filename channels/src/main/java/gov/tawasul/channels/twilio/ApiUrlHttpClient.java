package gov.tawasul.channels.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * The Twilio SDK's HTTP client, sending every request to {@code tawasul.twilio.api-url} instead of the
 * {@code https://api.twilio.com} URL the SDK builds itself: the scheme, host and port of each request are replaced
 * by the configured root (a path of the root is kept as a prefix); path, query, body, headers and authentication
 * stay as the SDK made them. No static {@code Twilio.init} is involved: the client is given to one
 * {@code TwilioRestClient.Builder}.
 * <p>
 * Hidden retries are switched off: the SDK's own retry of 5xx answers (3 tries, 100 ms apart) and Apache
 * HttpClient's automatic retry of 429/503 answers and I/O errors (which would repeat a POST that Twilio may have
 * taken). Each call is one HTTP request; the engine retries classified failures with exponential backoff.
 */
final class ApiUrlHttpClient extends NetworkHttpClient {

    private final String apiRoot;

    /**
     * @param apiUrl         the API root, e.g. {@code https://api.twilio.com} or {@code http://localhost:8089}
     * @param maxConnections connections kept open to it (one host: also the per-route limit)
     */
    ApiUrlHttpClient(String apiUrl, int maxConnections) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections)
                        .build())
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries());
        URI root = URI.create(apiUrl.strip());
        if (root.getScheme() == null || root.getHost() == null) {
            throw new IllegalArgumentException("tawasul.twilio.api-url is not an absolute URL: " + apiUrl);
        }
        this.apiRoot = apiUrl.strip().endsWith("/") ? apiUrl.strip().substring(0, apiUrl.strip().length() - 1)
                : apiUrl.strip();
    }

    /** One attempt only; see the class comment. */
    @Override
    public Response reliableRequest(Request request) {
        return reliableRequest(request, new int[0], 1, 0L);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rebased(request));
    }

    /** @return {@code url} with its scheme, authority replaced by the API root */
    URL rebase(URL url) {
        try {
            return URI.create(apiRoot + url.getFile()).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot rebase " + url + " on " + apiRoot, e);
        }
    }

    /** A copy of the SDK's request whose URL is rebased on the API root. */
    private Request rebased(Request original) {
        Request copy = new Request(original.getMethod(), original.getUrl()) {
            @Override
            public URL constructURL() {
                return rebase(original.constructURL());
            }
        };
        if (original.getUsername() != null && original.getPassword() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        }
        copy.getHeaderParams().putAll(original.getHeaderParams());
        copy.getPostParams().putAll(original.getPostParams());
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setFormParameters(original.getFormParameters());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }
}
