package gov.tawasul.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import gov.tawasul.engine.testing.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with the Messenger fixture webhook: a PSID that is not a contact of seed case 12345 asks about it, is
 * offered a code (Graph API send), the case's registered number gets the code by SMS (the WireMock Twilio), and the
 * code sent back on Messenger shows the case there.
 */
@QuarkusTest
@TestProfile(CaseEventsProfile.class)
@WithTestResource(GraphApiMock.class)
@WithTestResource(TwilioWireMockResource.class)
class MessengerIdentityTest {

    @InjectGraphApi
    WireMockServer graph;
    @InjectTwilioApi
    WireMockServer twilio;

    @BeforeEach
    void clean() {
        // 12345 is a bundled sample case, public demo data: made a real case here so that contact-match applies
        TestDb.execute("update cases set demo = false where case_number = '12345'");
        GraphApiMock.reset(graph);
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    @org.junit.jupiter.api.AfterEach
    void restoreDemo() {
        TestDb.execute("update cases set demo = true where case_number = '12345'");
    }

    private static void say(String psid, String text) {
        String body = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"sender\":{\"id\":\"2000000000000001\"}", "\"sender\":{\"id\":\"" + psid + "\"}")
                .replace("\"text\":\"hi\"", "\"text\":\"" + text + "\"")
                .replaceFirst("\"mid\":\"[^\"]+\"", "\"mid\":\"m_" + UUID.randomUUID() + "\"");
        FbTestData.postSigned(body).statusCode(200);
    }

    private String graphText(int index) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> graph.getAllServeEvents().size() > index);
        var events = new java.util.ArrayList<>(graph.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return new ObjectMapper().readTree(events.get(index).getRequest().getBodyAsString())
                .path("message").path("text").asText();
    }

    @Test
    void aStrangerOnMessengerVerifiesWithTheCodeSentToTheRegisteredNumber() throws Exception {
        String psid = "29" + (100000000000000L + (long) (Math.random() * 800000000000000L));
        say(psid, "status 12345");
        assertThat(graphText(0)).startsWith("Case 12345: if this number is a case registered to you")
                .doesNotContain("Under review");

        await().atMost(Duration.ofSeconds(15)).until(() -> smsCalls(twilio).size() == 1);
        var sms = form(smsCalls(twilio).get(0));
        assertThat(sms.get("To")).isEqualTo("+15555550100");
        assertThat(sms.get("From")).isEqualTo("+15555550199");
        Matcher code = Pattern.compile("(?<![0-9-])[0-9]{6}(?![0-9-])").matcher(sms.get("Body"));
        assertThat(code.find()).as("a code in %s", sms.get("Body")).isTrue();

        say(psid, code.group());
        assertThat(graphText(1)).contains("you are verified", "Case 12345: Under review");
    }
}
