package gov.tawasul.app;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's bare endpoint in an app built with {@code tawasul.bench.noop-endpoint=true} (the test profile
 * re-augments the app with that build-time property, as {@code bench/run}'s build does).
 */
@QuarkusTest
@TestProfile(BenchNoopRouteTest.BenchBuild.class)
class BenchNoopRouteTest {

    /** The build of bench/run. */
    public static class BenchBuild implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(BenchNoopRoute.BUILD_PROPERTY, "true");
        }
    }

    @Test
    void answersEmptyTwimlToAFormPost() {
        Response response = given().contentType("application/x-www-form-urlencoded")
                .body("MessageSid=SM00000000000000000000000000000001&Body=1446-000123").post(BenchNoopRoute.PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(response.contentType()).isEqualTo("application/xml");
    }

    @Test
    void refusesABodyOver64KiB() {
        assertThat(given().contentType("application/x-www-form-urlencoded").body("Body=" + "x".repeat(70_000))
                .post(BenchNoopRoute.PATH).statusCode()).isEqualTo(413);
    }
}
