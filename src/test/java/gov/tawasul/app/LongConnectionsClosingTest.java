package gov.tawasul.app;

import gov.tawasul.engine.shutdown.CloseLongConnections;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import gov.tawasul.staff.live.LiveFeed;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the instance stops ({@link CloseLongConnections}, fired by {@code LongConnectionsClosing} at the end of the
 * shutdown delay) a web chat socket is closed with 1012 "Service Restart" and a staff SSE stream ends, so that their
 * clients reconnect elsewhere and neither holds Quarkus' graceful shutdown until its timeout (an open chat socket had
 * made SIGTERM take 25.2 s instead of 5). A profile of its own: after the event this app's live streams end at once.
 */
@QuarkusTest
@TestProfile(LongConnectionsClosingTest.Profile.class)
class LongConnectionsClosingTest {

    /** A separate application: the event ends this one's live feed for good. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.staff.live-recheck", "29s");
        }
    }

    @TestHTTPResource("/")
    URI base;
    @Inject
    Event<CloseLongConnections> close;
    @Inject
    LiveFeed feed;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aChatSocketAndAStaffStreamEndWhenTheInstanceStops() throws Exception {
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().header("Origin", "http://localhost:8081")
                .buildAsync(URI.create(base.toString().replace("http:", "ws:") + "chat/socket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closedWith.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        // a second socket that never says hello is closed too (it would hold the shutdown as well)
        CompletableFuture<Integer> silentClosedWith = new CompletableFuture<>();
        http.newWebSocketBuilder().header("Origin", "http://localhost:8081")
                .buildAsync(URI.create(base.toString().replace("http:", "ws:") + "chat/socket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        silentClosedWith.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"hello\"}", true).get(5, TimeUnit.SECONDS);

        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        CompletableFuture<Long> streamed = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/staff/events"))
                .header("Accept", "text/event-stream")
                .header("Cookie", StaffSession.SESSION_COOKIE + "=" + agent.sessionCookie()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    try (InputStream in = r.body()) {
                        return in.transferTo(java.io.OutputStream.nullOutputStream()); // until the server ends it
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.clients() == 1);
        Thread.sleep(300);
        assertThat(closedWith).isNotDone();
        assertThat(streamed).isNotDone();

        close.fire(new CloseLongConnections());

        assertThat(closedWith.get(5, TimeUnit.SECONDS)).as("close code").isEqualTo(1012);
        assertThat(silentClosedWith.get(5, TimeUnit.SECONDS)).as("close code of the silent socket").isEqualTo(1012);
        assertThat(streamed.get(5, TimeUnit.SECONDS)).as("bytes before the end").isGreaterThanOrEqualTo(0L);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.clients() == 0);
    }
}
