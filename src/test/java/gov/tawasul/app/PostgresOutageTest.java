package gov.tawasul.app;

import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TcpProxy;
import gov.tawasul.staff.account.StaffRole;
import gov.tawasul.staff.StaffSession;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away for 8 s (a TCP proxy in front of the real server refuses every connection of the reactive
 * pool; Flyway's JDBC connection goes direct) while Twilio webhooks, a staff API call and logins keep coming: every
 * 5xx is problem+json without a stack or an error id, and the log says once that the database is away and once that
 * it is back, not a line per failed connection attempt ({@code Result is already complete}).
 */
@QuarkusTest
@TestProfile(PostgresOutageTest.Profile.class)
class PostgresOutageTest {

    static TcpProxy proxy;

    @jakarta.inject.Inject
    gov.tawasul.engine.store.DatabaseOutage outage;

    /** The reactive pool reaches the test database through {@link #proxy}; the fake Twilio signs the webhooks. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedPostgres.class),
                    new TestResourceEntry(TwilioWireMockResource.class));
        }
    }

    /** Starts the proxy before the app and points {@code quarkus.datasource.reactive.url} at it. */
    public static class ProxiedPostgres implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int port = Integer.parseInt(System.getenv().getOrDefault("TAWASUL_DB_PORT", "5432"));
            String db = System.getenv().getOrDefault("TAWASUL_TEST_DB_NAME", "tawasul_test");
            try {
                proxy = new TcpProxy(port);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + db);
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    || record.getMessage() != null && record.getMessage().startsWith("PostgreSQL answers again")) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                Throwable t = record.getThrown();
                lines.add(record.getLoggerName() + " " + message + (t == null ? "" : " | " + t));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("").removeHandler(capture);
        proxy.refuse(false);
    }

    private static Response webhook() {
        String id = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
        String body = new String(gov.tawasul.channels.twilio.TwilioFixtures.bytes("twilio-sms-inbound-basic.form"),
                java.nio.charset.StandardCharsets.UTF_8).replace("SM00000000000000000000000000000001", id);
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body)
                .header("X-Twilio-Signature", gov.tawasul.channels.twilio.TwilioTestSigner.sign(
                        gov.tawasul.channels.twilio.TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + "/webhooks/twilio/sms", body))
                .post("/webhooks/twilio/sms");
    }

    @Test
    void everyFailureDuringTheOutageIsProblemJson_andTheLogSaysItOnce() throws Exception {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        assertThat(webhook().statusCode()).isEqualTo(200);
        lines.clear();

        proxy.refuse(true);
        long began = System.nanoTime();
        Map<String, List<Response>> answers = new java.util.LinkedHashMap<>();
        long end = began + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end) {
            answers.computeIfAbsent("webhook", k -> new ArrayList<>()).add(webhook());
            answers.computeIfAbsent("staff api", k -> new ArrayList<>())
                    .add(agent.given().get("/api/staff/conversations"));
            answers.computeIfAbsent("console", k -> new ArrayList<>()).add(agent.given().get("/console"));
            answers.computeIfAbsent("login", k -> new ArrayList<>())
                    .add(StaffSession.postLogin("test-agent", StaffSession.PASSWORD));
            Thread.sleep(100);
        }
        proxy.refuse(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook().statusCode() == 200);
        // the pool's timers of the statements tried during the outage fire 30 s after them
        long quiet = began + Duration.ofSeconds(36).toNanos();
        Thread.sleep(Math.max(0, (quiet - System.nanoTime()) / 1_000_000));

        List<String> failures = new ArrayList<>();
        answers.forEach((kind, list) -> list.stream().filter(r -> r.statusCode() >= 500).forEach(r ->
                failures.add(kind + " " + r.statusCode() + " " + r.contentType() + " " + r.body().asString())));
        answers.forEach((kind, list) -> System.out.println("OUTAGE " + kind + ": " + list.stream()
                .map(r -> String.valueOf(r.statusCode())).distinct().toList()));
        failures.stream().distinct().limit(10).forEach(f -> System.out.println("OUTAGE 5xx: " + f));
        lines.forEach(l -> System.out.println("OUTAGE log: " + l));

        assertThat(answers.get("webhook")).as("webhooks during the outage: 503, the provider retries")
                .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));
        assertThat(failures).as("5xx answers during the outage").isNotEmpty();
        assertThat(failures).allSatisfy(f -> assertThat(f)
                .contains("application/problem+json").doesNotContain("\"stack\"").doesNotContain("\"details\""));
        assertThat(lines).noneMatch(l -> l.contains("Result is already complete"));
        System.out.println("OUTAGE pool timer failures kept out of the log: " + outage.poolTimerFailures());
        assertThat(outage.poolTimerFailures()).as("the pool's late timers fired (the flood reproduced) and were kept "
                + "out of the log").isPositive();
        assertThat(lines.stream().filter(l -> l.contains("PostgreSQL answers again"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("PostgreSQL unreachable"))).hasSize(1);
        assertThat(lines).as("warnings and errors logged for an 8 s outage").hasSizeLessThan(10);
    }
}
