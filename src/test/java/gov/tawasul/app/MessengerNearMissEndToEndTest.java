package gov.tawasul.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.facebook.FbTestData;
import gov.tawasul.channels.facebook.GraphApiMock;
import gov.tawasul.channels.facebook.InjectGraphApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A near-miss case number on Messenger, end to end with WireMock as the Graph API, under a strict case-number pattern
 * ({@code 1446-000123}): "did you mean 1446-000123?" goes out with the number as the first quick reply (payload
 * {@code CASE:1446-000123}); the citizen's tap comes back as a quick-reply message and is a query for that number.
 */
@QuarkusTest
@WithTestResource(GraphApiMock.class)
@TestProfile(MessengerNearMissEndToEndTest.StrictPattern.class)
class MessengerNearMissEndToEndTest {

    /** Case numbers of the shape {@code 1446-000123} only. */
    public static class StrictPattern implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.engine.case-number-pattern", "(?<![0-9])[0-9]{4}-[0-9]{6}(?![0-9])");
        }
    }

    @InjectGraphApi
    WireMockServer graph;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void clean() {
        FbTestData.clean();
        GraphApiMock.reset(graph);
    }

    @Test
    void didYouMeanWithAQuickReplyThatAsksForTheNumberWhenTapped() throws Exception {
        String inbound = FbTestData.fresh("fb-messenger-text.json", Instant.now())
                .replace("\"text\":\"hi\"", "\"text\":\"\u062D\u0627\u0644\u0629 1446000123\"");
        FbTestData.postSigned(inbound).statusCode(200);

        JsonNode first = sent(1);
        assertThat(first.path("message").path("text").asText()).contains("1446-000123").contains("\u0647\u0644");
        JsonNode quick = first.path("message").path("quick_replies").get(0);
        assertThat(quick.path("title").asText()).isEqualTo("1446-000123");
        assertThat(quick.path("payload").asText()).isEqualTo("CASE:1446-000123");

        // the tap: Messenger sends the button's title as text and its payload (fb-messenger-quick-reply.json)
        String tap = FbTestData.fresh("fb-messenger-quick-reply.json", Instant.now())
                .replace("\"text\":\"hello, world!\"", "\"text\":\"1446-000123\"")
                .replace("QR_PAYLOAD_RED", "CASE:1446-000123");
        FbTestData.postSigned(tap).statusCode(200);
        String answer = sent(2).path("message").path("text").asText();
        assertThat(answer).contains("1446-000123").doesNotContain("\u0647\u0644 \u062A\u0642\u0635\u062F");
    }

    /** @return the body of the {@code n}-th Send API request (waits for it) */
    private JsonNode sent(int n) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> graph.getAllServeEvents().size() >= n);
        // WireMock lists the newest first
        var events = graph.getAllServeEvents();
        return json.readTree(events.get(events.size() - n).getRequest().getBodyAsString());
    }
}
