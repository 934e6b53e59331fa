package gov.tawasul.channels.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.QuickReply;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.policy.SendDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class MessengerSenderTest {

    static final String PATH = "/v21.0/me/messages";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static WireMockServer graph;

    MessengerSender sender;

    @BeforeAll
    static void start() {
        graph = new WireMockServer(options().dynamicPort());
        graph.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void reset() {
        graph.resetAll();
        sender = sender("TOKEN-1", "v21.0");
    }

    MessengerSender sender(String token, String version) {
        return new MessengerSender(new GraphClients(graph.baseUrl(), version, token, FbFixtures.APP_SECRET,
                Duration.ofSeconds(2)), token);
    }

    /** A bot reply without send options (sent as RESPONSE). */
    static OutboundMessage reply(String text) {
        return message(Origin.BOT, text, Map.of());
    }

    static OutboundMessage message(Origin origin, String text, Map<String, String> options) {
        return new OutboundMessage(7, origin, Channel.FACEBOOK, new Address(Channel.FACEBOOK, FbFixtures.PSID_1),
                new Address(Channel.FACEBOOK, FbFixtures.PAGE_ID), text, "en",
                List.of(new QuickReply("Another case", "ANOTHER_CASE"), new QuickReply("Help", "HELP")),
                options, 1);
    }

    JsonNode onlyRequestBody() throws Exception {
        assertThat(graph.getAllServeEvents()).hasSize(1);
        return new ObjectMapper().readTree(graph.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    void answer(int status, String body) {
        graph.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
    }

    @Test
    void acceptedWithMessageIdAndRealRequestBody() throws Exception {
        answer(200, GraphApiBodies.accepted(FbFixtures.PSID_1, "m_AcceptedFakeMid0001"));
        SendResult r = sender.send(reply("Case 1446-000123: Under review 👋"));

        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(r.providerMessageId()).isEqualTo("m_AcceptedFakeMid0001");
        assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);

        List<LoggedRequest> requests = graph.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer TOKEN-1"))
                .withHeader("Content-Type", matching("application/json.*"))
                .withQueryParam("appsecret_proof", matching("[0-9a-f]{64}")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getUrl()).doesNotContain("TOKEN-1");
        JsonNode body = new ObjectMapper().readTree(requests.get(0).getBodyAsString());
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(FbFixtures.PSID_1);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.has("tag")).isFalse();
        assertThat(body.path("message").path("text").asText()).isEqualTo("Case 1446-000123: Under review 👋");
        assertThat(body.path("message").path("metadata").asText()).isEqualTo("tawasul:out:7"); // our outbound id, for the echo
        JsonNode qr = body.path("message").path("quick_replies");
        assertThat(qr).hasSize(2);
        assertThat(qr.get(0).path("content_type").asText()).isEqualTo("text");
        assertThat(qr.get(0).path("title").asText()).isEqualTo("Another case");
        assertThat(qr.get(0).path("payload").asText()).isEqualTo("ANOTHER_CASE");
        assertThat(qr.get(1).path("payload").asText()).isEqualTo("HELP");
    }

    @Test
    void versionIsConfigurable() {
        graph.stubFor(post(urlPathEqualTo("/v23.0/me/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(GraphApiBodies.accepted(FbFixtures.PSID_1, "m_v23"))));
        assertThat(sender("TOKEN-1", "v23.0").send(reply("hi")).providerMessageId()).isEqualTo("m_v23");
    }

    @Test
    void limitsTextAndQuickReplyTitles() throws Exception {
        answer(200, GraphApiBodies.accepted(FbFixtures.PSID_1, "m_long"));
        OutboundMessage m = new OutboundMessage(8, Origin.BOT, Channel.FACEBOOK, new Address(Channel.FACEBOOK, FbFixtures.PSID_1),
                new Address(Channel.FACEBOOK, FbFixtures.PAGE_ID), "ت".repeat(2500), "ar",
                List.of(new QuickReply("استعلام عن معاملة أخرى الآن", "ANOTHER_CASE")), Map.of(), 1);
        assertThat(sender.maxTextLength()).isEqualTo(2000);
        assertThat(sender.send(m).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        JsonNode body = new ObjectMapper().readTree(graph.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.path("message").path("text").asText()).hasSize(2000);
        assertThat(body.path("message").path("quick_replies").get(0).path("title").asText()).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void agentMessageAfterTheWindowCarriesTheHumanAgentTag() throws Exception {
        answer(200, GraphApiBodies.accepted(FbFixtures.PSID_1, "m_HumanAgent0001"));
        ConversationView view = new ConversationView(3, new Address(Channel.FACEBOOK, FbFixtures.PSID_1),
                new Address(Channel.FACEBOOK, FbFixtures.PAGE_ID), ConversationState.WITH_AGENT, "en",
                NOW.minus(Duration.ofDays(3)), false);
        SendDecision.Allow allow = (SendDecision.Allow) new MessengerPolicy()
                .decide(Origin.AGENT, "Your file was found, see you Sunday.", view, NOW);

        // the message still carries the old lastInboundAt: the sender no longer checks a window of its own
        SendResult r = sender.send(new OutboundMessage(9, Origin.AGENT, Channel.FACEBOOK, view.citizen(), view.bot(),
                allow.text(), "en", List.of(), allow.options(), 1));

        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(r.providerMessageId()).isEqualTo("m_HumanAgent0001");
        graph.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.messaging_type", equalTo("MESSAGE_TAG")))
                .withRequestBody(matchingJsonPath("$.tag", equalTo("HUMAN_AGENT"))));
        String raw = graph.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(raw).contains("\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\"");
        JsonNode body = onlyRequestBody();
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(FbFixtures.PSID_1);
        assertThat(body.path("message").path("text").asText()).isEqualTo("Your file was found, see you Sunday.");
    }

    @Test
    void explicitResponseOptionIsSentWithoutTag() throws Exception {
        answer(200, GraphApiBodies.accepted(FbFixtures.PSID_1, "m_Response0001"));
        assertThat(sender.send(message(Origin.BOT, "hi", Map.of("messaging_type", "RESPONSE"))).outcome())
                .isEqualTo(SendResult.Outcome.ACCEPTED);
        JsonNode body = onlyRequestBody();
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.has("tag")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "messaging_type=NOT_A_TYPE           | unknown send option messaging_type=NOT_A_TYPE",
            "messaging_type=MESSAGE_TAG          | a tag goes with messaging_type MESSAGE_TAG",
            "messaging_type=RESPONSE,tag=HUMAN_AGENT | a tag goes with messaging_type MESSAGE_TAG",
            "tag=HUMAN_AGENT                     | a tag goes with messaging_type MESSAGE_TAG",
    })
    void invalidSendOptionsFailWithoutACall(String options, String error) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : options.split(",")) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        SendResult r = sender.send(message(Origin.AGENT, "hi", map));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(r.errorMessage()).contains(error);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} code {2} → {1}")
    @CsvSource({
            "400, RETRY, 4",
            "400, RETRY, 32",
            "400, RETRY, 613",
            "500, RETRY, 1",
            "500, RETRY, 2",
            "400, RETRY, 1200",
            "400, FINAL_FAILURE, 551/1545041",
            "400, FINAL_FAILURE, 10/2018278",
            "400, FINAL_FAILURE, 100/2018001",
    })
    void graphErrorsClassified(int status, SendResult.Outcome outcome, String errorCode) {
        String body = switch (errorCode) {
            case "4" -> GraphApiBodies.RATE_LIMIT_4;
            case "32" -> GraphApiBodies.RATE_LIMIT_32;
            case "613" -> GraphApiBodies.RATE_LIMIT_613;
            case "1" -> GraphApiBodies.UNKNOWN_1;
            case "2" -> GraphApiBodies.SERVICE_2;
            case "1200" -> GraphApiBodies.TEMPORARY_1200;
            case "551/1545041" -> GraphApiBodies.UNAVAILABLE_551;
            case "10/2018278" -> GraphApiBodies.OUTSIDE_WINDOW_10;
            default -> GraphApiBodies.NO_USER_100;
        };
        answer(status, body);
        SendResult r = sender.send(reply("hi"));
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.errorCode()).isEqualTo(errorCode);
        assertThat(r.errorMessage()).contains("fbtrace_id AFakeTraceId0001");
        assertThat(r.providerMessageId()).isNull();
    }

    @Test
    void http5xxWithoutJsonIsRetried() {
        graph.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        SendResult r = sender.send(reply("hi"));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(r.errorCode()).isEqualTo("HTTP 503");
    }

    @Test
    void unreachableGraphIsRetried() {
        MessengerSender down = new MessengerSender(new GraphClients("http://127.0.0.1:1", "v21.0", "T", null,
                Duration.ofSeconds(1)), "T");
        assertThat(down.send(reply("hi")).outcome()).isEqualTo(SendResult.Outcome.RETRY);
    }

    @Test
    void expiredTokenIsFinalAndAlertedOnce() {
        answer(400, GraphApiBodies.TOKEN_190);
        assertThat(sender.tokenAlerted()).isFalse();
        SendResult first = sender.send(reply("hi"));
        assertThat(first.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(first.errorCode()).isEqualTo("190/463");
        assertThat(first.errorMessage()).contains("page access token expired or revoked");
        assertThat(sender.tokenAlerted()).isTrue();
        SendResult second = sender.send(reply("again"));
        assertThat(second.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(second.errorCode()).isEqualTo("190/463");
    }

    @Test
    void missingTokenFailsWithoutCall() {
        SendResult r = sender(null, "v21.0").send(reply("hi"));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }
}
