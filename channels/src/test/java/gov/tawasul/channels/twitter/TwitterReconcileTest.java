package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.port.SendReconciliation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interrupted X send is reconciled by reading our sent DMs back ({@code GET /2/dm_events}, WireMock in the v2 wire
 * format of the fixture {@code x-api-v2-dm-events-response.json}): found by sender, conversation, text and time;
 * not found once the pages reach before the send; unknown when X does not answer.
 */
@QuarkusTest
@WithTestResource(XApiWireMock.class)
class TwitterReconcileTest {

    static final String US = "1000000000000000001";
    static final String CITIZEN = "1000000000000000002";
    static final String OTHER = "1000000000000000077";
    static final String TEXT = "Case 1446-000123: Under review.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectXApi
    WireMockServer xApi;
    @Inject
    TwitterSender sender;

    @BeforeEach
    void reset() {
        xApi.resetAll();
    }

    private static OutboundMessage message() {
        return new OutboundMessage(41, Origin.BOT, Channel.TWITTER, new Address(Channel.TWITTER, CITIZEN),
                new Address(Channel.TWITTER, US), TEXT, "en", List.of(), Map.of(), 1);
    }

    private static ObjectNode event(String id, String sender, String conversation, String text, Instant at) {
        return JSON.createObjectNode().put("id", id).put("event_type", "MessageCreate").put("sender_id", sender)
                .put("text", text).put("created_at", at.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("dm_conversation_id", conversation);
    }

    private void page(String token, String next, ObjectNode... events) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("x-api-v2-dm-events-response.json"));
        ArrayNode data = root.putArray("data");
        for (ObjectNode e : events) {
            data.add(e);
        }
        ObjectNode meta = root.putObject("meta").put("result_count", events.length);
        if (next != null) {
            meta.put("next_token", next);
        }
        xApi.stubFor(get(urlPathEqualTo("/2/dm_events"))
                .withQueryParam("pagination_token", token == null ? absent() : equalTo(token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(JSON.writeValueAsString(root))));
    }

    @Test
    void ourDmToTheRecipientWithOurTextSinceTheSendIsFound_acrossPages() throws Exception {
        Instant began = Instant.now().minusSeconds(360);
        String conversation = CITIZEN + "-" + US;
        page(null, "PAGE2",
                event("1900000000000000005", CITIZEN, conversation, TEXT, began.plusSeconds(60)), // the citizen's
                event("1900000000000000004", US, US + "-" + OTHER, TEXT, began.plusSeconds(50)),   // another citizen
                event("1900000000000000003", US, conversation, "Another text", began.plusSeconds(40)));
        page("PAGE2", "PAGE3",
                event("1900000000000000002", US, US + "-" + CITIZEN, TEXT + "\n", began.plusSeconds(1)),  // ours
                event("1900000000000000001", US, conversation, TEXT, began.minusSeconds(600)));          // older
        page("PAGE3", null, event("1800000000000000009", US, conversation, TEXT, began.minusSeconds(900)));

        SendReconciliation r = sender.reconcile(message(), began);

        assertThat(r).isEqualTo(new SendReconciliation.Found(List.of(
                new SendReconciliation.Candidate("1900000000000000002", DeliveryStatus.SENT))));
        assertThat(xApi.getAllServeEvents()).as("pages read: stops before the send").hasSize(2);
    }

    @Test
    void nothingOfOursSinceTheSendIsNotFound() throws Exception {
        Instant began = Instant.now().minusSeconds(360);
        page(null, "PAGE2", event("1900000000000000011", CITIZEN, CITIZEN + "-" + US, "status?", began.plusSeconds(5)),
                event("1900000000000000010", US, CITIZEN + "-" + US, TEXT, began.minusSeconds(3600)));

        assertThat(sender.reconcile(message(), began)).isEqualTo(new SendReconciliation.NotFound());
    }

    @Test
    void xNotAnsweringIsUnknown() {
        xApi.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(aResponse().withStatus(503)));

        assertThat(sender.reconcile(message(), Instant.now().minusSeconds(360)))
                .isInstanceOf(SendReconciliation.Unknown.class)
                .satisfies(u -> assertThat(((SendReconciliation.Unknown) u).reason()).contains("503"));
    }
}
