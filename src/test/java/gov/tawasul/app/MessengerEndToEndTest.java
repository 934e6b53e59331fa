package gov.tawasul.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messenger end to end, on the running app with PostgreSQL, Redis, the local case table (seed case 12345 lists
 * {@code facebook:2000000000000001} as a contact) and WireMock as the Graph API: a signed webhook in the fixture's
 * format → Inbox → engine → Send API request → delivery receipt → read receipt → outbound row READ.
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
class MessengerEndToEndTest {

    @InjectGraphApi
    WireMockServer graph;

    @BeforeEach
    void clean() {
        FbTestData.clean();
        GraphApiMock.reset(graph);
    }

    @Test
    void caseStatusAnsweredThenDeliveredThenRead() throws Exception {
        // fb-messenger-text.json, sent now, asking for case 12345 (field case F13's first message)
        String inbound = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"text\":\"hi\"", "\"text\":\"status 12345\"");
        FbTestData.postSigned(inbound).statusCode(200);

        // the Send API request, as Meta receives it
        await().atMost(Duration.ofSeconds(15)).until(() -> graph.getAllServeEvents().size() == 1);
        ServeEvent call = graph.getAllServeEvents().get(0);
        assertThat(call.getRequest().getUrl()).startsWith(GraphApiMock.SEND_PATH + "?");
        assertThat(call.getRequest().getHeader("Authorization")).isEqualTo("Bearer FAKE-PAGE-ACCESS-TOKEN");
        JsonNode body = new ObjectMapper().readTree(call.getRequest().getBodyAsString());
        assertThat(body.path("recipient").path("id").asText()).isEqualTo(PSID_1);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.path("message").path("text").asText())
                .startsWith("Case 12345: Under review.")
                .contains("E-Services Department");
        JsonNode quick = body.path("message").path("quick_replies");
        assertThat(quick).hasSize(2);
        assertThat(List.of(quick.get(0).path("content_type").asText(), quick.get(0).path("title").asText(),
                quick.get(0).path("payload").asText())).containsExactly("text", "Another case", "ANOTHER_CASE");
        assertThat(List.of(quick.get(1).path("content_type").asText(), quick.get(1).path("title").asText(),
                quick.get(1).path("payload").asText())).containsExactly("text", "Help", "HELP");
        String mid = new ObjectMapper().readTree(call.getResponse().getBodyAsString()).path("message_id").asText();
        assertThat(mid).startsWith("m_");

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(mid)));

        // message_deliveries with mids (docs shape: mids + watermark), delivered now
        String delivery = FbTestData.fresh("fb-messenger-delivery-watermark-only.json", Instant.now())
                .replace("\"delivery\":{", "\"delivery\":{\"mids\":[\"" + mid + "\"],");
        FbTestData.postSigned(delivery).statusCode(200);
        assertThat(status(mid)).isEqualTo("DELIVERED");

        // message_reads whose watermark (every message sent up to it was read) is now
        String read = FbTestData.fresh("fb-messenger-read.json", Instant.now())
                .replaceFirst("\"watermark\":\\d+", "\"watermark\":" + System.currentTimeMillis());
        FbTestData.postSigned(read).statusCode(200);

        Map<String, Object> row = TestDb.rows("""
                select o.status, o.recipient, o.sender, o.provider_message_id, o.delivered_at, o.read_at, o.error_code,
                       i.state, i.intent
                from outbound_message o join inbound_message i on i.id = o.inbound_message_id
                where o.channel = 'FACEBOOK'""").get(0);
        assertThat(row).containsEntry("status", "READ").containsEntry("recipient", PSID_1)
                .containsEntry("sender", PAGE_ID).containsEntry("provider_message_id", mid)
                .containsEntry("error_code", null).containsEntry("state", "ANSWERED")
                .containsEntry("intent", "CASE_STATUS");
        assertThat(row.get("delivered_at")).isNotNull();
        assertThat(row.get("read_at")).isNotNull();
        assertThat(TestDb.rows("select status from delivery_receipt where channel = 'FACEBOOK' and provider_message_id = ?",
                mid)).extracting(r -> r.get("status")).containsExactly("DELIVERED");
        assertThat(graph.getAllServeEvents()).hasSize(1);
    }

    private static String status(String mid) {
        List<Map<String, Object>> rows = TestDb.rows("select status from outbound_message where channel = 'FACEBOOK' "
                + "and provider_message_id = ?", mid);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }
}
