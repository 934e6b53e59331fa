package gov.tawasul.channels.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook request exactly as a provider sends it, before signing: method, path with its raw query string, content
 * type, further headers and the body bytes. The signature header is not part of it: {@link Signing} adds it.
 *
 * @param method       {@code POST} or {@code GET}
 * @param pathAndQuery e.g. {@code /webhooks/twilio/status?ref=fixture-42}; sent as written (no further encoding)
 * @param contentType  the {@code Content-Type}, or null (a GET)
 * @param headers      further headers, in order (e.g. {@code X-Forwarded-Proto})
 * @param body         the body bytes, empty for a GET
 */
public record WebhookRequest(String method, String pathAndQuery, String contentType, Map<String, String> headers,
                             byte[] body) {

    /** Content type of Twilio's webhooks. */
    public static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    /** Content type of Meta's and X's webhooks. */
    public static final String JSON = "application/json";

    /** Headers of a capture that describe the connection, not the request, and are not sent again. */
    private static final List<String> HOP_HEADERS = List.of("Host", "Content-Length", "Accept-Encoding");

    public WebhookRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(pathAndQuery);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    /** @return a POST of these bytes */
    public static WebhookRequest post(String pathAndQuery, String contentType, byte[] body) {
        return new WebhookRequest("POST", pathAndQuery, contentType, Map.of(), body);
    }

    /** @return a POST of this text, UTF-8 encoded */
    public static WebhookRequest post(String pathAndQuery, String contentType, String body) {
        return post(pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a GET without body */
    public static WebhookRequest get(String pathAndQuery) {
        return new WebhookRequest("GET", pathAndQuery, null, Map.of(), new byte[0]);
    }

    /**
     * Reads a raw HTTP/1.1 request capture (request line, headers, blank line, body; CRLF line ends). The
     * {@code Host}, {@code Content-Length} and {@code Accept-Encoding} headers are dropped: the test client sets its
     * own.
     */
    public static WebhookRequest fromHttpCapture(byte[] capture) {
        String[] headBody = new String(capture, StandardCharsets.UTF_8).split("\r\n\r\n", 2);
        String[] lines = headBody[0].split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            } else if (HOP_HEADERS.stream().noneMatch(name::equalsIgnoreCase)) {
                headers.put(name, value);
            }
        }
        byte[] body = headBody.length > 1 ? headBody[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new WebhookRequest(requestLine[0], requestLine[1], contentType, headers, body);
    }

    /** @return this request with one more header */
    public WebhookRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new WebhookRequest(method, pathAndQuery, contentType, more, body);
    }

    /** @return this request without the header (any case), e.g. a captured signature moved to {@link Signing} */
    public WebhookRequest withoutHeader(String name) {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.keySet().removeIf(name::equalsIgnoreCase);
        return new WebhookRequest(method, pathAndQuery, contentType, fewer, body);
    }

    /** @return the value of a header (any case), or null */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** @return the same request with another body */
    public WebhookRequest withBody(byte[] otherBody) {
        return new WebhookRequest(method, pathAndQuery, contentType, headers, otherBody);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest r && method.equals(r.method) && pathAndQuery.equals(r.pathAndQuery)
                && Objects.equals(contentType, r.contentType) && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, pathAndQuery, contentType, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery + " (" + body.length + " bytes)";
    }
}
