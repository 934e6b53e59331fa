package gov.tawasul.staff;

import org.junit.jupiter.api.AfterAll;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged instances ({@code target/quarkus-app/quarkus-run.jar}, prod profile) start at the same time on one
 * PostgreSQL with no staff account: one of them creates the admin and prints its password, once; with the same
 * {@code tawasul.staff.session-key}, a session made on one instance is valid on the other.
 */
class BootstrapAdminIT {

    static final String SESSION_KEY = "it-session-key-0123456789abcdefghijklmnop";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Process> PROCESSES = new ArrayList<>();

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
    }

    @Test
    void twoInstancesStartingTogetherCreateTheAdminOnceAndShareSessions() throws Exception {
        sql("delete from staff_user");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).exists();
        int portA = freePort();
        int portB = freePort();
        Path logA = Path.of("target", "bootstrap-admin-a.log");
        Path logB = Path.of("target", "bootstrap-admin-b.log");
        PROCESSES.add(start(jar, portA, logA));
        PROCESSES.add(start(jar, portB, logB));
        for (int port : new int[]{portA, portB}) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get(MANAGEMENT.get(port), "/q/health/ready", null).statusCode() == 200);
        }
        String output = Files.readString(logA) + Files.readString(logB);
        Matcher line = Pattern.compile("Console admin account created: admin / (\\S+) — change it after first login")
                .matcher(output);
        assertThat(line.find()).as(output).isTrue();
        String password = line.group(1);
        assertThat(line.find()).as("printed once").isFalse();
        assertThat(sql("select count(*) from staff_user")).isEqualTo(1L);

        // sign in on A; the session cookie is valid on B (same session key)
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA
                        + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("tawasul-session=")).findFirst().orElseThrow().split(";")[0];
        assertThat(get(portB, "/api/staff/users", cookie).statusCode()).isEqualTo(200);
        assertThat(get(portB, "/api/staff/users", null).statusCode()).isEqualTo(401);
        assertThat(Files.readString(logA) + Files.readString(logB)).doesNotContain("tawasul.staff.session-key (TAWASUL_SESSION_KEY) is not set");
    }

    /** Management interface port (health, metrics) of the instance on each HTTP port. */
    static final java.util.Map<Integer, Integer> MANAGEMENT = new java.util.concurrent.ConcurrentHashMap<>();

    static int freePortUnchecked() {
        try {
            return freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Process start(Path jar, int port, Path log) throws IOException {
        String redis = System.getenv().getOrDefault("TAWASUL_TEST_REDIS_URL", "redis://localhost:6379/1");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + MANAGEMENT.computeIfAbsent(port,
                        p -> freePortUnchecked()),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + host() + ":5432/" + db(),
                "-Dquarkus.datasource.reactive.url=postgresql://" + host() + ":5432/" + db(),
                "-Dtawasul.redis.url=" + redis,
                "-Dtawasul.public-url=http://localhost:" + port,
                "-Dtawasul.twilio.api-url=http://127.0.0.1:9",
                "-Dtawasul.cases.local.seed=false",
                "-Dtawasul.staff.session-key=" + SESSION_KEY,
                "-jar", jar.toString());
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String db() {
        return System.getenv().getOrDefault("TAWASUL_TEST_DB_NAME", "tawasul_test");
    }

    static String host() {
        return System.getenv().getOrDefault("TAWASUL_DB_HOST", "127.0.0.1");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs one statement on the test database (plain JDBC, the URL built like the instances': this class runs
     * without Quarkus, so it must not read application.properties, whose default database is the developer's).
     *
     * @return the count of a query, or the number of rows changed
     */
    static long sql(String statement) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + host() + ":5432/" + db(),
                System.getenv().getOrDefault("TAWASUL_DB_USER", "tawasul"),
                System.getenv().getOrDefault("TAWASUL_DB_PASSWORD", "tawasul"));
             var s = c.createStatement()) {
            if (s.execute(statement)) {
                try (var rs = s.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return s.getUpdateCount();
        }
    }
}
