package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.twitter.TwitterWebhooks.US;
import static gov.tawasul.channels.twitter.TwitterWebhooks.delivery;
import static gov.tawasul.channels.twitter.TwitterWebhooks.sendTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The X webhook end to end: real PostgreSQL and Redis, the local case table, a WireMock X API. The table of
 * requests and what they leave behind is {@link TwitterWebhookCases}; the tests below are scenarios: concurrent
 * duplicates, an echo overtaking a delayed send result, a read watermark after a real reply, reply contents, and
 * X's answers to a send (rate limit, recipient refusing our DMs).
 */
@QuarkusTest
@WithTestResource(XApiWireMock.class)
class TwitterWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectXApi
    WireMockServer xApi;

    WebhookHarness harness;

    @BeforeEach
    void clean() {
        harness = new WebhookHarness(TwitterWebhooks.channel(xApi));
        harness.reset();
        TwitterTestData.cleanRedisOnly();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.tawasul.channels.twitter.TwitterWebhookCases#cases")
    void webhook(WebhookCase row) {
        harness.run(row);
    }

    /** The table posts every signed twitter-aaa fixture of the signature vectors (6 of them), each in a row. */
    @Test
    void everySignedFixtureHasARow() {
        List<String> signed = new ArrayList<>();
        TwitterFixtures.json("twitter-signature-vectors.json").at("/signature/fixture_signatures").fieldNames()
                .forEachRemaining(name -> {
                    if (name.startsWith("twitter-aaa-") && TwitterFixtures.exists(name)) {
                        signed.add(name);
                    }
                });
        assertThat(signed).hasSize(6).containsExactlyInAnyOrderElementsOf(TwitterWebhookCases.FIXTURES);
    }

    private ValidatableResponse deliver(byte[] body) {
        return harness.post(delivery(body), now());
    }

    private List<LoggedRequest> dmsTo(String recipient) {
        return TwitterWebhooks.sendsTo(xApi, recipient);
    }

    private static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    private static List<Map<String, Object>> outboundTo(String citizen) {
        return TestDb.rows("select origin, sender, text, status, provider_message_id from outbound_message"
                + " where channel = 'TWITTER' and recipient = ? order by id", citizen);
    }

    /** Gives detached processing the time to (wrongly) send something. */
    private static void settle() throws InterruptedException {
        Thread.sleep(WebhookHarness.SETTLE.toMillis());
    }

    @Test
    void sameEventIdAtOnceIsStoredAndAnsweredOnce() throws Exception {
        String citizen = "1000000000000000777";
        byte[] body = TwitterTestData.dmFromFixture("1100000000000000700", citizen, "help");

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> deliver(body).extract().statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> deliver(body).extract().statusCode());
        assertThat(first.get()).isEqualTo(200);
        assertThat(second.get()).isEqualTo(200);
        deliver(body).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        settle();
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(count("select count(*) from inbound_message where provider_message_id = '1100000000000000700'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from outbound_message where recipient = ?", citizen)).isEqualTo(1);
    }

    /**
     * X delivers the echo of the bot's reply while the send call is still waiting for its response: the echo is
     * recorded first, then gives way to the bot's row when the send result is stored. Nothing is answered twice.
     */
    @Test
    void echoThatOvertakesTheSendResultGivesWayToTheBotsRow() throws Exception {
        String citizen = "1000000000000000303";
        String replyId = "1100000000000000393";
        xApi.stubFor(sendTo(citizen).willReturn(XApiStubs.created(replyId, citizen, "help text").withFixedDelay(3000)));
        deliver(TwitterTestData.dmFromFixture("1100000000000000303", citizen, "help")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("status"))
                .containsExactly(tuple("BOT", "SENDING"));

        byte[] echo = TwitterTestData.ownDm(replyId, citizen, "help text", XApiWireMock.APP_ID);
        deliver(echo).statusCode(200);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("provider_message_id"))
                .containsExactly(tuple("BOT", null), tuple("AGENT", replyId));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'"
                        + " and origin = 'BOT'", citizen) == 1);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("provider_message_id"))
                .containsExactly(tuple("BOT", replyId));
        deliver(echo).statusCode(200);
        Thread.sleep(1000);
        assertThat(outboundTo(citizen)).hasSize(1);
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(dmsTo(US)).isEmpty();
    }

    @Test
    void markReadMarksOurRepliesRead() {
        String citizen = "1000000000000000888";
        deliver(TwitterTestData.dmFromFixture("1100000000000000800", citizen, "help")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);
        String replyId = (String) TestDb.value("select provider_message_id from outbound_message where recipient = ?",
                citizen);

        byte[] read = TwitterFixtures.text("twitter-aaa-mark-read.json")
                .replace("\"sender_id\":\"1000000000000000002\"", "\"sender_id\":\"" + citizen + "\"")
                .replace("\"last_read_event_id\":\"1100000000000000001\"", "\"last_read_event_id\":\"" + replyId + "\"")
                .getBytes(StandardCharsets.UTF_8);
        deliver(read).statusCode(200);

        Map<String, Object> row = TestDb.rows("select status, read_at from outbound_message where recipient = ?",
                citizen).get(0);
        assertThat(row.get("status")).isEqualTo("READ");
        assertThat(row.get("read_at")).isNotNull();
    }

    /** The registered contact's DM with a case number, as each envelope brings it (X's escaping kept). */
    static Stream<Arguments> caseNumberDms() {
        String citizen = TwitterWebhooks.FIXTURE_CITIZEN;
        return Stream.of(
                Arguments.of("Account Activity (the unicode fixture, re-signed)", "1100000000000000900",
                        TwitterTestData.dmFromFixture("1100000000000000900", citizen, "حالة القضية ١٢٣٤٥")),
                Arguments.of("X Activity dm.received", "2080765901528535002",
                        TwitterTestData.dmReceived(US, "2080765901528535002", citizen, "حالة القضية ١٢٣٤٥")));
    }

    /** One webhook to the DM request that answers it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNumberDms")
    void caseNumberInADmIsAnsweredWithTheCaseStatus(String envelope, String eventId, byte[] body) throws Exception {
        String citizen = TwitterWebhooks.FIXTURE_CITIZEN;
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\\u062d\\u0627\\u0644\\u0629");

        deliver(body).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        JsonNode request = JSON.readTree(dmsTo(citizen).get(0).getBodyAsString());
        assertThat(request.at("/event/type").asText()).isEqualTo("message_create");
        assertThat(request.at("/event/message_create/target/recipient_id").asText()).isEqualTo(citizen);
        String text = request.at("/event/message_create/message_data/text").asText();
        assertThat(text).contains("12345").contains("قيد الدراسة").contains("إدارة الخدمات الإلكترونية");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);
        assertThat(TestDb.value("select text from inbound_message where provider_message_id = ?", eventId))
                .isEqualTo("حالة القضية ١٢٣٤٥");
        assertThat((String) TestDb.value("select provider_message_id from outbound_message where recipient = ?",
                citizen)).startsWith("11").hasSize(19);
    }

    @Test
    void rateLimitedReplyIsSentOnceAfterTheReset() {
        String citizen = "1000000000000000955";
        xApi.stubFor(sendTo(citizen).inScenario("429").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
                .willReturn(XApiStubs.rateLimited(Instant.now().plusSeconds(3))));

        deliver(TwitterTestData.dmFromFixture("1100000000000000950", citizen, "help")).statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> dmsTo(citizen).size() == 2);
        List<LoggedRequest> tries = dmsTo(citizen);
        assertThat(Duration.between(tries.get(0).getLoggedDate().toInstant(), tries.get(1).getLoggedDate().toInstant()))
                .isGreaterThan(Duration.ofMillis(1500));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);
        assertThat(count("select attempts from outbound_message where recipient = ?", citizen)).isEqualTo(2);
    }

    @Test
    void recipientWhoDoesNotAcceptOurDmsIsAFinalFailureWithItsCode() throws Exception {
        String citizen = "1000000000000000960";
        xApi.stubFor(sendTo(citizen).willReturn(XApiStubs.error(403, 349, "You cannot send messages to this user.")));

        deliver(TwitterTestData.dmFromFixture("1100000000000000960", citizen, "help")).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'FAILED'", citizen) == 1);
        assertThat(TestDb.value("select error_code from outbound_message where recipient = ?", citizen))
                .isEqualTo("349");
        settle();
        assertThat(dmsTo(citizen)).hasSize(1);
    }
}
