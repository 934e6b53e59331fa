package gov.tawasul.channels.common;

import java.time.Duration;
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
 * @param within      the answer must come in less than this (a provider's deadline, e.g. X's 3 s for its CRC), or
 *                    null (not checked)
 */
public record ExpectedResponse(int status, String contentType, String body, Map<String, Object> json,
                               Duration within) {

    public ExpectedResponse {
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /** @return just this status */
    public static ExpectedResponse status(int status) {
        return new ExpectedResponse(status, null, null, Map.of(), null);
    }

    /** @return this status as RFC 9457 problem details: {@code application/problem+json} with {@code "status"} */
    public static ExpectedResponse problem(int status) {
        return status(status).contentType("application/problem+json").json("status", status);
    }

    /** @return also this content type (prefix) */
    public ExpectedResponse contentType(String prefix) {
        return new ExpectedResponse(status, prefix, body, json, within);
    }

    /** @return also exactly this body */
    public ExpectedResponse body(String exact) {
        return new ExpectedResponse(status, contentType, exact, json, within);
    }

    /** @return also this value at a JSON path of the body */
    public ExpectedResponse json(String path, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(json);
        more.put(path, value);
        return new ExpectedResponse(status, contentType, body, more, within);
    }

    /** @return also answered in less than {@code limit} */
    public ExpectedResponse within(Duration limit) {
        return new ExpectedResponse(status, contentType, body, json, limit);
    }
}
