package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import gov.tawasul.engine.testing.RefusedRedis;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web chat on an instance whose Redis is away from start to end (a TCP proxy in front of the test Redis refuses every
 * connection): a visitor is still acknowledged and answered — the rate limit counts on this instance, the reply reaches
 * the visitor's socket here, not through the Redis relay — and the rate limit still holds. (A review saw every frame
 * go unanswered: the Redis count failed and the message was dropped.) A case question waits for Redis (its lookup
 * budget is there, {@code RedisOutageTest}); help is answered.
 */
@QuarkusTest
@TestProfile(WebchatWithoutRedisTest.Profile.class)
class WebchatWithoutRedisTest {

    private static final String ORIGIN = "http://localhost:8081";

    /** The app with its Redis behind a proxy that refuses throughout. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RefusedRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.webchat.rate-limit", "3");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aVisitorIsAnsweredAndLimitedWithoutRedis() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.hello(null);
            chat.send(ChatClient.message("w-1", "help"));
            assertThat(chat.next("ack").path("duplicate").asBoolean()).isFalse();
            JsonNode reply = chat.next("message");
            assertThat(reply.path("origin").asText()).isEqualTo("bot");
            assertThat(reply.path("text").asText()).isNotBlank();
            chat.send(ChatClient.message("w-2", "مساعدة"));
            assertThat(chat.next("ack").path("duplicate").asBoolean()).isFalse();
            chat.send(ChatClient.message("w-3", "مساعدة"));
            assertThat(chat.next("ack").path("duplicate").asBoolean()).isFalse();
            chat.send(ChatClient.message("w-4", "مساعدة"));
            JsonNode refused = chat.next("error");
            assertThat(refused.path("code").asText()).isEqualTo(FrameRefused.RATE_LIMITED);
        }
        assertThat(RefusedRedis.proxy().refused()).as("connections to Redis refused meanwhile").isPositive();
    }
}
