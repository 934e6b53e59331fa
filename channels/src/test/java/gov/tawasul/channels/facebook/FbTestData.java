package gov.tawasul.channels.facebook;

import gov.tawasul.channels.common.ChannelRows;
import gov.tawasul.channels.common.HmacSha256;
import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;

/** Posting signed Messenger webhooks and cleaning Messenger rows, for Quarkus tests. */
public final class FbTestData {

    private FbTestData() {
    }

    /**
     * Signs as Meta does: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body bytes>} under the app
     * secret (https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads); no URL is signed.
     */
    public static String sign(String appSecret, byte[] body) {
        return HmacSha256.hexHeader(appSecret, body);
    }

    /** Posts the bytes with their correct {@code X-Hub-Signature-256} (fixture app secret). */
    public static ValidatableResponse postSigned(byte[] body) {
        return post(body, sign(FbFixtures.APP_SECRET, body));
    }

    /** Posts a fixture as stored, with the signature SOURCES.md gives for it. */
    public static ValidatableResponse postFixture(String name) {
        return post(FbFixtures.bytes(name), FbFixtures.signature(name));
    }

    /** Posts a fixture-shaped text changed by the test, re-signed. */
    public static ValidatableResponse postSigned(String body) {
        return postSigned(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts with the given signature header (null: none). */
    public static ValidatableResponse post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request = request.header(MessengerSignatureVerifier.HEADER, signature);
        }
        return request.when().post("/webhooks/facebook").then();
    }

    private static final java.util.regex.Pattern TIMES =
            java.util.regex.Pattern.compile("\"(timestamp|time|watermark)\":(\\d+)");

    /**
     * The fixture with every non-zero {@code time}, {@code timestamp} and {@code watermark} moved by the same amount so
     * that its latest one is {@code now}: the fixtures date from 2016–2025 and Messenger's 24-hour window would refuse
     * a reply to them. Everything else stays byte for byte.
     */
    public static String fresh(String fixture, java.time.Instant now) {
        String text = FbFixtures.text(fixture);
        long max = 0;
        java.util.regex.Matcher m = TIMES.matcher(text);
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(2)));
        }
        long delta = now.toEpochMilli() - max;
        return TIMES.matcher(text).replaceAll(r -> {
            long v = Long.parseLong(r.group(2));
            return "\"" + r.group(1) + "\":" + (v == 0 ? 0 : v + delta);
        });
    }

    /**
     * Deletes every Messenger row of the test database (this channel's tests only), once the previous test's
     * messages are answered ({@link ChannelRows#clean}).
     */
    public static void clean() {
        ChannelRows.clean("FACEBOOK");
    }
}
