package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.email.InjectMailServer;
import gov.tawasul.channels.email.MailCitizen;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twitter.InjectXApi;
import gov.tawasul.channels.twitter.XCitizen;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.SmsCitizen;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full scenario on every channel — an SMS with a delivery failure, a forged SMS webhook, a Messenger message, an X
 * direct message, an e-mail — while every log record of the application at INFO and above is captured (message,
 * parameters, exception messages; the stand-in servers' own records left out): none holds a citizen's full phone number, PSID, X id, e-mail address or message
 * text (README "Operators": logs show them masked, as the console does for agents).
 */
@QuarkusTest
@TestProfile(LogScenarioProfile.class)
class LogMaskingTest {

    private static final String PHONE = "+966500088123";
    private static final String PSID = "2000000000088123";
    private static final String X_ID = "1000000000000088123";
    private static final String MAIL = "citizen.logcheck@mail.example.com";
    /** Makes this run's provider ids new (a rerun on the same database is not a duplicate). */
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L + 10_000_000L);

    @InjectTwilioApi
    WireMockServer twilio;
    @InjectGraphApi
    WireMockServer graph;
    @InjectXApi
    WireMockServer xApi;
    @InjectMailServer
    MailCitizen mail;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue() && !testServer(record.getLoggerName())) {
                lines.add(record.getLevel() + " " + record.getLoggerName() + " " + text(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        GraphApiMock.reset(graph);
        xApi.resetAll();
        XCitizen.acceptSends(xApi);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noLogLineAtInfoOrAboveHoldsACitizensAddressOrText() {
        SmsCitizen sms = new SmsCitizen(PHONE);
        sms.says("مرحبا MARKERSMS حالة 1446-000123");
        await().atMost(Duration.ofSeconds(20)).until(() -> twilioSends() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value("select count(*) from outbound_message"
                + " where recipient = ? and provider_message_id is not null", PHONE) >= 1);
        String reply = (String) TestDb.value("select provider_message_id from outbound_message where recipient = ?"
                + " and provider_message_id is not null order by id desc limit 1", PHONE);
        sms.receiptOf(reply, "undelivered", "30003");
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "forged").formParam("From", PHONE).formParam("Body", "MARKERFORGED")
                .post("/webhooks/twilio/sms").then().statusCode(403);

        String messenger = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"sender\":{\"id\":\"2000000000000001\"}", "\"sender\":{\"id\":\"" + PSID + "\"}")
                .replace("\"text\":\"hi\"", "\"text\":\"MARKERFB status 12345\"")
                .replace("AAAA0001\"", "AAAA" + RUN + "\"");
        FbTestData.postSigned(messenger).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> graph.getAllServeEvents().size() >= 1);

        XCitizen.sends("11000000000" + RUN, X_ID, "MARKERX حالة 4512873");
        await().atMost(Duration.ofSeconds(20)).until(() -> XCitizen.sentTo(xApi, X_ID) >= 1);

        mail.writes("Citizen <" + MAIL + ">", "<logcheck-" + RUN + "@mail.example.com>", "Case 4512873",
                "MARKERMAIL what is the status of case 4512873?");
        await().atMost(Duration.ofSeconds(30)).until(() -> !mail.inboxOf(MAIL).isEmpty());

        assertThat(lines).as("the scenario was logged at all").isNotEmpty();
        for (String secret : List.of(PHONE, PHONE.substring(1), PSID, X_ID, MAIL, "MARKERSMS", "MARKERFORGED",
                "MARKERFB", "MARKERX", "MARKERMAIL", "مرحبا")) {
            assertThat(lines).as("log lines holding " + secret).noneMatch(line -> line.contains(secret));
        }
    }

    /** @return whether the record is the test's own stand-in servers' (GreenMail, WireMock), not the application's */
    private static boolean testServer(String logger) {
        return logger != null && (logger.startsWith("com.icegreen.") || logger.startsWith("com.github.tomakehurst.")
                || logger.startsWith("wiremock.") || logger.startsWith("org.eclipse.jetty."));
    }

    private int twilioSends() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))).size();
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : String.valueOf(record.getMessage()));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(" | ").append(t);
        }
        return text.toString();
    }
}
