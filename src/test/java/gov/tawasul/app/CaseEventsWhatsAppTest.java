package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioFixtures;
import gov.tawasul.channels.twilio.TwilioTestSigner;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.notify.NotificationClock;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.postSigned;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WhatsApp follower (a registered WhatsApp contact who asked about a case) is told on WhatsApp: as free text inside
 * the 24-hour window, as the approved {@code notification} template ({@code ContentSid} + {@code ContentVariables})
 * outside it, and — outside it in a language without a template — by SMS to the case's registered number instead
 * ({@code FELL_BACK OUTSIDE_WINDOW}), as for Messenger.
 */
@QuarkusTest
@TestProfile(CaseEventsWhatsAppTest.WhatsAppOn.class)
@WithTestResource(TwilioWireMockResource.class)
class CaseEventsWhatsAppTest {

    static final String TEMPLATE_EN = "HX00000000000000000000000000000003";
    private static final String CASE = "9007-000101";

    /** Case events as {@link CaseEventsProfile}, and WhatsApp on with an English notification template. */
    public static class WhatsAppOn extends CaseEventsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tawasul.whatsapp.from", "+15555550199");
            config.put("tawasul.whatsapp.templates.notification.en", TEMPLATE_EN);
            return config;
        }
    }

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    NotificationClock clock;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset,
                                   contacts)
                values (?, 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', '2026-11-20T06:30:00Z', '+03:00',
                        'whatsapp:+15555550100;sms:+15555550100')
                on conflict (case_number) do update set contacts = excluded.contacts""", CASE);
    }

    @BeforeEach
    void clean() {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        Instant noon = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).atZone(ZoneId.of("Asia/Riyadh")).toInstant();
        clock.use(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), noon)));
    }

    @AfterEach
    void after() {
        clock.use(null);
        CaseEventsTestSupport.clean();
    }

    private static List<LoggedRequest> whatsAppCalls(WireMockServer twilio) {
        return smsCalls(twilio).stream().filter(c -> form(c).get("To").startsWith("whatsapp:")).toList();
    }

    private static String event(String id, String status, String ar, String en, boolean withSms) {
        return """
                {"eventId":"%s","caseNumber":"%s","status":"%s","statusLabel":{"ar":"%s","en":"%s"},\
                "updatedAt":"2026-12-01T10:00:00+03:00","contacts":[{"channel":"whatsapp","address":"+15555550100"}%s]}"""
                .formatted(id, CASE, status, ar, en,
                        withSms ? ",{\"channel\":\"sms\",\"address\":\"+15555550100\"}" : "");
    }

    @Test
    void insideTheWindowFreeText_outsideItTheTemplate_withoutATemplateBySms() {
        String form = "SmsMessageSid=SM0000000000000000000000000000d001&NumMedia=0&ProfileName=Test+User"
                + "&MessageType=text&SmsSid=SM0000000000000000000000000000d001&WaId=15555550100&SmsStatus=received"
                + "&Body=status+" + CASE + "&To=whatsapp%3A%2B15555550199&NumSegments=1"
                + "&MessageSid=SM0000000000000000000000000000d001&AccountSid=AC00000000000000000000000000000000"
                + "&From=whatsapp%3A%2B15555550100&ApiVersion=2010-04-01";
        // a form is ASCII (percent-encoded): sent as its text, as the webhook harness does
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body(form)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + "/webhooks/twilio/sms", form))
                .when().post("/webhooks/twilio/sms").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> whatsAppCalls(twilio).size() == 1);
        assertThat(TestDb.value("select channel || ' ' || source || ' ' || bot_address || ' ' || locale "
                + "from case_follower")).isEqualTo("WHATSAPP ASKER +15555550199 en");

        // inside the window: free text
        postSigned(event("evt-wa-1", "APPROVED", "مقبولة", "Approved", false)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> whatsAppCalls(twilio).size() == 2);
        Map<String, String> inside = form(whatsAppCalls(twilio).get(1));
        assertThat(inside).containsEntry("To", "whatsapp:+15555550100").containsEntry("From", "whatsapp:+15555550199")
                .containsEntry("Body", "Case " + CASE + " is now: Approved.").doesNotContainKey("ContentSid");

        // two days later: the approved template, the text as its variable
        TestDb.execute("update conversation set last_inbound_at = now() - interval '2 days' where channel = 'WHATSAPP'");
        postSigned(event("evt-wa-2", "READY", "جاهزة", "Ready", false)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> whatsAppCalls(twilio).size() == 3);
        Map<String, String> outside = form(whatsAppCalls(twilio).get(2));
        assertThat(outside).containsEntry("To", "whatsapp:+15555550100").containsEntry("ContentSid", TEMPLATE_EN)
                .containsEntry("ContentVariables", "{\"1\":\"Case " + CASE + " is now: Ready.\"}")
                .doesNotContainKey("Body");

        // in Arabic there is no template: the case's registered SMS number is told instead, once
        TestDb.execute("update case_follower set locale = 'ar' where channel = 'WHATSAPP'");
        postSigned(event("evt-wa-3", "COMPLETED", "مكتملة", "Completed", true)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 4);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(smsCalls(twilio)).hasSize(4);
        assertThat(whatsAppCalls(twilio)).hasSize(3);
        assertThat(form(smsCalls(twilio).get(3)).get("To")).isEqualTo("+15555550100");
        assertThat(TestDb.rows("""
                select n.channel, n.state, n.reason from notification n join case_event e on e.id = n.case_event_id
                where e.event_id = 'evt-wa-3' order by n.channel""")).extracting(r -> r.get("channel") + " "
                + r.get("state") + " " + r.get("reason"))
                .containsExactly("SMS SENT null", "WHATSAPP FELL_BACK OUTSIDE_WINDOW");
    }
}
