package gov.tawasul.app;

import gov.tawasul.engine.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app starts while Redis is away (2 s from the app's first try: start-up waits for it, {@code tawasul.redis.startup-wait}); then
 * Redis goes away for 10 s (a TCP proxy in front of the real Redis refuses every connection) and comes back:
 * readiness says Redis is DOWN meanwhile and UP again within a few seconds of its return, not after Lettuce's default
 * back-off (which had grown to 8 s by then).
 */
@QuarkusTest
@TestProfile(RedisOutageTest.Profile.class)
class RedisOutageTest {

    static TcpProxy proxy;

    /** The app's Redis is the test Redis behind {@link #proxy}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedRedis.class));
        }
    }

    /** Starts the proxy before the app and points {@code tawasul.redis.url} at it. */
    public static class ProxiedRedis implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            URI redis = URI.create(System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL", "redis://localhost:6379/1"));
            try {
                proxy = new TcpProxy(redis.getPort() > 0 ? redis.getPort() : 6379);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            // Redis is away when the app first asks for it, and back 2 s later: start-up waits for it
            proxy.refuse(true);
            Thread back = new Thread(() -> {
                try {
                    long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (proxy.refused() == 0 && System.nanoTime() < giveUp) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                } finally {
                    proxy.refuse(false);
                }
            });
            back.setDaemon(true);
            back.start();
            return Map.of("tawasul.redis.url", "redis://127.0.0.1:" + proxy.port() + redis.getPath());
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }

    private static String redisStatus() {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'Redis' }.status");
    }

    @Test
    void readinessIsDownWhileRedisIsAwayAndUpSoonAfterItReturns() throws Exception {
        assertThat(proxy.refused()).as("connections refused while the app started").isPositive();
        assertThat(redisStatus()).isEqualTo("UP");
        proxy.refuse(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DOWN".equals(redisStatus()));
        Thread.sleep(10_000);
        assertThat(redisStatus()).isEqualTo("DOWN");

        proxy.refuse(false);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> "UP".equals(redisStatus()));
        long millis = (System.nanoTime() - back) / 1_000_000;
        assertThat(millis).as("ms from Redis's return to readiness UP").isLessThan(4_000);
    }
}
