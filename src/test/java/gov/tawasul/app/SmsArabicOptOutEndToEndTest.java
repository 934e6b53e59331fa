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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Arabic opt-out and opt-in by SMS end to end, Twilio served by WireMock: Twilio's opt-out handling knows STOP and
 * START (and answers them itself) but not {@code إيقاف} or {@code اشتراك}, so for those the bot records the opt-out
 * or lifts it and sends the one confirmation itself, in Arabic, through the Messages API; while opted out nothing
 * is sent; Twilio's own keywords stay silent as before.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class SmsArabicOptOutEndToEndTest {

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String CITIZEN = "+15555550100";
    private static final String OUR_NUMBER = "+15555550199";

    @InjectTwilioApi
    WireMockServer twilio;

    private int sid;

    @Test
    void arabicStopIsRecordedAndConfirmedOnceThenArabicStartReEnables() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());

        // إيقاف: recorded by the bot, confirmed once in Arabic
        sms("إيقاف", "");
        List<String> sent = awaitSent(1);
        assertThat(sent.get(0)).contains("لن تصلك منا رسائل أخرى هنا").contains("اشتراك");
        assertThat(TestDb.value("select reason from opt_out where channel = 'SMS' and citizen_address = ? "
                + "and bot_address = ?", CITIZEN, OUR_NUMBER)).isEqualTo("KEYWORD");
        assertThat(TestDb.value("select origin from outbound_message where channel = 'SMS'")).isEqualTo("SYSTEM");

        // opted out: a case query and a second إيقاف get nothing
        sms("Status of case 12345?", "");
        sms("إيقاف", "");
        awaitAllHandled();
        assertThat(sent()).hasSize(1);

        // اشتراك: lifted and confirmed in Arabic; the case is answered again
        sms("اشتراك", "");
        assertThat(awaitSent(2).get(1)).contains("ستصلك رسائلنا هنا من جديد");
        assertThat(TestDb.value("select count(*) from opt_out where channel = 'SMS'")).isEqualTo(0L);
        sms("Status of case 12345?", "");
        assertThat(awaitSent(3).get(2)).startsWith("Case 12345:");

        // Twilio's own STOP and START: recorded, and Twilio (not the bot) answers
        sms("STOP", "&OptOutType=STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) TestDb.value(
                "select count(*) from opt_out where channel = 'SMS'")).longValue() == 1);
        sms("START", "&OptOutType=START");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) TestDb.value(
                "select count(*) from opt_out where channel = 'SMS'")).longValue() == 0);
        awaitAllHandled();
        assertThat(sent()).hasSize(3);
    }

    /** Posts the citizen's SMS as Twilio signs it (the fields of {@code twilio-sms-inbound-basic.form}). */
    private void sms(String text, String moreFields) {
        String messageSid = "SM%032d".formatted(++sid + 4200);
        String body = new String(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"), StandardCharsets.UTF_8)
                .replace("SM00000000000000000000000000000001", messageSid)
                .replace("Body=Hello+from+a+test+phone%21", "Body=" + URLEncoder.encode(text, StandardCharsets.UTF_8))
                + moreFields;
        given().contentType(FORM).body(body)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + "/webhooks/twilio/sms", body))
                .when().post("/webhooks/twilio/sms")
                .then().statusCode(200).body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
    }

    private void awaitAllHandled() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) TestDb.value(
                "select count(*) from inbound_message where channel = 'SMS' and state = 'RECEIVED'")).longValue() == 0);
        // a confirmation would leave right after its opt-out is stored: give it the time to show
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> true);
    }

    private List<String> awaitSent(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sent().size() >= count);
        return sent();
    }

    /** @return the {@code Body} of each Messages API call, in order, each checked to go to the citizen from us */
    private List<String> sent() {
        List<LoggedRequest> calls = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
        return calls.stream().map(call -> {
            String form = call.getBodyAsString();
            assertThat(form).contains("To=%2B15555550100").contains("From=%2B15555550199");
            return URLDecoder.decode(form.replaceAll("^.*(?:^|&)Body=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
        }).toList();
    }
}
