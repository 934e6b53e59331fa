package gov.tawasul.app;

import gov.tawasul.channels.twilio.TwilioTestSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the packaged app ({@code target/quarkus-app/quarkus-run.jar}, prod profile) on one PostgreSQL
 * and one Redis: a message stored by instance B reaches the conversation-event subscribers of instance A through
 * Redis pub/sub. A's subscriber here is its metrics counter {@code tawasul_conversation_events_total}, tagged
 * {@code source="remote"} for events that came from another instance. Runs in Maven's integration-test phase.
 */
class TwoInstancesIT {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Process> PROCESSES = new ArrayList<>();
    static int portA;
    static int portB;
    /** Management interface port (health, metrics) of the instance on each HTTP port. */
    static final java.util.Map<Integer, Integer> MANAGEMENT = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void startTwoInstances() throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).exists();
        portA = freePort();
        portB = freePort();
        PROCESSES.add(start(jar, portA, "a"));
        PROCESSES.add(start(jar, portB, "b"));
        for (int port : new int[]{portA, portB}) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> get(MANAGEMENT.get(port), "/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
    }

    @Test
    void aMessageStoredByOneInstanceReachesTheSubscribersOfTheOther() throws Exception {
        double before = remoteEvents(portA, "INBOUND_STORED");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String body = "MessageSid=" + sid + "&From=" + enc("+966500004242") + "&To=" + enc("+15555550177")
                + "&Body=" + enc("مساعدة") + "&NumMedia=0";
        String url = "http://localhost:" + portB + "/webhooks/twilio/sms";
        HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TOKEN, url, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> remoteEvents(portA, "INBOUND_STORED") >= before + 1);
        // the reply B queued (and its failed attempt: no Twilio here) reaches A too
        await().atMost(Duration.ofSeconds(15)).until(() -> remoteEvents(portA, "OUTBOUND_QUEUED") >= 1);
        // B published it as its own (local) event and did not receive it back as remote
        assertThat(localEvents(portB, "INBOUND_STORED")).isEqualTo(1);
        assertThat(remoteEvents(portB, "INBOUND_STORED")).isZero();
    }

    static double remoteEvents(int port, String type) throws Exception {
        return counter(port, type, "remote");
    }

    static double localEvents(int port, String type) throws Exception {
        return counter(port, type, "local");
    }

    static double counter(int port, String type, String source) throws Exception {
        String metrics = get(MANAGEMENT.get(port), "/q/metrics").body();
        double total = 0;
        Matcher m = Pattern.compile("(?m)^tawasul_conversation_events_total\\{([^}]*)} ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("source=\"" + source + "\"") && m.group(1).contains("type=\"" + type + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Process start(Path jar, int port, String name) throws IOException {
        String db = System.getenv().getOrDefault("TAWASUL_TEST_DB_NAME", "tawasul_test");
        String host = System.getenv().getOrDefault("TAWASUL_DB_HOST", "127.0.0.1");
        String redis = System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL", "redis://localhost:6379/1");
        Path log = Path.of("target", "two-instances-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + MANAGEMENT.computeIfAbsent(port, p -> freePortUnchecked()),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + host + ":5432/" + db,
                "-Dquarkus.datasource.reactive.url=postgresql://" + host + ":5432/" + db,
                "-Dtawasul.redis.url=" + redis,
                "-Dtawasul.public-url=http://localhost:" + port,
                "-Dtawasul.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                "-Dtawasul.twilio.auth-token=" + TOKEN,
                "-Dtawasul.twilio.api-url=http://127.0.0.1:9",
                "-Dtawasul.cases.local.seed=false",
                "-jar", jar.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
