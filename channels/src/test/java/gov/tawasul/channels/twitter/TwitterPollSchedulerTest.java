package gov.tawasul.channels.twitter;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tawasul.twitter.mode=poll}: the scheduled job, the Redis lease and the cursor, with the app running. */
@QuarkusTest
@TestProfile(TwitterPollSchedulerTest.PollMode.class)
@WithTestResource(XApiWireMock.class)
class TwitterPollSchedulerTest {

    @InjectXApi
    WireMockServer xApi;

    /** Poll every second. */
    public static class PollMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.twitter.mode", "poll", "tawasul.twitter.poll-interval", "1s");
        }
    }

    @jakarta.inject.Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @org.junit.jupiter.api.BeforeEach
    void clean() {
        TwitterTestData.clean();
    }

    @Test
    void theLeaseHolderPollsAndStoresTheCursor() {
        String id = "1585047616894577" + (100 + (int) (Math.random() * 800));
        xApi.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("x-rate-limit-remaining", "100")
                .withBody("""
                        {"data":[{"id":"%s","sender_id":"1000000000000000002","text":"help","created_at":"%s",
                          "event_type":"MessageCreate","dm_conversation_id":"1000000000000000002-1000000000000000001"}],
                         "includes":{"users":[{"id":"1000000000000000002","name":"Test Sender","username":"test_sender"}]},
                         "meta":{"result_count":1}}""".formatted(id, Instant.now().minusSeconds(5)))));

        await().atMost(Duration.ofSeconds(15)).until(() -> ((Number) TestDb.value(
                "select count(*) from inbound_message where provider_message_id = ?", id)).longValue() == 1);

        RedisClient client = RedisClient.create(ConfigProvider.getConfig().getValue("tawasul.redis.url", String.class));
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> id.equals(redis.sync().get("tawasul:twitter:poll-cursor")));
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.sync().pttl("tawasul:twitter:poll-lease") > 0);
            assertThat(redis.sync().pttl("tawasul:twitter:poll-lease")).isPositive().isLessThanOrEqualTo(13_000);
        } finally {
            client.shutdown();
        }
        // the Quarkus job polls again every poll-interval (1 s here)
        int before = xApi.findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))).size();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                xApi.findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))).size() >= before + 2);
        assertThat(scheduler.getScheduledJob("x-dm-poll")).isNotNull();
        assertThat(((Number) TestDb.value("select count(*) from inbound_message where provider_message_id = ?", id))
                .longValue()).isEqualTo(1);
    }
}
