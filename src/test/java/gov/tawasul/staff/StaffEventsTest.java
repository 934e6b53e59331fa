package gov.tawasul.staff;

import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/staff/events} and {@code GET /console/live}: what a staff client receives, live and on resume. */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class StaffEventsTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClientResumingAfterAPositionGetsWhatItMissedThenLiveChanges() throws Exception {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        new SmsCitizen("+966500006001").says("help");
        long conversation = (Long) TestDb.value("select id from conversation where citizen_address = '+966500006001'");
        long inboundPosition = (Long) TestDb.value("select position from inbound_message where conversation_id = ?",
                conversation);

        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = read("/api/staff/events", agent, Long.toString(inboundPosition - 1), lines,
                l -> l.startsWith("data:") && l.contains("\"conversationId\":" + conversation)
                        && l.contains("INBOUND_STORED"));
        reading.get(10, TimeUnit.SECONDS);
        assertThat(String.join("\n", lines)).contains("event:INBOUND_STORED").contains("id:" + inboundPosition)
                .doesNotContain("+966500006001").doesNotContain("help");

        List<String> live = new ArrayList<>();
        CompletableFuture<Void> next = read("/api/staff/events", agent, null, live,
                l -> l.startsWith("data:") && l.contains("INBOUND_STORED")
                        && !l.contains("\"conversationId\":" + conversation));
        Thread.sleep(500);
        new SmsCitizen("+966500006002").says("help");
        next.get(10, TimeUnit.SECONDS);
        assertThat(live).anyMatch(l -> l.startsWith("data:") && l.contains("\"channel\":\"SMS\""));
    }

    @Test
    void theConsoleStreamNamesTheChangedConversation() throws Exception {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        SmsCitizen citizen = new SmsCitizen("+966500006003");
        citizen.says("help");
        long conversation = (Long) TestDb.value("select id from conversation where citizen_address = '+966500006003'");
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = read("/console/live", agent, null, lines,
                l -> l.equals("event:conv-" + conversation));
        Thread.sleep(500);
        citizen.says("مرحبا");
        reading.get(10, TimeUnit.SECONDS);
        assertThat(lines).contains("event:conversations", "event:conv-" + conversation);
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && java.util.Arrays.asList(l.substring(5).split(","))
                .contains(Long.toString(conversation)));
    }

    @Test
    void aDisabledAccountsStreamEnds() throws Exception {
        StaffSession agent = StaffSession.loginAs("dana", StaffRole.AGENT);
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = read("/api/staff/events", agent, null, lines, l -> false);
        Thread.sleep(1500);
        assertThat(reading).isNotDone();
        TestDb.execute("update staff_user set enabled = false where username = 'dana'");
        // the server ends the stream (the reader sees its end or the connection closed)
        assertThat(reading.handle((done, closed) -> true).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutASessionThereIsNoStream() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/staff/events")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    /** Reads the stream's lines into {@code lines} until one matches {@code until}; then disconnects. */
    private CompletableFuture<Void> read(String path, StaffSession who, String lastEventId, List<String> lines,
                                         java.util.function.Predicate<String> until) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Accept", "text/event-stream")
                .header("Cookie", StaffSession.SESSION_COOKIE + "=" + who.sessionCookie()).timeout(Duration.ofSeconds(15));
        if (lastEventId != null) {
            req.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(req.GET().build(), HttpResponse.BodyHandlers.ofInputStream()).thenAccept(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line.replace("event: ", "event:").replace("id: ", "id:").replace("data: ", "data:"));
                    }
                    if (until.test(line.replace(": ", ":"))) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
