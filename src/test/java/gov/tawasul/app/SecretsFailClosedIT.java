package gov.tawasul.app;

import gov.tawasul.channels.twilio.TwilioTestSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app (prod profile): a placeholder secret stops start-up naming the setting; with real-looking SMS
 * credentials and no {@code tawasul.public-url}, the public URL follows the port (a webhook signed for
 * {@code http://localhost:<port>} is accepted), health and metrics are on the management port only, and the start-up
 * line says which channels are on.
 */
class SecretsFailClosedIT {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<Process> PROCESSES = new ArrayList<>();

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
    }

    @Test
    void aPlaceholderSecretStopsAProdStartUpNamingTheSetting() throws Exception {
        Path log = Path.of("target", "secrets-placeholder.log");
        Process app = start(log, TwoInstancesIT.freePort(), TwoInstancesIT.freePort(),
                "-Dtawasul.twilio.account-sid=" + SID, "-Dtawasul.twilio.auth-token=change-me");
        assertThat(app.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN): a placeholder");
    }

    @Test
    void thePublicUrlFollowsThePortAndHealthIsOnTheManagementPortOnly() throws Exception {
        int port = TwoInstancesIT.freePort();
        int management = TwoInstancesIT.freePort();
        Path log = Path.of("target", "secrets-sms-on.log");
        start(log, port, management, "-Dtawasul.twilio.account-sid=" + SID, "-Dtawasul.twilio.auth-token=" + TOKEN);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(management, "/q/health/ready") == 200);
        assertThat(get(management, "/q/metrics")).isEqualTo(200);
        assertThat(get(port, "/q/health/ready")).isEqualTo(404);
        assertThat(get(port, "/q/metrics")).isEqualTo(404);

        String url = "http://localhost:" + port + "/webhooks/twilio/sms";
        String body = "MessageSid=SM" + "0".repeat(31) + "9&From=%2B966500099001&To=%2B15555550177&Body=help&NumMedia=0";
        HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TOKEN, url, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
        HttpResponse<String> off = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/webhooks/facebook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(off.statusCode()).isEqualTo(404);
        assertThat(off.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Files.readString(log)).contains("Channels on: SMS, web chat. Off: Messenger (set TAWASUL_FACEBOOK_APP_SECRET");
    }

    private static int get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Process start(Path log, int port, int management, String... settings) throws IOException {
        String db = System.getenv().getOrDefault("TAWASUL_TEST_DB_NAME", "tawasul_test");
        String host = System.getenv().getOrDefault("TAWASUL_DB_HOST", "127.0.0.1");
        String redis = System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL", "redis://localhost:6379/1");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + host + ":5432/" + db,
                "-Dquarkus.datasource.reactive.url=postgresql://" + host + ":5432/" + db,
                "-Dtawasul.redis.url=" + redis,
                "-Dtawasul.twilio.api-url=http://127.0.0.1:9",
                "-Dtawasul.cases.local.seed=false"));
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PROCESSES.add(process);
        return process;
    }
}
