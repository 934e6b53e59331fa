package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.cases.events.CaseEventSignature;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioFixtures;
import gov.tawasul.channels.twilio.TwilioTestSigner;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import io.restassured.response.ValidatableResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

/** Signed case events and what the fake Twilio received, for the case-event tests. */
final class CaseEventsTestSupport {

    private CaseEventsTestSupport() {
    }

    /**
     * Posts the signed Twilio inbound fixture ({@code twilio-sms-inbound-basic.form}) with {@code sid} and
     * {@code text} in place of its own, as the case's registered number texting the bot; expects 200.
     */
    static void smsFromCitizen(String sid, String text) {
        String body = new String(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"), StandardCharsets.UTF_8)
                .replace("SM00000000000000000000000000000001", sid)
                .replace("Body=Hello+from+a+test+phone%21",
                        "Body=" + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8));
        given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + "/webhooks/twilio/sms", body))
                .when().post("/webhooks/twilio/sms")
                .then().statusCode(200);
    }

    static void clean() {
        TestDb.execute("truncate notification, case_follower, case_event, delivery_receipt, outbound_message, "
                + "inbound_message, opt_out, conversation cascade");
    }

    /** An event body; {@code contact} is an SMS number or null for none. */
    static String event(String eventId, String caseNumber, String status, String labelAr, String labelEn,
                        String contact) {
        return """
                {"eventId":"%s","caseNumber":"%s","status":"%s","statusLabel":{"ar":"%s","en":"%s"},\
                "nextStep":{"ar":"راجع الفرع لاستلام الوثيقة","en":"Collect the document at the branch"},\
                "updatedAt":"2026-12-01T10:00:00+03:00","contacts":[%s]}"""
                .formatted(eventId, caseNumber, status, labelAr, labelEn,
                        contact == null ? "" : "{\"channel\":\"sms\",\"address\":\"" + contact + "\"}");
    }

    static ValidatableResponse post(String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(CaseEventSignature.HEADER, signature);
        }
        return request.when().post("/api/case-events").then();
    }

    static ValidatableResponse postSigned(String body) {
        return post(body, sign(CaseEventsProfile.SECRET, Instant.now().getEpochSecond(), body));
    }

    static String sign(String secret, long t, String body) {
        return CaseEventSignature.header(secret, t, body.getBytes(StandardCharsets.UTF_8));
    }

    static List<LoggedRequest> smsCalls(WireMockServer twilio) {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
    }

    static Map<String, String> form(LoggedRequest call) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : call.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            map.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return map;
    }
}
