package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import gov.tawasul.engine.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
    static TcpProxy proxy;

    /** The app with its Redis behind a proxy that refuses throughout. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RefusedRedis.class));
        }
    }

    /** Starts the proxy, refusing, and points {@code tawasul.redis.url} at it. */
    public static class RefusedRedis implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            URI redis = URI.create(System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL", "redis://localhost:6379/1"));
            try {
                proxy = new TcpProxy(redis.getPort() > 0 ? redis.getPort() : 6379);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            proxy.refuse(true);
            return Map.of("tawasul.redis.url", "redis://127.0.0.1:" + proxy.port() + redis.getPath(),
                    "tawasul.webchat.rate-limit", "3");
        }

        @Override
        public void stop() {
            proxy.close();
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
        assertThat(proxy.refused()).as("connections to Redis refused meanwhile").isPositive();
    }
}
