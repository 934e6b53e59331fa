package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioFixtures;
import gov.tawasul.channels.twilio.TwilioTestSigner;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * SMS end to end: a signed Twilio inbound webhook in the fixtures' format → stored → case 12345 looked up in the
 * local case table (its contact is the sender) → reply sent to the WireMock Twilio Messages API (form body
 * asserted) → the real status-callback fixtures (sent, delivered) → the reply row is DELIVERED.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class SmsEndToEndTest {

    private static final String SID = "SM0000000000000000000000000000e2e1";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    @InjectTwilioApi
    WireMockServer twilio;

    @Test
    void citizenTextsACaseNumberAndTheDeliveredReplyIsTracked() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        // Twilio gives the reply the SID that the status-callback fixtures report on
        TwilioApiStubs.answer(twilio, TwilioApiStubs.created(TwilioApiStubs.REPLY_SID, "+15555550100",
                "+15555550199", "Case 12345: Under review."));

        // 1. the citizen's SMS, in the field order of twilio-sms-inbound-basic.form, signed as Twilio signs it
        String body = new String(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"), StandardCharsets.UTF_8)
                .replace("SM00000000000000000000000000000001", SID)
                .replace("Body=Hello+from+a+test+phone%21", "Body=Status+of+case+12345%3F");
        given().contentType(FORM).body(body)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + "/webhooks/twilio/sms", body))
                .when().post("/webhooks/twilio/sms")
                .then().statusCode(200).body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        // 2. the reply on the wire
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))).isEmpty());
        List<LoggedRequest> calls = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (TwilioApiStubs.ACCOUNT_SID + ":" + TwilioFixtures.FIXTURE_TOKEN).getBytes(StandardCharsets.US_ASCII)));
        assertThat(call.getBodyAsString()).contains("To=%2B15555550100").contains("From=%2B15555550199");
        Map<String, String> form = decode(call.getBodyAsString());
        assertThat(form.get("StatusCallback")).isEqualTo("https://bot.example.com/webhooks/twilio/status");
        assertThat(form.get("Body")).startsWith("Case 12345: Under review.")
                .contains("E-Services Department")
                .contains("You will be notified of the outcome within 5 working days");

        // 3. the provider id is stored with Twilio's status
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENDING".equals(status()));
        assertThat(TestDb.value("select state from inbound_message where provider_message_id = ?", SID))
                .isEqualTo("ANSWERED");

        // 4. Twilio's status callbacks, as recorded in the fixtures (signed for ?ref=fixture-42)
        for (String fixture : List.of("twilio-status-callback-sent.form", "twilio-status-callback-delivered.form")) {
            given().contentType(FORM).body(new String(TwilioFixtures.bytes(fixture), StandardCharsets.US_ASCII))
                    .header("X-Twilio-Signature", TwilioFixtures.signatureOf(fixture))
                    .when().post("/webhooks/twilio/status?ref=fixture-42")
                    .then().statusCode(204);
        }
        assertThat(status()).isEqualTo("DELIVERED");
        assertThat(TestDb.value("select delivered_at is not null from outbound_message where provider_message_id = ?",
                TwilioApiStubs.REPLY_SID)).isEqualTo(true);
    }

    private static Object status() {
        List<Map<String, Object>> rows = TestDb.rows(
                "select status from outbound_message where provider_message_id = ?", TwilioApiStubs.REPLY_SID);
        return rows.isEmpty() ? null : rows.get(0).get("status");
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            map.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return map;
    }
}
