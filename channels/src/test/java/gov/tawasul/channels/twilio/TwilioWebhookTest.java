package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookChannel;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.twilio.TwilioApiStubs.MESSAGES_PATH;
import static gov.tawasul.channels.twilio.TwilioFixtures.FIXTURE_TOKEN;
import static gov.tawasul.channels.twilio.TwilioWebhooks.SMS;
import static gov.tawasul.channels.twilio.TwilioWebhooks.TWIML;
import static gov.tawasul.channels.twilio.TwilioWebhooks.inboundForm;
import static gov.tawasul.channels.twilio.TwilioWebhooks.inboundSms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Twilio webhooks in the running app, with real PostgreSQL and Redis and a WireMock Twilio API: the table of
 * requests and what they leave behind ({@link TwilioWebhookCases}), and the scenarios that need more than one
 * request and the engine's answer: concurrent duplicates (F05), STOP/START (F09), rate limiting (F10).
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class TwilioWebhookTest {

    @InjectTwilioApi
    WireMockServer twilio;

    WebhookChannel channel;
    WebhookHarness harness;

    @BeforeEach
    void reset() {
        channel = TwilioWebhooks.channel(twilio);
        harness = new WebhookHarness(channel);
        harness.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.tawasul.channels.twilio.TwilioWebhookCases#cases")
    void webhook(WebhookCase row) {
        harness.run(row);
    }

    ValidatableResponse postSigned(String sid, String encodedBody, String moreFields) {
        return harness.post(WebhookRequest.post(SMS, WebhookRequest.FORM, inboundForm(sid, encodedBody) + moreFields),
                now());
    }

    /** @return the number of SMS rows of {@code table} (and {@code condition}, when not empty) */
    static long count(String table, String condition) {
        return ((Number) TestDb.value("select count(*) from " + table + " where channel = 'SMS'"
                + (condition.isEmpty() ? "" : " and " + condition))).longValue();
    }

    int apiCalls() {
        return channel.api().recipients().size();
    }

    @Test
    void testSignerAgreesWithARecordedFixtureSignature() {
        String body = new String(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"), StandardCharsets.UTF_8);
        assertThat(TwilioTestSigner.sign(FIXTURE_TOKEN, "https://bot.example.com/webhooks/twilio/messages", body))
                .isEqualTo(TwilioFixtures.signatureOf("twilio-sms-inbound-basic.form"));
    }

    @Test
    void f05_duplicateMessageSidAtOnceGivesOneStoredMessageAndOneReply() {
        WebhookRequest request = inboundSms("SM0000000000000000000000000000a005", "status+12345");
        // two deliveries at once, then a late retry
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> harness.post(request, now())
                .extract().statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> harness.post(request, now())
                .extract().statusCode());
        assertThat(a.join()).isEqualTo(200);
        assertThat(b.join()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> apiCalls() == 1);
        WebhookHarness.verify(harness.post(request, now()), TWIML);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(count("inbound_message", "")).isEqualTo(1);
        assertThat(count("outbound_message", "")).isEqualTo(1);
        assertThat(apiCalls()).isEqualTo(1);
    }

    @Test
    void f09_stopOptsOut_startOptsBackIn() {
        postSigned("SM0000000000000000000000000000a091", "STOP", "&OptOutType=STOP").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("opt_out", "") == 1);
        postSigned("SM0000000000000000000000000000a092", "status+12345", "").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("inbound_message", "state <> 'RECEIVED'") == 2);
        assertThat(apiCalls()).isZero();
        assertThat(count("outbound_message", "")).isZero();

        postSigned("SM0000000000000000000000000000a093", "START", "&OptOutType=START").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("opt_out", "") == 0);
        postSigned("SM0000000000000000000000000000a094", "status+12345", "").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> apiCalls() == 1);
    }

    @Test
    void f09_optOutTypeFromTwilioCountsEvenForAKeywordTheBotDoesNotKnow() {
        // Advanced Opt-Out with a custom Arabic keyword: Twilio adds OptOutType=STOP
        postSigned("SM0000000000000000000000000000a096", "%D8%AA%D9%88%D9%82%D9%81", "&OptOutType=STOP")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("opt_out", "") == 1);
        assertThat(TestDb.value("select text from inbound_message where channel = 'SMS'")).isEqualTo("توقف");
        assertThat(apiCalls()).isZero();
    }

    @Test
    void f09_sendRefusedWith21610MarksTheOptOut_noRetry() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        postSigned("SM0000000000000000000000000000a095", "status+12345", "").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("opt_out", "") == 1);
        assertThat(TestDb.value("select reason from opt_out where channel = 'SMS'")).isEqualTo("SEND_ERROR_21610");
        Map<String, Object> out = TestDb.rows(
                "select status, error_code from outbound_message where channel = 'SMS'").get(0);
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
        postSigned("SM0000000000000000000000000000a010", "status+12345", "").statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count("outbound_message", "provider_message_id is not null") == 1);
        Map<String, Object> out = TestDb.rows(
                        "select status, attempts, provider_message_id from outbound_message where channel = 'SMS'")
                .get(0);
        assertThat(out).containsEntry("status", "SENDING").containsEntry("attempts", 2);
        assertThat((String) out.get("provider_message_id")).startsWith("SM").hasSize(34);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(apiCalls()).isEqualTo(2);
    }
}
