package gov.tawasul.app;

import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Readiness, Redis settings and error bodies, on the running app with real PostgreSQL and Redis. */
@QuarkusTest
class OperationsTest {

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Test
    void readinessReportsPostgresqlAndRedisUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis", "Reactive PostgreSQL connections health check"));
    }

    @Test
    void theRedisDatabaseIndexOfTheUrlIsHonoured() {
        String url = ConfigProvider.getConfig().getValue("tawasul.redis.url", String.class);
        String index = url.substring(url.lastIndexOf('/') + 1);
        assertThat(index).matches("[0-9]+");
        assertThat(redis.sync().clientInfo()).contains(" db=" + index + " ");
    }

    @Test
    void unknownPathsAreProblemDetails() {
        given().get("/no/such/thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void metricsArePublished() {
        given().get("/q/metrics").then().statusCode(200);
    }
}
