package gov.tawasul.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import gov.tawasul.engine.handoff.OfficeHours;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A citizen taps "Talk to a person" on Messenger, end to end on the running app: a signed postback in the fixture's
 * format ({@code fb-messenger-postback.json} with the payload {@code TALK_TO_AGENT}) → the conversation waits for
 * staff → the bot's one acknowledgement reaches the Graph API (WireMock); a second tap is staff's, silently.
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
class MessengerHandoffEndToEndTest {

    @InjectGraphApi
    WireMockServer graph;
    @Inject
    OfficeHours officeHours;

    @BeforeEach
    void clean() {
        FbTestData.clean();
        GraphApiMock.reset(graph);
    }

    private static String talkToAgent(Instant at) {
        return FbTestData.fresh("fb-messenger-postback.json", at)
                .replace("\"title\":\"Get Started\",\"payload\":\"GET_STARTED\"",
                        "\"title\":\"Talk to a person\",\"payload\":\"TALK_TO_AGENT\"");
    }

    @Test
    void talkToAgentPostbackWaitsForStaffAndTheBotSaysSoOnce() throws Exception {
        String postback = talkToAgent(Instant.now());
        assertThat(postback).contains("\"payload\":\"TALK_TO_AGENT\"");
        Instant sentAt = Instant.now();
        FbTestData.postSigned(postback).statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> graph.getAllServeEvents().size() == 1);
        JsonNode body = new ObjectMapper().readTree(graph.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(PSID_1);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        String expected = officeHours.isOpen(sentAt)
                ? "Thank you. A staff member will answer you here as soon as possible. Office hours: Sunday to "
                + "Thursday, 08:00–16:00 (Riyadh time)."
                : "Thank you. A staff member will answer you here. Office hours: Sunday to Thursday, 08:00–16:00 "
                + "(Riyadh time); staff are back ";
        assertThat(body.path("message").path("text").asText()).startsWith(expected);
        assertThat(body.path("message").has("quick_replies")).isFalse();

        Map<String, Object> conversation = TestDb.rows("""
                select c.state, c.waiting_since, c.assigned_agent, i.kind, i.payload, i.state as inbound_state,
                       i.intent, o.origin, o.status
                from conversation c join inbound_message i on i.conversation_id = c.id
                left join outbound_message o on o.inbound_message_id = i.id
                where c.channel = 'FACEBOOK' and c.citizen_address = ?""", PSID_1).get(0);
        assertThat(conversation).containsEntry("state", "WAITING_FOR_AGENT").containsEntry("assigned_agent", null)
                .containsEntry("kind", "POSTBACK").containsEntry("payload", "TALK_TO_AGENT")
                .containsEntry("inbound_state", "ANSWERED").containsEntry("intent", "ASK_FOR_PERSON")
                .containsEntry("origin", "BOT");
        assertThat(conversation.get("waiting_since")).isNotNull();

        // a second tap (a new postback, a second later) is staff's: no second acknowledgement
        FbTestData.postSigned(talkToAgent(Instant.now().plusSeconds(1))).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(1).equals(TestDb.value(
                "select count(*) from inbound_message where channel = 'FACEBOOK' and state = 'HANDED_OFF'")));
        assertThat(graph.getAllServeEvents()).hasSize(1);
    }
}
