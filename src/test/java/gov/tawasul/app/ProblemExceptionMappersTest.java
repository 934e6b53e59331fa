package gov.tawasul.app;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our bugs answer 500 problem+json without a stack trace and are logged (the provider retries); bad input answers
 * 400 with its detail. Uses the test-only {@link FailingTestResource}.
 */
@QuarkusTest
class ProblemExceptionMappersTest {

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger mapperLog = Logger.getLogger(ProblemExceptionMappers.class.getName());

    @BeforeEach
    void captureLog() {
        mapperLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        mapperLog.removeHandler(capture);
    }

    @ParameterizedTest(name = "{0} → 500")
    @CsvSource({
            "number-format,       java.lang.NumberFormatException",
            "number-format-async, java.lang.NumberFormatException",
            "library-argument,    java.lang.IllegalArgumentException",
            "serialization,       com.fasterxml.jackson.databind.exc.InvalidDefinitionException",
    })
    void ourBugsAre500WithoutStackTraceAndLogged(String path, String exception) throws Exception {
        Response response = given().get("/test/failures/" + path);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getMap("")).isEqualTo(Map.of("type", "about:blank",
                "title", "Internal error", "status", 500, "detail", "The request could not be processed."));
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at java.")
                .doesNotContain("not a number").doesNotContain("twelve");
        assertThat(logged).anySatisfy(record -> {
            assertThat(record.getLevel().intValue()).isGreaterThanOrEqualTo(Level.SEVERE.intValue());
            assertThat(record.getThrown()).isInstanceOf(Class.forName(exception));
        });
    }

    @Test
    void explicitBadRequestIs400WithItsDetail() {
        Response response = given().get("/test/failures/bad-request");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getMap("")).isEqualTo(Map.of("type", "about:blank",
                "title", "Bad Request", "status", 400, "detail", "Missing parameter number"));
        assertThat(logged).noneSatisfy(record -> assertThat(record.getLevel()).isEqualTo(Level.SEVERE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"number\": 1,      | Unexpected end-of-input",
            "{\"number\": \"x\"}  | Malformed JSON body: \"number\" must be an integer.",
    })
    void malformedJsonBodyIs400(String body, String detail) {
        Response response = given().contentType(ContentType.JSON).body(body).post("/test/failures/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).contains(detail);
    }
}
