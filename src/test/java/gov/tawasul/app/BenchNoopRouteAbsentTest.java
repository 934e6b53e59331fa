package gov.tawasul.app;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The default build (no {@code tawasul.bench.noop-endpoint} at build time, like a deployment's) has no bare
 * benchmark endpoint: {@code POST /bench/noop} is a 404 like any unknown path.
 */
@QuarkusTest
class BenchNoopRouteAbsentTest {

    @Test
    void defaultBuildHasNoBenchRoute() {
        given().contentType("application/x-www-form-urlencoded").body("MessageSid=SM1&Body=1446-000123")
                .post(BenchNoopRoute.PATH).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
