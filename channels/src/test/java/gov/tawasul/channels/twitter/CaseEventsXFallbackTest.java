package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.cases.events.CaseEventSignature;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.twitter.TwitterWebhooks.sendTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An X follower whose DMs X refuses (403, code 349 "You cannot send messages to this user.", the real error body at
 * the WireMock X API) gets the case-status update on the next channel of {@code tawasul.notifications.fallback-order}
 * instead: the case's registered SMS number, once (WireMock Twilio), and the X notification is {@code FELL_BACK}.
 * Only askers follow here ({@code askers-only}), so that the SMS can only come from the fallback.
 */
@QuarkusTest
@TestProfile(CaseEventsXFallbackTest.Profile.class)
class CaseEventsXFallbackTest {

    /** X and Twilio stand-ins, case events on, askers only, no quiet hours. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.cases.events.secrets", SECRET,
                    "tawasul.notifications.sms-from", "+15555550199",
                    "tawasul.notifications.default-follow", "askers-only",
                    "tawasul.notifications.quiet-hours", "none",
                    "tawasul.notifications.fallback-order", "email,sms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(XApiWireMock.class),
                    new TestResourceEntry(TwilioWireMockResource.class));
        }
    }

    static final String SECRET = "case-events-x-secret-2026";
    static final String CASE = "1446-000781";
    static final String X_ID = "1000000000000078101";
    static final String PHONE = "+15555550181";

    @InjectXApi
    WireMockServer xApi;

    @InjectTwilioApi
    WireMockServer twilio;

    @BeforeEach
    void setUp() {
        clean();
        xApi.resetAll();
        XCitizen.acceptSends(xApi);
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset,
                                   contacts)
                values (?, 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', '2026-11-20T06:30:00Z', '+03:00', ?)
                on conflict (case_number) do update set contacts = excluded.contacts""",
                CASE, "twitter:" + X_ID + ";sms:" + PHONE);
    }

    @AfterEach
    void tearDown() {
        clean();
    }

    private static void clean() {
        TestDb.execute("truncate notification, case_follower, case_event, delivery_receipt, outbound_message, "
                + "inbound_message, opt_out, conversation cascade");
    }

    @Test
    void aFollowerXRefusesWith349IsToldBySmsInsteadOnce() throws Exception {
        XCitizen.sends("1100000000007810001", X_ID, "status " + CASE);
        await().atMost(Duration.ofSeconds(20)).until(() -> XCitizen.sentTo(xApi, X_ID) == 1);
        assertThat(TestDb.rows("select channel, source from case_follower where case_number = ?", CASE))
                .containsExactly(Map.of("channel", "TWITTER", "source", "ASKER"));

        xApi.stubFor(sendTo(X_ID).willReturn(XApiStubs.error(403, 349, "You cannot send messages to this user.")));
        byte[] body = """
                {"eventId":"evt-x-781","caseNumber":"%s","status":"APPROVED","statusLabel":{"ar":"مقبولة","en":"Approved"},\
                "updatedAt":"2026-12-01T10:00:00+03:00","contacts":[{"channel":"twitter","address":"%s"},\
                {"channel":"sms","address":"%s"}]}""".formatted(CASE, X_ID, PHONE).getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").body(body)
                .header(CaseEventSignature.HEADER, CaseEventSignature.header(SECRET, Instant.now().getEpochSecond(), body))
                .when().post("/api/case-events").then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> smsCalls().size() == 1);
        Thread.sleep(2000); // a second SMS, or a retried DM, would have left by now
        assertThat(smsCalls()).hasSize(1);
        Map<String, String> sms = form(smsCalls().get(0));
        assertThat(sms.get("To")).isEqualTo(PHONE);
        assertThat(sms.get("Body")).contains("Case 1446-000781 is now: Approved.");
        assertThat(XCitizen.sentTo(xApi, X_ID)).as("the answer and the refused update, not retried").isEqualTo(2);
        assertThat(TestDb.rows("select channel, state, coalesce(reason, '-') as reason from notification order by id")).containsExactly(
                Map.of("channel", "TWITTER", "state", "FELL_BACK", "reason", "twitter_349"),
                Map.of("channel", "SMS", "state", "SENT", "reason", "-"));
        assertThat(TestDb.value("select error_code from outbound_message where channel = 'TWITTER' "
                + "and origin = 'NOTIFICATION'")).isEqualTo("349");
    }

    private List<LoggedRequest> smsCalls() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
    }

    private static Map<String, String> form(LoggedRequest call) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : call.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            map.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return map;
    }
}
