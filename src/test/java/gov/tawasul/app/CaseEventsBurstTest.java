package gov.tawasul.app;

import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of case events (a department closes its cases at the end of the month): N events of N cases, each with
 * its own registered SMS number, pushed by 8 clients at once; the fake Twilio answers 429 (20429) to one call in
 * five. Every citizen is told exactly once (counted at the fake Twilio and in the tables): none lost, none twice.
 * N is {@code -Dtawasul.burst.events} (1,000 in the suite; {@code bench/case-events-burst} runs 20,000). The figures
 * go to {@code target/case-events-burst.txt}.
 */
@QuarkusTest
@TestProfile(BurstProfile.class)
@QuarkusTestResource(value = BurstTwilioResource.class, restrictToAnnotatedClass = true)
class CaseEventsBurstTest {

    private static final int EVENTS = Integer.getInteger("tawasul.burst.events", 1000);

    @TestHTTPResource("/api/case-events")
    URI endpoint;

    @AfterEach
    void clean() {
        if (!Boolean.getBoolean("tawasul.burst.keep")) {
            CaseEventsTestSupport.clean();
        }
    }

    @Test
    void everyCitizenIsToldOnceWhileTwilioThrottlesOneCallInFive() throws Exception {
        // rows a stopped run left are gone, and what the app sent of them before this point is not counted
        CaseEventsTestSupport.clean();
        BurstTwilioResource.ACCEPTED.clear();
        BurstTwilioResource.CALLS.set(0);
        BurstTwilioResource.THROTTLED.set(0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicLong accepted = new AtomicLong();
        Instant start = Instant.now();
        List<Future<?>> posts = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            int first = client;
            posts.add(clients.submit(() -> {
                for (int i = first; i < EVENTS; i += 8) {
                    String body = CaseEventsTestSupport.event("evt-burst-" + i, "1447-" + (100000 + i),
                            "CLOSED", "مغلقة", "Closed", number(i));
                    HttpRequest request = HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .header("X-Tawasul-Signature", CaseEventsTestSupport.sign(CaseEventsProfile.SECRET,
                                    Instant.now().getEpochSecond(), body))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    accepted.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        clients.shutdown();
        Duration accepting = Duration.between(start, Instant.now());

        await().atMost(Duration.ofSeconds(Math.max(120, EVENTS / 20))).pollInterval(Duration.ofSeconds(1))
                .until(() -> BurstTwilioResource.ACCEPTED.size() >= EVENTS && (Long) TestDb.value(
                        "select count(*) from outbound_message where origin = 'NOTIFICATION' and status = 'QUEUED'")
                        == 0L);
        Duration drain = Duration.between(start, Instant.now());
        Thread.sleep(2000);

        long duplicates = BurstTwilioResource.ACCEPTED.values().stream().mapToLong(AtomicLong::get)
                .filter(n -> n > 1).map(n -> n - 1).sum();
        long told = BurstTwilioResource.ACCEPTED.size();
        long lost = EVENTS - told;
        long notifications = (Long) TestDb.value("select count(*) from notification where state = 'SENT'");
        long outbound = (Long) TestDb.value("select count(*) from outbound_message where origin = 'NOTIFICATION'");
        long failed = (Long) TestDb.value(
                "select count(*) from outbound_message where origin = 'NOTIFICATION' and status = 'FAILED'");
        String figures = """
                case-events burst: %d events, fake Twilio answering 429/20429 to one call in five
                events accepted: %d in %.1f s = %.0f events/s (8 clients)
                notifications sent (accepted by the fake Twilio): %d, %.0f notifications/s from the first event
                time to drain (first event to last notification accepted): %.1f s
                Twilio calls: %d, throttled: %d
                duplicates: %d, lost: %d, failed rows: %d
                """.formatted(EVENTS, accepted.get(), accepting.toMillis() / 1000.0,
                accepted.get() * 1000.0 / Math.max(1, accepting.toMillis()), told,
                told * 1000.0 / Math.max(1, drain.toMillis()), drain.toMillis() / 1000.0,
                BurstTwilioResource.CALLS.get(), BurstTwilioResource.THROTTLED.get(), duplicates, lost, failed);
        System.out.println(figures);
        Files.writeString(Path.of("target", "case-events-burst.txt"), figures);

        assertThat(accepted.get()).isEqualTo(EVENTS);
        assertThat(told).isEqualTo(EVENTS);
        assertThat(duplicates).isZero();
        assertThat(notifications).isEqualTo(EVENTS);
        assertThat(outbound).isEqualTo(EVENTS);
        assertThat(failed).isZero();
        assertThat(BurstTwilioResource.THROTTLED.get()).isGreaterThanOrEqualTo(EVENTS / 5);
    }

    private static String number(int i) {
        return "+1555" + String.format("%07d", 1_000_000 + i);
    }
}
