package gov.tawasul.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.util.Map;

import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messenger echoes carry the {@code metadata} we sent ({@code tawasul:out:<outbound id>}): the echo of a message whose
 * send answer was lost (a crash: the row left without a provider id, in flight, waiting for a retry, or already
 * failed "may have been sent") stores its mid on that row and makes it {@code SENT}, and a retry due is not sent.
 * Echo bodies in Meta's format (fixture {@code fb-messenger-echo.json}, from
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes).
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
class MessengerEchoSettlesSendTest {

    @InjectGraphApi
    WireMockServer graph;

    @BeforeEach
    void clean() {
        FbTestData.clean();
        GraphApiMock.reset(graph);
    }

    /** The bot answers "status 12345"; @return its outbound id and the mid the Send API gave */
    private Map<String, Object> answered() throws Exception {
        String inbound = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"text\":\"hi\"", "\"text\":\"status 12345\"");
        FbTestData.postSigned(inbound).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.rows("select 1 from outbound_message where "
                + "channel = 'FACEBOOK' and origin = 'BOT' and provider_message_id is not null").size() == 1);
        String body = graph.getAllServeEvents().get(0).getRequest().getBodyAsString();
        long id = ((Number) TestDb.value("select id from outbound_message where channel = 'FACEBOOK' and origin = 'BOT'"))
                .longValue();
        assertThat(new ObjectMapper().readTree(body).path("message").path("metadata").asText())
                .isEqualTo("tawasul:out:" + id);
        return TestDb.rows("select id, provider_message_id from outbound_message where id = ?", id).get(0);
    }

    private static void echo(String mid, String metadata) {
        String echo = FbTestData.fresh("fb-messenger-echo.json", Instant.now())
                .replace("mid.1457764197618:41d102a3e1ae206a38", mid)
                .replace("DEVELOPER_DEFINED_METADATA_STRING", metadata);
        FbTestData.postSigned(echo).statusCode(200);
    }

    private static Map<String, Object> row(Object id) {
        return TestDb.rows("select status, provider_message_id, error_code, next_attempt_at, sent_at "
                + "from outbound_message where id = ?", id).get(0);
    }

    private static long echoRows() {
        return ((Number) TestDb.value("select count(*) from outbound_message where channel = 'FACEBOOK' and from_echo"))
                .longValue();
    }

    @Test
    void theEchoOfASendFailedMayHaveBeenSentMakesItSentWithItsMid() throws Exception {
        Map<String, Object> sent = answered();
        Object id = sent.get("id");
        String mid = (String) sent.get("provider_message_id");
        // as a crash leaves it, settled by the recovery job: Messenger cannot be asked, so "it may have been sent"
        TestDb.execute("update outbound_message set provider_message_id = null, status = 'FAILED', "
                + "error_code = 'SEND_UNCERTAIN', error_message = 'send interrupted' where id = ?", id);

        echo(mid, "tawasul:out:" + id);

        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", mid)
                .containsEntry("error_code", null);
        assertThat(echoRows()).as("no AGENT row for our own message").isZero();
        echo(mid, "tawasul:out:" + id); // Meta redelivers: a duplicate, nothing changes
        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", mid);
        assertThat(echoRows()).isZero();
    }

    @Test
    void theEchoOfASendInFlightOrWaitingForARetrySettlesIt_theRetryIsNotSent() throws Exception {
        Map<String, Object> sent = answered();
        Object id = sent.get("id");
        String mid = (String) sent.get("provider_message_id");
        // the Send API's answer was lost (a timeout after Meta took it): waiting for a retry in a second
        TestDb.execute("update outbound_message set provider_message_id = null, status = 'QUEUED', "
                + "next_attempt_at = now() + interval '1 second', error_code = 'TIMEOUT' where id = ?", id);

        echo(mid, "tawasul:out:" + id);

        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", mid)
                .containsEntry("next_attempt_at", null).containsEntry("error_code", null);
        Thread.sleep(3000); // recovery passes every second: nothing due
        assertThat(graph.getAllServeEvents()).as("Send API calls").hasSize(1);
    }

    @Test
    void metadataNamingNoRowOfOursIsAnEchoOfThePagesOwnInbox() throws Exception {
        Map<String, Object> sent = answered();
        echo("m_fromThePageInbox0001", "tawasul:out:" + sent.get("id")); // that row has its own mid already
        echo("m_fromThePageInbox0002", "tawasul:out:999999999");
        assertThat(row(sent.get("id"))).containsEntry("provider_message_id", sent.get("provider_message_id"));
        assertThat(echoRows()).isEqualTo(2);
        assertThat(TestDb.rows("select recipient from outbound_message where from_echo and channel = 'FACEBOOK'"))
                .allSatisfy(r -> assertThat(r).containsEntry("recipient", PSID_1));
    }
}
