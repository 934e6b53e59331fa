package gov.tawasul.app;

import gov.tawasul.engine.testing.RefusedRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.redis.RedisConfig;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.RedisClient;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

/**
 * The app starts while Redis is away (a TCP proxy in front of the real Redis refuses every connection) and works
 * without it: liveness UP, readiness DOWN naming Redis, a greeting answered (leases on the database, dedup on its
 * constraint); a case question, whose lookup budget lives in Redis, waits {@code RECEIVED} (not {@code FAILED}) and is
 * answered once Redis is back. When Redis comes back the app uses it within a few seconds: readiness UP,
 * the conversation events subscription made. Then Redis goes away for 10 s and comes back: readiness says Redis is
 * DOWN meanwhile and UP again within a few seconds of its return, not after Lettuce's default back-off (which had
 * grown to 8 s by then).
 */
@QuarkusTest
@TestProfile(RedisOutageTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageTest {

    static final URI redis = RefusedRedis.REDIS;

    /** The engine without channels ({@link RecordingSender}); the app's Redis is the test Redis behind a refusing proxy ({@link RefusedRedis}). */
    public static class Profile extends EngineTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RefusedRedis.class));
        }
    }

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    RedisConfig config;

    private static String redisStatus() {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'Redis' }.status");
    }

    private static long subscribers(String channel) {
        RedisClient client = RedisClient.create(redis.toString());
        try (var connection = client.connect()) {
            return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    @Order(1)
    void startsWithoutRedis_answersCitizens_andUsesRedisOnceItIsBack() throws Throwable {
        assertThat(RefusedRedis.proxy().refused()).as("connections refused while the app started").isPositive();
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Redis' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Redis' }.data.error", containsString("has not answered"));

        String citizen = "+9665" + (10000000 + (int) (Math.random() * 89999999));
        InboundMessage hello = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, citizen), new Address(Channel.SMS, "+15555550199"), InboundKind.TEXT,
                "hello", null, Instant.now(), null, Map.of());
        VertxContextSupport.subscribeAndAwait(() -> inbox.accept(InboundBatch.of(hello)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sender.sentTo(citizen).isEmpty());
        assertThat(sender.sentTo(citizen)).hasSize(1);
        assertThat(TestDb.value("select state from inbound_message where provider_message_id = ?",
                hello.providerMessageId())).isEqualTo("ANSWERED");

        // a case question needs the lookup budget, kept in Redis: it waits (RECEIVED, never FAILED) for Redis
        String asker = "+9665" + (10000000 + (int) (Math.random() * 89999999));
        InboundMessage question = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, asker), new Address(Channel.SMS, "+15555550199"), InboundKind.TEXT,
                "Status of case 1446-000123?", null, Instant.now(), null, Map.of());
        VertxContextSupport.subscribeAndAwait(() -> inbox.accept(InboundBatch.of(question)));
        Thread.sleep(6_000); // several recovery passes (every second in tests) try it again meanwhile
        assertThat(TestDb.value("select state from inbound_message where provider_message_id = ?",
                question.providerMessageId())).isEqualTo("RECEIVED");
        assertThat(sender.sentTo(asker)).isEmpty();

        String events = config.pubSubChannel("conversation-events");
        assertThat(subscribers(events)).isZero();
        RefusedRedis.proxy().refuse(false);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> "UP".equals(redisStatus()));
        assertThat((System.nanoTime() - back) / 1_000_000).as("ms from Redis's arrival to readiness UP")
                .isLessThan(4_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(events) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ANSWERED".equals(TestDb.value(
                "select state from inbound_message where provider_message_id = ?", question.providerMessageId())));
        assertThat(sender.sentTo(asker)).hasSize(1);
        assertThat(sender.sentTo(asker).get(0).text()).contains("1446-000123");
    }

    @Test
    @Order(2)
    void readinessIsDownWhileRedisIsAwayAndUpSoonAfterItReturns() throws Exception {
        RefusedRedis.proxy().refuse(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(redisStatus()));
        RefusedRedis.proxy().refuse(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DOWN".equals(redisStatus()));
        Thread.sleep(10_000);
        assertThat(redisStatus()).isEqualTo("DOWN");

        RefusedRedis.proxy().refuse(false);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> "UP".equals(redisStatus()));
        long millis = (System.nanoTime() - back) / 1_000_000;
        assertThat(millis).as("ms from Redis's return to readiness UP").isLessThan(4_000);
    }
}
