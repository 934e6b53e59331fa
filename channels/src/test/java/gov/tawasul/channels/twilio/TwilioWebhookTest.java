package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.twilio.TwilioApiStubs.MESSAGES_PATH;
import static gov.tawasul.channels.twilio.TwilioFixtures.FIXTURE_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Twilio webhooks in the running app, with real PostgreSQL and Redis and a WireMock Twilio API:
 * signatures (F01), fixtures, forged/unsigned requests, duplicates (F05), status callbacks (F06–F08),
 * STOP/START (F09), rate limiting (F10).
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class TwilioWebhookTest {

    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    static final String CITIZEN = "+15555550100";
    static final String BOT = "+15555550199";
    static final String STATUS_URL = "https://bot.example.com/webhooks/twilio/status?ref=fixture-42";

    WireMockServer twilio;

    @BeforeEach
    void reset() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio = TwilioWireMockResource.twilio();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    static ValidatableResponse postForm(String pathAndQuery, byte[] body, String signature) {
        // the bodies are ASCII (percent-encoded), so the String is the same bytes; RestAssured cannot send byte[] forms
        var request = given().contentType(FORM).body(new String(body, StandardCharsets.US_ASCII));
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.when().post(pathAndQuery).then();
    }

    /** Posts a body signed for its public URL (https://bot.example.com + path). */
    static ValidatableResponse postSigned(String pathAndQuery, String body) {
        return postForm(pathAndQuery, body.getBytes(StandardCharsets.UTF_8),
                TwilioTestSigner.sign(FIXTURE_TOKEN, TwilioWireMockResource.PUBLIC_URL + pathAndQuery, body));
    }

    static String inbound(String sid, String body) {
        return "ToCountry=US&ToState=CA&SmsMessageSid=" + sid + "&NumMedia=0&ToCity=&FromZip=&SmsSid=" + sid
                + "&FromState=CA&SmsStatus=received&FromCity=&Body=" + body + "&FromCountry=US&To=%2B15555550199"
                + "&ToZip=&NumSegments=1&MessageSid=" + sid + "&AccountSid=AC00000000000000000000000000000000"
                + "&From=%2B15555550100&ApiVersion=2010-04-01";
    }

    static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    static void expectTwiml(ValidatableResponse response) {
        response.statusCode(200).contentType(startsWith("text/xml"))
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
    }

    int apiCalls() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).size();
    }

    @Test
    void testSignerAgreesWithARecordedFixtureSignature() {
        String body = new String(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"), StandardCharsets.UTF_8);
        assertThat(TwilioTestSigner.sign(FIXTURE_TOKEN, "https://bot.example.com/webhooks/twilio/messages", body))
                .isEqualTo(TwilioFixtures.signatureOf("twilio-sms-inbound-basic.form"));
    }

    @Test
    void everyInboundSmsFixtureIsStoredWithItsOwnSignature() {
        List<String> fixtures = List.of("twilio-sms-inbound-basic.form", "twilio-sms-inbound-unicode.form",
                "twilio-sms-inbound-messaging-service.form", "twilio-mms-inbound-image.form");
        for (String f : fixtures) {
            // the fixtures were signed for /webhooks/twilio/messages, an alias of /webhooks/twilio/sms
            expectTwiml(postForm("/webhooks/twilio/messages", TwilioFixtures.bytes(f), TwilioFixtures.signatureOf(f)));
        }
        assertThat(count("select count(*) from inbound_message")).isEqualTo(4);
        assertThat(TestDb.value("select text from inbound_message where provider_message_id = ?",
                "SM00000000000000000000000000000003")).isEqualTo("مرحبا 👋 أريد حجز موعد");
        Map<String, Object> conv = TestDb.rows("select channel, citizen_address, bot_address from conversation").get(0);
        assertThat(conv).containsEntry("channel", "SMS").containsEntry("citizen_address", CITIZEN)
                .containsEntry("bot_address", BOT);
    }

    @Test
    void f01_signedForThePublicUrl_notForTheUrlTheServerSees() {
        String body = inbound("SM0000000000000000000000000000a001", "status+12345");
        // the test server is plain http on localhost: a signature over that URL must be refused
        String internal = TwilioTestSigner.sign(FIXTURE_TOKEN,
                "http://localhost:" + io.restassured.RestAssured.port + "/webhooks/twilio/sms", body);
        postForm("/webhooks/twilio/sms", body.getBytes(StandardCharsets.UTF_8), internal).statusCode(403);
        assertThat(count("select count(*) from inbound_message")).isZero();
        // the public https URL, as behind a TLS-terminating proxy
        given().contentType(FORM).body(body)
                .header("X-Forwarded-Proto", "http").header("Host", "10.0.0.5:8080")
                .header("X-Twilio-Signature", TwilioTestSigner.sign(FIXTURE_TOKEN,
                        "https://bot.example.com/webhooks/twilio/sms", body))
                .when().post("/webhooks/twilio/sms").then().statusCode(200);
        assertThat(count("select count(*) from inbound_message")).isEqualTo(1);
    }

    @Test
    void forgedOrUnsignedInboundIs403AndNothingIsStored() {
        byte[] basic = TwilioFixtures.bytes("twilio-sms-inbound-basic.form");
        postForm("/webhooks/twilio/messages", basic, null).statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        postForm("/webhooks/twilio/messages", basic, "oRqfuqOOHBeOPUaf1IPcFqr+pyX=").statusCode(403);
        // the right signature on a changed body
        byte[] tampered = new String(basic, StandardCharsets.UTF_8).replace("Hello+from", "Hallo+from")
                .getBytes(StandardCharsets.UTF_8);
        postForm("/webhooks/twilio/messages", tampered, TwilioFixtures.signatureOf("twilio-sms-inbound-basic.form"))
                .statusCode(403);
        // right body and signature, wrong path (signed for /messages)
        postForm("/webhooks/twilio/sms", basic, TwilioFixtures.signatureOf("twilio-sms-inbound-basic.form"))
                .statusCode(403);
        assertThat(count("select count(*) from inbound_message")).isZero();
        assertThat(count("select count(*) from conversation")).isZero();
        assertThat(apiCalls()).isZero();
    }

    @Test
    void missingMessageSidOrFromIs400() {
        postSigned("/webhooks/twilio/sms", "Body=hi&From=%2B15555550100&To=%2B15555550199").statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", equalTo(
                        "Missing Twilio parameter MessageSid"));
        postSigned("/webhooks/twilio/sms", "Body=hi&MessageSid=SM1&To=%2B15555550199").statusCode(400);
        // a body that cannot be decoded cannot be verified either: 400
        postForm("/webhooks/twilio/sms", "Body=%ZZ&MessageSid=SM1".getBytes(StandardCharsets.US_ASCII), "x=")
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Malformed form body: invalid percent-encoding"));
        assertThat(count("select count(*) from inbound_message")).isZero();
    }

    @Test
    void whatsAppInboundIsAcknowledgedAndNotStored() {
        for (String f : List.of("twilio-whatsapp-inbound-text.form", "twilio-whatsapp-inbound-image.form",
                "twilio-whatsapp-inbound-location.form")) {
            expectTwiml(postForm("/webhooks/twilio/messages", TwilioFixtures.bytes(f), TwilioFixtures.signatureOf(f)));
        }
        assertThat(count("select count(*) from inbound_message")).isZero();
    }

    @Test
    void f05_duplicateMessageSidGivesOneStoredMessageAndOneReply() {
        byte[] body = inbound("SM0000000000000000000000000000a005", "status+12345").getBytes(StandardCharsets.UTF_8);
        String sig = TwilioTestSigner.sign(FIXTURE_TOKEN, "https://bot.example.com/webhooks/twilio/sms",
                new String(body, StandardCharsets.UTF_8));
        // two deliveries at once, then a late retry
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> postForm("/webhooks/twilio/sms", body, sig)
                .extract().statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> postForm("/webhooks/twilio/sms", body, sig)
                .extract().statusCode());
        assertThat(a.join()).isEqualTo(200);
        assertThat(b.join()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> apiCalls() == 1);
        expectTwiml(postForm("/webhooks/twilio/sms", body, sig));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(count("select count(*) from inbound_message")).isEqualTo(1);
        assertThat(count("select count(*) from outbound_message")).isEqualTo(1);
        assertThat(apiCalls()).isEqualTo(1);
    }

    /** Arranges one sent reply with the SID the status fixtures report on. */
    static void sentReply(String status) {
        TestDb.execute("insert into conversation (channel, citizen_address, bot_address) values ('SMS', ?, ?)",
                CITIZEN, BOT);
        TestDb.execute("""
                insert into outbound_message (conversation_id, channel, recipient, sender, text, status,
                                              provider_message_id, attempts, sent_at)
                select id, 'SMS', ?, ?, 'Case 12345: Under review.', ?, ?, 1, now() from conversation""",
                CITIZEN, BOT, status, TwilioApiStubs.REPLY_SID);
    }

    static void postStatus(String fixture, int expectedStatus) {
        postForm("/webhooks/twilio/status?ref=fixture-42", TwilioFixtures.bytes(fixture),
                TwilioFixtures.signatureOf(fixture)).statusCode(expectedStatus);
    }

    static Map<String, Object> reply() {
        return TestDb.rows("select status, error_code, error_message from outbound_message where provider_message_id = ?",
                TwilioApiStubs.REPLY_SID).get(0);
    }

    @Test
    void f06_sentThenDelivered() {
        sentReply("SENDING");
        postStatus("twilio-status-callback-queued.form", 204);
        postStatus("twilio-status-callback-sent.form", 204);
        assertThat(reply()).containsEntry("status", "SENT");
        postStatus("twilio-status-callback-delivered.form", 204);
        assertThat(reply()).containsEntry("status", "DELIVERED");
        assertThat(count("select count(*) from delivery_receipt where provider_message_id = ?",
                TwilioApiStubs.REPLY_SID)).isEqualTo(3);
    }

    @Test
    void f07_lateSentOrSendingNeverOverwritesDelivered() {
        sentReply("SENDING");
        postStatus("twilio-status-callback-delivered.form", 204);
        postStatus("twilio-status-callback-sent.form", 204);
        postStatus("twilio-status-callback-queued.form", 204);
        postSigned("/webhooks/twilio/status?ref=fixture-42", "SmsSid=SM00000000000000000000000000000100"
                + "&SmsStatus=sending&MessageStatus=sending&To=%2B15555550100&MessageSid=SM00000000000000000000000000000100"
                + "&AccountSid=AC00000000000000000000000000000000&From=%2B15555550199&ApiVersion=2010-04-01")
                .statusCode(204);
        assertThat(reply()).containsEntry("status", "DELIVERED");
    }

    @Test
    void f08_undelivered30007IsKeptAsFinalFailure_notResent() {
        sentReply("SENT");
        postStatus("twilio-status-callback-undelivered-30007.form", 204);
        assertThat(reply()).containsEntry("status", "UNDELIVERED").containsEntry("error_code", "30007")
                .containsEntry("error_message", "Message filtered by the carrier");
        postStatus("twilio-status-callback-delivered.form", 204);
        assertThat(reply()).containsEntry("status", "UNDELIVERED");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(count("select count(*) from outbound_message")).isEqualTo(1);
        assertThat(apiCalls()).isZero();
    }

    @Test
    void unknownErrorCodeIsKeptAsItCame() {
        sentReply("SENT");
        postSigned("/webhooks/twilio/status?ref=fixture-42", "ErrorCode=30034&SmsSid=SM00000000000000000000000000000100"
                + "&SmsStatus=undelivered&MessageStatus=undelivered&To=%2B15555550100"
                + "&MessageSid=SM00000000000000000000000000000100&AccountSid=AC00000000000000000000000000000000"
                + "&From=%2B15555550199&ApiVersion=2010-04-01").statusCode(204);
        assertThat(reply()).containsEntry("status", "UNDELIVERED").containsEntry("error_code", "30034");
    }

    @Test
    void failed21610CallbackIsRecordedAndOptsTheRecipientOut() {
        sentReply("SENDING");
        postStatus("twilio-status-callback-failed-21610.form", 204);
        assertThat(reply()).containsEntry("status", "FAILED").containsEntry("error_code", "21610");
        assertThat(TestDb.rows("select citizen_address, bot_address, reason from opt_out"))
                .containsExactly(Map.of("citizen_address", "+15555550100", "bot_address", "+15555550199",
                        "reason", "STATUS_ERROR_21610"));
    }

    @Test
    void statusCallbackFromTheRawHttpCaptureBehindTheLoadBalancer() {
        sentReply("SENT");
        String raw = new String(TwilioFixtures.bytes("twilio-status-callback-delivered.http"), StandardCharsets.UTF_8);
        String[] headBody = raw.split("\r\n\r\n", 2);
        var request = given().body(headBody[1]);
        for (String line : headBody[0].split("\r\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("POST") || colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            if (!List.of("Host", "Content-Length", "Accept-Encoding").contains(name)) {
                request = request.header(name, line.substring(colon + 1).strip());
            }
        }
        request.when().post("/webhooks/twilio/status?ref=fixture-42").then().statusCode(204);
        assertThat(reply()).containsEntry("status", "DELIVERED");
    }

    @Test
    void statusCallbackSignatureCoversTheQueryString_andBadInputIsRejected() {
        sentReply("SENT");
        byte[] delivered = TwilioFixtures.bytes("twilio-status-callback-delivered.form");
        String sig = TwilioFixtures.signatureOf("twilio-status-callback-delivered.form");
        postForm("/webhooks/twilio/status", delivered, sig).statusCode(403);
        postForm("/webhooks/twilio/status?ref=fixture-43", delivered, sig).statusCode(403);
        postForm("/webhooks/twilio/status?ref=fixture-42", delivered, null).statusCode(403);
        assertThat(count("select count(*) from delivery_receipt")).isZero();
        postSigned("/webhooks/twilio/status?ref=fixture-42",
                "MessageSid=SM00000000000000000000000000000100&MessageStatus=exploded").statusCode(400)
                .contentType(startsWith("application/problem+json"));
        assertThat(count("select count(*) from delivery_receipt")).isZero();
        assertThat(reply()).containsEntry("status", "SENT");
    }

    @Test
    void whatsAppStatusCallbacksAreAcknowledgedAndIgnored() {
        postStatus("twilio-whatsapp-status-sent.form", 204);
        postStatus("twilio-whatsapp-status-delivered.form", 204);
        assertThat(count("select count(*) from delivery_receipt")).isZero();
    }

    @Test
    void f09_stopOptsOut_startOptsBackIn() {
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a091", "STOP")
                + "&OptOutType=STOP").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from opt_out") == 1);
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a092", "status+12345"))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from inbound_message where state <> 'RECEIVED'") == 2);
        assertThat(apiCalls()).isZero();
        assertThat(count("select count(*) from outbound_message")).isZero();

        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a093", "START")
                + "&OptOutType=START").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from opt_out") == 0);
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a094", "status+12345"))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> apiCalls() == 1);
    }

    @Test
    void f09_optOutTypeFromTwilioCountsEvenForAKeywordTheBotDoesNotKnow() {
        // Advanced Opt-Out with a custom Arabic keyword: Twilio adds OptOutType=STOP
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a096", "%D8%AA%D9%88%D9%82%D9%81")
                + "&OptOutType=STOP").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from opt_out") == 1);
        assertThat(TestDb.value("select text from inbound_message")).isEqualTo("توقف");
        assertThat(apiCalls()).isZero();
    }

    @Test
    void f09_sendRefusedWith21610MarksTheOptOut_noRetry() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a095", "status+12345"))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from opt_out") == 1);
        assertThat(TestDb.value("select reason from opt_out")).isEqualTo("SEND_ERROR_21610");
        Map<String, Object> out = TestDb.rows("select status, error_code from outbound_message").get(0);
        assertThat(out).containsEntry("status", "FAILED").containsEntry("error_code", "21610");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(apiCalls()).isEqualTo(1);
    }

    @Test
    void f10_rateLimitedThenAccepted_sentOnce() {
        twilio.resetAll();
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TwilioApiStubs.error(429, 20429, "Too Many Requests")).willSetStateTo("ok"));
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("rate").whenScenarioStateIs("ok")
                .willReturn(TwilioApiStubs.createdFreshSid()));
        postSigned("/webhooks/twilio/sms", inbound("SM0000000000000000000000000000a010", "status+12345"))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(
                "select count(*) from outbound_message where provider_message_id is not null") == 1);
        Map<String, Object> out = TestDb.rows("select status, attempts, provider_message_id from outbound_message")
                .get(0);
        assertThat(out).containsEntry("status", "SENDING").containsEntry("attempts", 2);
        assertThat((String) out.get("provider_message_id")).startsWith("SM").hasSize(34);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(apiCalls()).isEqualTo(2);
    }
}
