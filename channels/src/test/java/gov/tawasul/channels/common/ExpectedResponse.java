package gov.tawasul.channels.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a row expects the app to answer.
 *
 * @param status      the HTTP status
 * @param contentType a prefix of the {@code Content-Type}, or null (not checked)
 * @param body        the exact body, or null (not checked)
 * @param json        JSON paths of the body (RestAssured's GPath) and their values; empty: not checked
 */
public record ExpectedResponse(int status, String contentType, String body, Map<String, Object> json) {

    public ExpectedResponse {
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /** @return just this status */
    public static ExpectedResponse status(int status) {
        return new ExpectedResponse(status, null, null, Map.of());
    }

    /** @return this status as RFC 9457 problem details: {@code application/problem+json} with {@code "status"} */
    public static ExpectedResponse problem(int status) {
        return status(status).contentType("application/problem+json").json("status", status);
    }

    /** @return also this content type (prefix) */
    public ExpectedResponse contentType(String prefix) {
        return new ExpectedResponse(status, prefix, body, json);
    }

    /** @return also exactly this body */
    public ExpectedResponse body(String exact) {
        return new ExpectedResponse(status, contentType, exact, json);
    }

    /** @return also this value at a JSON path of the body */
    public ExpectedResponse json(String path, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(json);
        more.put(path, value);
        return new ExpectedResponse(status, contentType, body, more);
    }
}
