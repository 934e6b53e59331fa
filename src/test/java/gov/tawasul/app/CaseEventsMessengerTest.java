package gov.tawasul.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.notify.NotificationClock;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.postSigned;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Messenger follower (the registered contact PSID_1 asked about seed case 12345 on the Page) is told on Messenger
 * inside the 24-hour window; outside it the update goes by SMS to the case's registered number instead, once, and
 * nothing is sent on Messenger (no message tag).
 */
@QuarkusTest
@TestProfile(CaseEventsProfile.class)
@WithTestResource(GraphApiMock.class)
@WithTestResource(TwilioWireMockResource.class)
class CaseEventsMessengerTest {

    @InjectGraphApi
    WireMockServer graph;

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    NotificationClock clock;

    @BeforeEach
    void clean() {
        CaseEventsTestSupport.clean();
        GraphApiMock.reset(graph);
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

    @Test
    void insideTheWindowOnMessengerOutsideItBySmsToTheRegisteredNumber() throws Exception {
        String inbound = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"text\":\"hi\"", "\"text\":\"status 12345\"");
        FbTestData.postSigned(inbound).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> graph.getAllServeEvents().size() == 1);
        assertThat(TestDb.value("select channel || ' ' || source || ' ' || bot_address from case_follower"))
                .isEqualTo("FACEBOOK ASKER " + PAGE_ID);

        // inside the window: on Messenger, as a response (no tag)
        postSigned("""
                {"eventId":"evt-fb-1","caseNumber":"12345","status":"APPROVED",\
                "statusLabel":{"ar":"مقبولة","en":"Approved"},"updatedAt":"2026-12-01T10:00:00+03:00",\
                "contacts":[{"channel":"facebook","address":"%s"}]}""".formatted(PSID_1)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.getAllServeEvents().size() == 2);
        JsonNode body = new ObjectMapper().readTree(graph.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(PSID_1);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.has("tag")).isFalse();
        assertThat(body.path("message").path("text").asText()).isEqualTo("Case 12345 is now: Approved.");
        assertThat(smsCalls(twilio)).isEmpty();

        // two days later the window is closed: by SMS to the registered number, once (it follows the case itself)
        TestDb.execute("update conversation set last_inbound_at = now() - interval '2 days' where channel = 'FACEBOOK'");
        postSigned("""
                {"eventId":"evt-fb-2","caseNumber":"12345","status":"COMPLETED",\
                "statusLabel":{"ar":"مكتملة","en":"Completed"},"updatedAt":"2026-12-03T10:00:00+03:00",\
                "contacts":[{"channel":"facebook","address":"%s"},{"channel":"sms","address":"+15555550100"}]}"""
                .formatted(PSID_1)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);
        Thread.sleep(1500);
        assertThat(smsCalls(twilio)).hasSize(1);
        assertThat(graph.getAllServeEvents()).hasSize(2);
        assertThat(form(smsCalls(twilio).get(0)).get("To")).isEqualTo("+15555550100");
        assertThat(form(smsCalls(twilio).get(0)).get("Body")).contains("المعاملة \u206612345\u2069 أصبحت: مكتملة.");
        assertThat(TestDb.rows("""
                select n.channel, n.state, n.reason from notification n join case_event e on e.id = n.case_event_id
                where e.event_id = 'evt-fb-2' order by n.channel""")).extracting(r -> r.get("channel") + " "
                + r.get("state") + " " + r.get("reason"))
                .containsExactly("FACEBOOK FELL_BACK OUTSIDE_WINDOW", "SMS SENT null");
    }
}
