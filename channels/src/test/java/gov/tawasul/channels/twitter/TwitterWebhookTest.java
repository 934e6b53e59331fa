package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** The X webhook end to end: real PostgreSQL and Redis, the local case table, a WireMock X API. */
@QuarkusTest
@WithTestResource(XApiWireMock.class)
class TwitterWebhookTest {

    @InjectXApi
    WireMockServer xApi;

    static final String US = "1000000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void clean() {
        TwitterTestData.clean();
        xApi.resetAll();
        XApiWireMock.stubDefaultSend(xApi);
    }

    private static ValidatableResponse deliver(byte[] body, String signature) {
        var request = given().contentType("application/json; charset=utf-8").body(body);
        if (signature != null) {
            request.header(TwitterSignatureVerifier.HEADER, signature);
        }
        return request.post("/webhooks/twitter").then();
    }

    private List<LoggedRequest> dmsTo(String recipient) {
        return xApi.findAll(postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT))
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(recipient))));
    }

    private static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    @Test
    void crcIsAnsweredWithTheBase64Token() {
        given().queryParam("crc_token", "fixture-crc-token-0001").queryParam("nonce", "fixture-nonce")
                .get("/webhooks/twitter")
                .then().statusCode(200).contentType("application/json")
                .body("response_token", org.hamcrest.Matchers.equalTo("sha256=pzXeGRl6uxsxALQkSdcshMLd+aX7nzB5o3CkqT6UpXQ="))
                .time(org.hamcrest.Matchers.lessThan(3000L));
    }

    @Test
    void crcWithoutTokenIsABadRequest() {
        given().get("/webhooks/twitter")
                .then().statusCode(400).contentType("application/problem+json").body("status", org.hamcrest.Matchers.equalTo(400));
    }

    @Test
    void forgedOrMissingSignatureIs403AndNothingIsStored() {
        byte[] body = TwitterFixtures.bytes("twitter-aaa-dm-event.json");
        deliver(body, "sha256=qtRO0sJ7EcmpQKscOsj4Ix5cAGnaCjKbt5xcsh/X9ys=")
                .statusCode(403).contentType("application/problem+json");
        deliver(body, HmacSha256Forgery.withWrongSecret(body)).statusCode(403);
        deliver(body, null).statusCode(403).contentType("application/problem+json");
        byte[] xActivity = TwitterTestData.dmReceived(US, "2080765901528535001", "1000000000000000401", "help");
        deliver(xActivity, HmacSha256Forgery.withWrongSecret(xActivity)).statusCode(403)
                .contentType("application/problem+json");
        deliver(xActivity, TwitterTestData.sign(body)).statusCode(403);
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
        assertThat(count("select count(*) from conversation where channel = 'TWITTER'")).isZero();
    }

    @Test
    void everyFixtureIsAcceptedWithItsPublishedSignature() {
        JsonNode fixtures = TwitterFixtures.json("twitter-signature-vectors.json").at("/signature/fixture_signatures");
        int delivered = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = fixtures.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("twitter-aaa-") && TwitterFixtures.exists(e.getKey())) {
                deliver(TwitterFixtures.bytes(e.getKey()), e.getValue().get("x_twitter_webhooks_signature").asText())
                        .statusCode(200);
                delivered++;
            }
        }
        assertThat(delivered).isEqualTo(6);
        assertThat(TestDb.rows("select provider_message_id, kind, coalesce(payload, '') as payload from inbound_message where channel = 'TWITTER'"
                + " order by provider_message_id")).containsExactly(
                Map.of("provider_message_id", "1100000000000000001", "kind", "TEXT", "payload", ""),
                Map.of("provider_message_id", "1100000000000000002", "kind", "TEXT", "payload", ""),
                Map.of("provider_message_id", "1100000000000000004", "kind", "POSTBACK", "payload", "abuse_toomuch"),
                Map.of("provider_message_id", "1100000000000000005", "kind", "ATTACHMENT", "payload", ""));
        assertThat(TestDb.value("select citizen_name from conversation where channel = 'TWITTER'"))
                .isEqualTo("test_sender");
    }

    private static List<Map<String, Object>> outboundTo(String citizen) {
        return TestDb.rows("select origin, sender, text, status, provider_message_id from outbound_message"
                + " where channel = 'TWITTER' and recipient = ? order by id", citizen);
    }

    /** F18: a DM staff typed in X's own app comes back: one staff message, never answered, never stored as inbound. */
    @Test
    void staffDmTypedInXIsRecordedOnceAsAStaffMessage() throws Exception {
        String citizen = "1000000000000000301";
        byte[] staff = TwitterTestData.ownDm("1100000000000000301", citizen, "نحن نراجع طلبك", "3033300");

        deliver(staff, TwitterTestData.sign(staff)).statusCode(200);
        deliver(staff, TwitterTestData.sign(staff)).statusCode(200);

        Thread.sleep(1500);
        assertThat(outboundTo(citizen)).containsExactly(Map.of("origin", "AGENT", "sender", US,
                "text", "نحن نراجع طلبك", "status", "SENT", "provider_message_id", "1100000000000000301"));
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
        assertThat(xApi.findAll(postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT)))).isEmpty();
    }

    /** The echo of the bot's reply after its send result was stored: the bot's row is the only one. */
    @Test
    void echoOfTheBotsReplyIsNeitherRecordedAgainNorAnswered() throws Exception {
        String citizen = "1000000000000000302";
        String replyId = "1100000000000000392";
        xApi.stubFor(post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(citizen)))
                .willReturn(XApiStubs.created(replyId, citizen, "help text")));
        byte[] dm = TwitterTestData.dmFromFixture("1100000000000000302", citizen, "help");
        deliver(dm, TwitterTestData.sign(dm)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);

        byte[] echo = TwitterTestData.ownDm(replyId, citizen, "help text", XApiWireMock.APP_ID);
        deliver(echo, TwitterTestData.sign(echo)).statusCode(200);
        deliver(echo, TwitterTestData.sign(echo)).statusCode(200);
        byte[] sent = TwitterTestData.dmSent(US, replyId, citizen, "help text");
        deliver(sent, TwitterTestData.sign(sent)).statusCode(200);

        Thread.sleep(1500);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("provider_message_id"))
                .containsExactly(tuple("BOT", replyId));
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isEqualTo(1);
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(dmsTo(US)).isEmpty();
    }

    /**
     * X delivers the echo of the bot's reply while the send call is still waiting for its response: the echo is
     * recorded first, then gives way to the bot's row when the send result is stored. Nothing is answered twice.
     */
    @Test
    void echoThatOvertakesTheSendResultGivesWayToTheBotsRow() throws Exception {
        String citizen = "1000000000000000303";
        String replyId = "1100000000000000393";
        xApi.stubFor(post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(citizen)))
                .willReturn(XApiStubs.created(replyId, citizen, "help text").withFixedDelay(3000)));
        byte[] dm = TwitterTestData.dmFromFixture("1100000000000000303", citizen, "help");
        deliver(dm, TwitterTestData.sign(dm)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("status"))
                .containsExactly(tuple("BOT", "SENDING"));

        byte[] echo = TwitterTestData.ownDm(replyId, citizen, "help text", XApiWireMock.APP_ID);
        deliver(echo, TwitterTestData.sign(echo)).statusCode(200);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("provider_message_id"))
                .containsExactly(tuple("BOT", null),
                        tuple("AGENT", replyId));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'"
                        + " and origin = 'BOT'", citizen) == 1);
        assertThat(outboundTo(citizen)).extracting(r -> r.get("origin"), r -> r.get("provider_message_id"))
                .containsExactly(tuple("BOT", replyId));
        deliver(echo, TwitterTestData.sign(echo)).statusCode(200);
        Thread.sleep(1000);
        assertThat(outboundTo(citizen)).hasSize(1);
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(dmsTo(US)).isEmpty();
    }

    @Test
    void malformedJsonIsABadRequestAndNothingIsStored() {
        for (String body : new String[]{"{\"for_user_id\":\"1000000000000000001\",", "[1,2]", "{\"data\":{\"event_type\":"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            deliver(bytes, TwitterTestData.sign(bytes)).statusCode(400).contentType("application/problem+json")
                    .body("status", org.hamcrest.Matchers.equalTo(400));
        }
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
    }

    /** X Activity API: a citizen's {@code dm.received}, delivered twice, is stored and answered once. */
    @Test
    void xActivityDmReceivedIsStoredAndAnsweredOnce() throws Exception {
        String citizen = "1000000000000000002"; // the registered contact of case 12345
        byte[] body = TwitterTestData.dmReceived(US, "2080765901528535002", citizen, "حالة القضية ١٢٣٤٥");

        deliver(body, TwitterTestData.sign(body)).statusCode(200);
        deliver(body, TwitterTestData.sign(body)).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        String text = JSON.readTree(dmsTo(citizen).get(0).getBodyAsString())
                .at("/event/message_create/message_data/text").asText();
        assertThat(text).contains("12345").contains("قيد الدراسة");
        Thread.sleep(1500);
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(TestDb.rows("select provider_message_id, kind, text from inbound_message where channel = 'TWITTER'"))
                .containsExactly(Map.of("provider_message_id", "2080765901528535002", "kind", "TEXT",
                        "text", "حالة القضية ١٢٣٤٥"));
        assertThat(TestDb.value("select citizen_name from conversation where citizen_address = ?", citizen))
                .isEqualTo("u1000000000000000002");
    }

    /** X Activity API: a {@code dm.sent} staff typed in X's app is one staff message, never answered. */
    @Test
    void xActivityDmSentByStaffIsRecordedOnce() throws Exception {
        String citizen = "1000000000000000403";
        byte[] body = TwitterTestData.dmSent(US, "2080763914820927803", citizen, "Thanks for the update!");

        deliver(body, TwitterTestData.sign(body)).statusCode(200);
        deliver(body, TwitterTestData.sign(body)).statusCode(200);

        Thread.sleep(1500);
        assertThat(outboundTo(citizen)).containsExactly(Map.of("origin", "AGENT", "sender", US,
                "text", "Thanks for the update!", "status", "SENT", "provider_message_id", "2080763914820927803"));
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
        assertThat(xApi.findAll(postRequestedFor(urlPathEqualTo(XApiStubs.NEW_EVENT)))).isEmpty();
    }

    /** X Activity API: {@code filter.user_id} of another account (or none) is dropped like {@code for_user_id}. */
    @Test
    void xActivityEventsOfAnotherAccountAreDropped() throws Exception {
        String citizen = "1000000000000000404";
        byte[] theirs = TwitterTestData.dmReceived("1000000000000000555", "2080765901528535004", citizen, "help");
        byte[] none = TwitterTestData.dmReceived("", "2080765901528535005", citizen, "help");
        deliver(theirs, TwitterTestData.sign(theirs)).statusCode(200);
        deliver(none, TwitterTestData.sign(none)).statusCode(200);
        Thread.sleep(1000);
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
        assertThat(dmsTo(citizen)).isEmpty();
    }

    @Test
    void sameEventIdTwiceIsStoredAndAnsweredOnce() throws Exception {
        String citizen = "1000000000000000777";
        byte[] body = TwitterTestData.dmFromFixture("1100000000000000700", citizen, "help");
        String signature = TwitterTestData.sign(body);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> deliver(body, signature).extract().statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> deliver(body, signature).extract().statusCode());
        assertThat(first.get()).isEqualTo(200);
        assertThat(second.get()).isEqualTo(200);
        deliver(body, signature).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        Thread.sleep(1500);
        assertThat(dmsTo(citizen)).hasSize(1);
        assertThat(count("select count(*) from inbound_message where provider_message_id = '1100000000000000700'")).isEqualTo(1);
        assertThat(count("select count(*) from outbound_message where recipient = ?", citizen)).isEqualTo(1);
    }

    @Test
    void eventsOfAnotherSubscribedAccountAreDroppedNotAnswered() throws Exception {
        String citizen = "1000000000000000999";
        byte[] ours = TwitterTestData.dmFromFixture("1100000000000000900", citizen, "help");
        byte[] theirs = new String(ours, StandardCharsets.UTF_8)
                .replace("\"for_user_id\":\"1000000000000000001\"", "\"for_user_id\":\"1000000000000000555\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(theirs).isNotEqualTo(ours);
        deliver(theirs, TwitterTestData.sign(theirs)).statusCode(200);
        Thread.sleep(1000);
        assertThat(count("select count(*) from inbound_message where provider_message_id = '1100000000000000900'"))
                .isZero();
        assertThat(dmsTo(citizen)).isEmpty();
    }

    @Test
    void markReadMarksOurRepliesRead() {
        String citizen = "1000000000000000888";
        byte[] dm = TwitterTestData.dmFromFixture("1100000000000000800", citizen, "help");
        deliver(dm, TwitterTestData.sign(dm)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);
        String replyId = (String) TestDb.value("select provider_message_id from outbound_message where recipient = ?", citizen);

        byte[] read = TwitterFixtures.text("twitter-aaa-mark-read.json")
                .replace("\"sender_id\":\"1000000000000000002\"", "\"sender_id\":\"" + citizen + "\"")
                .replace("\"last_read_event_id\":\"1100000000000000001\"", "\"last_read_event_id\":\"" + replyId + "\"")
                .getBytes(StandardCharsets.UTF_8);
        deliver(read, TwitterTestData.sign(read)).statusCode(200);

        Map<String, Object> row = TestDb.rows("select status, read_at from outbound_message where recipient = ?", citizen).get(0);
        assertThat(row.get("status")).isEqualTo("READ");
        assertThat(row.get("read_at")).isNotNull();
    }

    /** One fixture webhook (re-signed, X's escaping kept) to the DM request that answers it. */
    @Test
    void caseNumberInADmIsAnsweredWithTheCaseStatus() throws Exception {
        String citizen = "1000000000000000002";
        byte[] body = TwitterTestData.dmFromFixture("1100000000000000900", citizen, "حالة القضية ١٢٣٤٥");
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\\u062d\\u0627\\u0644\\u0629");

        deliver(body, TwitterTestData.sign(body)).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(citizen).size() == 1);
        JsonNode request = JSON.readTree(dmsTo(citizen).get(0).getBodyAsString());
        assertThat(request.at("/event/type").asText()).isEqualTo("message_create");
        assertThat(request.at("/event/message_create/target/recipient_id").asText()).isEqualTo(citizen);
        String text = request.at("/event/message_create/message_data/text").asText();
        assertThat(text).contains("12345").contains("قيد الدراسة").contains("إدارة الخدمات الإلكترونية");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'SENT'", citizen) == 1);
        assertThat(TestDb.value("select text from inbound_message where provider_message_id = '1100000000000000900'"))
                .isEqualTo("حالة القضية ١٢٣٤٥");
        assertThat((String) TestDb.value("select provider_message_id from outbound_message where recipient = ?", citizen))
                .startsWith("11").hasSize(19);
    }

    @Test
    void rateLimitedReplyIsSentOnceAfterTheReset() {
        String citizen = "1000000000000000955";
        xApi.stubFor(post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(citizen)))
                .inScenario("429").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
                .willReturn(XApiStubs.rateLimited(Instant.now().plusSeconds(3))));
        byte[] dm = TwitterTestData.dmFromFixture("1100000000000000950", citizen, "help");

        deliver(dm, TwitterTestData.sign(dm)).statusCode(200);

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
        xApi.stubFor(post(urlPathEqualTo(XApiStubs.NEW_EVENT)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.event.message_create.target.recipient_id", equalTo(citizen)))
                .willReturn(XApiStubs.error(403, 349, "You cannot send messages to this user.")));
        byte[] dm = TwitterTestData.dmFromFixture("1100000000000000960", citizen, "help");

        deliver(dm, TwitterTestData.sign(dm)).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from outbound_message where recipient = ? and status = 'FAILED'", citizen) == 1);
        assertThat(TestDb.value("select error_code from outbound_message where recipient = ?", citizen)).isEqualTo("349");
        Thread.sleep(1500);
        assertThat(dmsTo(citizen)).hasSize(1);
    }

    /** A signature made with another secret, the mistake of using a bearer or access token. */
    static final class HmacSha256Forgery {
        static String withWrongSecret(byte[] body) {
            return gov.tawasul.channels.common.HmacSha256.base64Header(TestTwitterConfig.ACCESS_TOKEN_SECRET, body);
        }
    }
}
