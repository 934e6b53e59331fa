package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poll mode against a WireMock X API v2: two pages of events, a 429 between them, a restart (a fresh poller) that
 * resumes from the stored cursor. Pages follow the shape of x-api-v2-dm-events-response.json.
 */
@QuarkusTest
@WithTestResource(XApiWireMock.class)
class TwitterPollTest {

    @InjectXApi
    WireMockServer xApi;

    static final String US = "1000000000000000001";
    static final String CITIZEN = "1000000000000000002";
    static final String CONVERSATION = CITIZEN + "-" + US;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DmEventsClient client;
    @Inject
    Inbox inbox;
    @Inject
    PollCursor cursor;
    @Inject
    EngineContext context;

    @BeforeEach
    void clean() {
        TwitterTestData.clean();
        xApi.resetAll();
        XApiWireMock.stubDefaultSend(xApi);
    }

    private DmPoller freshPoller() {
        return new DmPoller(client, inbox, cursor, context, US, Duration.ofHours(1), Clock.systemUTC());
    }

    private static DmPoller.Outcome poll(DmPoller poller) {
        try {
            return VertxContextSupport.subscribeAndAwait(poller::pollOnce);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** A page in the v2 wire format: the fixture's includes, our events, a next_token or none. */
    private static String page(List<ObjectNode> events, String nextToken) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("x-api-v2-dm-events-response.json"));
        ArrayNode data = root.putArray("data");
        events.forEach(data::add);
        ObjectNode meta = root.putObject("meta");
        meta.put("result_count", events.size());
        if (nextToken != null) {
            meta.put("next_token", nextToken);
        }
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode event(String id, String sender, String text, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("sender_id", sender).put("text", text)
                .put("created_at", at.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("event_type", "MessageCreate").put("dm_conversation_id", CONVERSATION);
        return e;
    }

    private static MappingBuilder dmEvents(String token) {
        return get(urlPathEqualTo("/2/dm_events"))
                .withQueryParam("dm_event.fields", equalTo("created_at,sender_id,text,dm_conversation_id"))
                .withQueryParam("event_types", equalTo("MessageCreate"))
                .withQueryParam("pagination_token", token == null ? absent() : equalTo(token))
                .withHeader("Authorization", matching("OAuth .*oauth_signature=\"[^\"]+\".*"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-rate-limit-limit", "300").withHeader("x-rate-limit-remaining", "299")
                .withHeader("x-rate-limit-reset", Long.toString(reset)).withBody(body);
    }

    private int requests(String token) {
        return xApi.findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))
                .withQueryParam("pagination_token", token == null ? absent() : equalTo(token))).size();
    }

    @Test
    void twoPagesA429AndARestartThatResumesFromTheCursor() throws Exception {
        Instant t = Instant.now().minusSeconds(600);
        ObjectNode e1 = event("1585047616894574001", CITIZEN, "status 12345", t);
        ObjectNode e2 = event("1585047616894574002", US, "our earlier answer", t.plusSeconds(10));
        ObjectNode e3 = event("1585047616894574003", CITIZEN, "help", t.plusSeconds(20));
        ObjectNode e4 = event("1585047616894574004", CITIZEN, "حالة القضية ٢٠٢٤/١٢٣٤٥", t.plusSeconds(30));
        var x = xApi;
        x.stubFor(dmEvents(null).willReturn(ok(page(List.of(e4, e3), "18LAA581J5II7LA00C00ZZZZ"))));
        long reset = Instant.now().plusSeconds(2).getEpochSecond();
        x.stubFor(dmEvents("18LAA581J5II7LA00C00ZZZZ").inScenario("p2").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-rate-limit-limit", "300").withHeader("x-rate-limit-remaining", "0")
                        .withHeader("x-rate-limit-reset", Long.toString(reset))
                        .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));
        x.stubFor(dmEvents("18LAA581J5II7LA00C00ZZZZ").inScenario("p2").whenScenarioStateIs("ok")
                .willReturn(ok(page(List.of(e2, e1), null))));

        DmPoller first = freshPoller();
        DmPoller.Outcome limited = poll(first);
        assertThat(limited.status()).isEqualTo(DmPoller.Outcome.Status.RATE_LIMITED);
        assertThat(first.notBefore()).isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isZero();
        assertThat(poll(first).status()).isEqualTo(DmPoller.Outcome.Status.WAITING);
        assertThat(requests("18LAA581J5II7LA00C00ZZZZ")).isEqualTo(1);

        Thread.sleep(Duration.between(Instant.now(), Instant.ofEpochSecond(reset)).toMillis() + 50);
        DmPoller.Outcome done = poll(first);
        assertThat(done.status()).isEqualTo(DmPoller.Outcome.Status.DONE);
        assertThat(done.pages()).isEqualTo(1);
        assertThat(done.fed()).isEqualTo(4);
        assertThat(requests(null)).isEqualTo(1);
        assertThat(TestDb.rows("select provider_message_id, text from inbound_message where channel = 'TWITTER'"
                + " order by id")).extracting(r -> r.get("provider_message_id"))
                .containsExactly("1585047616894574001", "1585047616894574003", "1585047616894574004");
        assertThat(TestDb.value("select citizen_name from conversation where channel = 'TWITTER'")).isEqualTo("test_sender");
        assertThat(TestDb.rows("select origin, text from outbound_message where provider_message_id = '1585047616894574002'"))
                .containsExactly(java.util.Map.of("origin", "AGENT", "text", "our earlier answer"));

        // restart: a new poller (nothing in memory) meets two newer events, then the stored cursor
        ObjectNode e5 = event("1585047616894574005", CITIZEN, "1446-000123", t.plusSeconds(40));
        ObjectNode e6 = event("1585047616894574006", CITIZEN, "شكرا", t.plusSeconds(50));
        x.stubFor(dmEvents(null).willReturn(ok(page(List.of(e6, e5, e4, e3), "18LAA581J5II7LA00C00ZZZZ"))));
        DmPoller restarted = freshPoller();
        DmPoller.Outcome resumed = poll(restarted);

        assertThat(resumed.status()).isEqualTo(DmPoller.Outcome.Status.DONE);
        assertThat(resumed.pages()).isEqualTo(1);
        assertThat(resumed.fed()).isEqualTo(2);
        assertThat(requests("18LAA581J5II7LA00C00ZZZZ")).isEqualTo(2);
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isEqualTo(5);

        // nothing new: one request, nothing fed
        DmPoller.Outcome idle = poll(restarted);
        assertThat(idle.status()).isEqualTo(DmPoller.Outcome.Status.DONE);
        assertThat(idle.fed()).isZero();
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isEqualTo(5);
    }

    @Test
    void firstStartIgnoresHistoryOlderThanTheLookback() throws Exception {
        ObjectNode recent = event("1585047616894575002", CITIZEN, "help", Instant.now().minusSeconds(60));
        ObjectNode old = event("1585047616894575001", CITIZEN, "old question", Instant.now().minus(Duration.ofDays(3)));
        xApi.stubFor(dmEvents(null).willReturn(ok(page(List.of(recent, old), "NEVER_FOLLOWED"))));

        DmPoller.Outcome outcome = poll(freshPoller());

        assertThat(outcome.status()).isEqualTo(DmPoller.Outcome.Status.DONE);
        assertThat(outcome.fed()).isEqualTo(1);
        assertThat(requests("NEVER_FOLLOWED")).isZero();
        assertThat(TestDb.value("select provider_message_id from inbound_message where channel = 'TWITTER'"))
                .isEqualTo("1585047616894575002");
    }

    @Test
    void cursorFallsBackToTheNewestStoredEvent() throws Exception {
        ObjectNode e1 = event("1585047616894576001", CITIZEN, "help", Instant.now().minusSeconds(30));
        xApi.stubFor(dmEvents(null).willReturn(ok(page(List.of(e1), null))));
        poll(freshPoller());
        TwitterTestData.cleanRedisOnly();

        ObjectNode e2 = event("1585047616894576002", CITIZEN, "thanks", Instant.now().minusSeconds(10));
        xApi.stubFor(dmEvents(null).willReturn(ok(page(List.of(e2, e1), "NEVER_FOLLOWED"))));
        DmPoller.Outcome outcome = poll(freshPoller());

        assertThat(outcome.fed()).isEqualTo(1);
        assertThat(requests("NEVER_FOLLOWED")).isZero();
        assertThat(TestDb.rows("select provider_message_id from inbound_message where channel = 'TWITTER'"
                + " order by id")).extracting(r -> r.get("provider_message_id"))
                .containsExactly("1585047616894576001", "1585047616894576002");
    }

    /** The bot's own reply comes back in a later poll (its event id): not recorded again, never answered. */
    @Test
    void theBotsReplyComingBackInAPollIsNotRecordedAgain() throws Exception {
        ObjectNode question = event("1585047616894577001", CITIZEN, "help", Instant.now().minusSeconds(30));
        String replyId = "1585047616894577002";
        xApi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(XApiStubs.NEW_EVENT))
                .atPriority(1).willReturn(XApiStubs.created(replyId, CITIZEN, "sent")));
        xApi.stubFor(dmEvents(null).willReturn(ok(page(List.of(question), null))));
        DmPoller poller = freshPoller();
        poll(poller);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from outbound_message where channel = 'TWITTER' and status = 'SENT'") == 1);
        assertThat(TestDb.value("select provider_message_id from outbound_message where channel = 'TWITTER'"))
                .isEqualTo(replyId);

        ObjectNode reply = event(replyId, US, "sent", Instant.now());
        xApi.stubFor(dmEvents(null).willReturn(ok(page(List.of(reply, question), null))));
        DmPoller.Outcome outcome = poll(poller);

        assertThat(outcome.status()).isEqualTo(DmPoller.Outcome.Status.DONE);
        assertThat(outcome.fed()).isEqualTo(1);
        Thread.sleep(1000);
        assertThat(TestDb.rows("select origin, provider_message_id from outbound_message where channel = 'TWITTER'"))
                .containsExactly(java.util.Map.of("origin", "BOT", "provider_message_id", replyId));
        assertThat(count("select count(*) from inbound_message where channel = 'TWITTER'")).isEqualTo(1);
        assertThat(xApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo(XApiStubs.NEW_EVENT)))).hasSize(1);
    }

    private static long count(String sql) {
        return ((Number) TestDb.value(sql)).longValue();
    }
}
