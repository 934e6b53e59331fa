package gov.tawasul.app;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without a secret (the default) {@code POST /api/case-events} does not exist: 404, never a placeholder secret. */
@QuarkusTest
class CaseEventsDisabledTest {

    @Test
    void withoutSecretsTheEndpointAnswers404() {
        String body = CaseEventsTestSupport.event("evt-x", "1446-000123", "APPROVED", "مقبولة", "Approved", null);
        CaseEventsTestSupport.post(body, CaseEventsTestSupport.sign("change-me", java.time.Instant.now()
                        .getEpochSecond(), body))
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().when().post("/api/case-events").then().statusCode(404);
    }
}
