package gov.tawasul.channels.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_2;
import static gov.tawasul.channels.facebook.FbTestData.fresh;
import static gov.tawasul.channels.facebook.FbTestData.postFixture;
import static gov.tawasul.channels.facebook.FbTestData.postSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;

/**
 * The Messenger webhook with the whole app: real PostgreSQL and Redis, WireMock as the Graph API. The table of
 * requests and what they leave behind is {@link MessengerWebhookCases}; the tests below are scenarios: the 24-hour
 * window, reply contents, our own echo, receipts and watermarks on a real reply, Graph errors.
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
class MessengerWebhookResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectGraphApi
    WireMockServer graph;

    WebhookHarness harness;

    @BeforeEach
    void clean() {
        harness = new WebhookHarness(MessengerWebhooks.channel(graph));
        harness.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.tawasul.channels.facebook.MessengerWebhookCases#cases")
    void webhook(WebhookCase row) {
        harness.run(row);
    }

    List<LoggedRequest> sends() {
        return graph.findAll(postRequestedFor(urlPathEqualTo(GraphApiMock.SEND_PATH)));
    }

    List<LoggedRequest> sendsTo(String psid) {
        return graph.findAll(postRequestedFor(urlPathEqualTo(GraphApiMock.SEND_PATH))
                .withRequestBody(matchingJsonPath("$.recipient.id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(psid))));
    }

    static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    /** Gives detached processing the time to (wrongly) send something. */
    static void settle() {
        try {
            Thread.sleep(WebhookHarness.SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- answering: the 24-hour window, a fresh message ------------------------------------------------------

    @Test
    void signedFixtureIsStoredButTooOldToAnswer() {
        // the fixture exactly as Meta signed it (January 2025): stored, but outside the 24-hour window
        postFixture("fb-messenger-text-arabic-emoji.json").statusCode(200).body(emptyString());
        assertThat(TestDb.rows("select kind, text from inbound_message where channel = 'FACEBOOK'")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("kind", "TEXT")
                        .containsEntry("text", "مرحبا! أريد حجز موعد غداً 👋😊"));
        // the send policy refuses the bot's reply: no row, no Send API call, the reason kept on the message
        await().atMost(Duration.ofSeconds(10)).until(() -> !"RECEIVED".equals(TestDb.value(
                "select state from inbound_message where channel = 'FACEBOOK'")));
        assertThat(TestDb.rows("select state, intent from inbound_message where channel = 'FACEBOOK'"))
                .containsExactly(Map.of("state", "IGNORED", "intent", "OUTSIDE_WINDOW"));
        assertThat(count("select count(*) from outbound_message where channel = 'FACEBOOK'")).isZero();
        assertThat(sends()).isEmpty();
    }

    @Test
    void freshSignedMessageIsAnswered() {
        postSigned(fresh("fb-messenger-text-arabic-emoji.json", Instant.now())).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sendsTo(PSID_1).size() == 1);
        JsonNode sent = body(sendsTo(PSID_1).get(0));
        assertThat(sent.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(sent.path("message").path("text").asText()).isNotBlank();
    }

    // --- batching (F13) -------------------------------------------------------------------------------------

    @Test
    void fieldCaseF13TwoEntriesTwoCaseReplies() {
        String entry = "{\"id\":\"" + PAGE_ID + "\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                + "\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"timestamp\":%d,\"message\":{\"mid\":\"%s\",\"text\":\"%s\"}}]}";
        long t = System.currentTimeMillis();
        String body = "{\"object\":\"page\",\"entry\":[" + entry.formatted(t, PSID_1, t - 10, "m_F13_" + t + "_1", "status 12345")
                + "," + entry.formatted(t + 1, PSID_2, t - 5, "m_F13_" + t + "_2", "status 67890") + "]}";
        postSigned(body).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sends().size() == 2);
        assertThat(body(sendsTo(PSID_1).get(0)).path("message").path("text").asText())
                .contains("12345").contains("Under review");
        assertThat(body(sendsTo(PSID_2).get(0)).path("message").path("text").asText())
                .contains("67890").contains("Awaiting payment");
    }

    // --- echoes (F14) ---------------------------------------------------------------------------------------

    @Test
    void theEchoOfTheBotsOwnReplyIsNotRecordedAgain() {
        String mid = conversationWithReply("status 12345");
        String echo = FbFixtures.text("fb-messenger-echo.json")
                .replace("mid.1457764197618:41d102a3e1ae206a38", mid);
        assertThat(echo).contains(mid);
        postSigned(echo).statusCode(200);
        settle();
        assertThat(TestDb.rows("select origin, from_echo from outbound_message where provider_message_id = ?", mid))
                .containsExactly(Map.of("origin", "BOT", "from_echo", false));
        assertThat(sendsTo(PSID_1)).hasSize(1);
    }

    // --- attachments ----------------------------------------------------------------------------------------

    @Test
    void attachmentGetsAnAnswerAskingForTheNumberAsText() {
        postSigned(fresh("fb-messenger-attachment-sticker.json", Instant.now())).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sends().size() == 1);
        assertThat(TestDb.value("select kind from inbound_message where channel = 'FACEBOOK'")).isEqualTo("ATTACHMENT");
        assertThat(TestDb.value("select intent from inbound_message where channel = 'FACEBOOK'"))
                .isEqualTo("NOT_TEXT");
    }

    // --- receipts -----------------------------------------------------------------------------------------

    /** Posts fb-messenger-text.json with a fresh mid and the given text; returns the reply's mid once sent. */
    static String conversationWithReply(String text) {
        String mid = "m_" + System.nanoTime();
        String body = FbFixtures.text("fb-messenger-text.json")
                .replaceFirst("\"mid\":\"[^\"]+\"", "\"mid\":\"" + mid + "\"")
                .replace("\"text\":\"hi\"", "\"text\":\"" + text + "\"")
                .replace("\"timestamp\":1559102363925", "\"timestamp\":" + System.currentTimeMillis());
        postSigned(body).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDb.rows("select 1 from outbound_message "
                + "where channel = 'FACEBOOK' and status = 'SENT' and recipient = ?", PSID_1).size() == 1);
        return (String) TestDb.value("select provider_message_id from outbound_message where channel = 'FACEBOOK' "
                + "and recipient = ?", PSID_1);
    }

    static String status(String mid) {
        return (String) TestDb.value("select status from outbound_message where channel = 'FACEBOOK' "
                + "and provider_message_id = ?", mid);
    }

    @Test
    void deliveryByMidsThenReadByWatermark() {
        String mid = conversationWithReply("status 12345");
        // the multi-messaging fixture's delivery item, for our mid
        String delivery = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":" + System.currentTimeMillis()
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + PSID_1 + "\"},\"recipient\":{\"id\":\"" + PAGE_ID
                + "\"},\"timestamp\":0,\"delivery\":{\"mids\":[\"" + mid + "\"],\"watermark\":1468152706921,\"seq\":416}}]}]}";
        postSigned(delivery).statusCode(200);
        assertThat(status(mid)).isEqualTo("DELIVERED");
        String read = FbFixtures.text("fb-messenger-read.json")
                .replace("1468152706921", String.valueOf(System.currentTimeMillis()));
        postSigned(read).statusCode(200);
        assertThat(status(mid)).isEqualTo("READ");
        // a late delivery never moves it back
        postSigned(delivery).statusCode(200);
        assertThat(status(mid)).isEqualTo("READ");
    }

    @Test
    void deliveryByWatermarkOnly() {
        String mid = conversationWithReply("status 12345");
        String delivery = FbFixtures.text("fb-messenger-delivery-watermark-only.json")
                .replace("1458668856253", String.valueOf(System.currentTimeMillis()));
        postSigned(delivery).statusCode(200);
        assertThat(status(mid)).isEqualTo("DELIVERED");
        // the fixture as it came (a 2016 watermark) leaves today's message alone
        assertThat(TestDb.value("select delivered_at is not null from outbound_message where provider_message_id = ?", mid))
                .isEqualTo(true);
    }

    @Test
    void oldReadWatermarkDoesNotCoverNewerMessages() {
        String mid = conversationWithReply("status 12345");
        postFixture("fb-messenger-read.json").statusCode(200);
        assertThat(status(mid)).isEqualTo("SENT");
    }

    // --- Graph errors through the engine ------------------------------------------------------------------

    @Test
    void finalGraphErrorIsKeptOnTheMessage() {
        graph.stubFor(post(urlPathEqualTo(GraphApiMock.SEND_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphApiBodies.UNAVAILABLE_551)));
        postSigned(fresh("fb-messenger-text.json", Instant.now())).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDb.rows("select 1 from outbound_message "
                + "where channel = 'FACEBOOK' and status = 'FAILED'").size() == 1);
        Map<String, Object> row = TestDb.rows("select error_code, error_message from outbound_message "
                + "where channel = 'FACEBOOK'").get(0);
        assertThat(row).containsEntry("error_code", "551/1545041");
        assertThat((String) row.get("error_message")).contains("This person isn't available right now");
        settle();
        assertThat(sends()).hasSize(1);
    }

    @Test
    void rateLimitIsRetriedThenSentOnce() {
        graph.stubFor(post(urlPathEqualTo(GraphApiMock.SEND_PATH)).atPriority(1)
                .inScenario("rate").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphApiBodies.RATE_LIMIT_613)).willSetStateTo("ok"));
        postSigned(fresh("fb-messenger-text.json", Instant.now())).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.rows("select 1 from outbound_message "
                + "where channel = 'FACEBOOK' and status = 'SENT'").size() == 1);
        assertThat(sends()).hasSize(2);
        assertThat(TestDb.value("select attempts from outbound_message where channel = 'FACEBOOK'")).isEqualTo(2);
    }

}
