package gov.tawasul.bench.console;

import gov.tawasul.bench.data.FormBody;
import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.bench.fake.FakeCaseApi;
import gov.tawasul.bench.fake.FakeTwilioApi;
import gov.tawasul.bench.data.Dataset;
import gov.tawasul.bench.probe.AppProcess;
import gov.tawasul.bench.probe.ProcessProbe;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The staff console's two figures (issue 9): how long from a webhook's commit (its 200) until the conversation's
 * row is on an open console's screen (p50/p99 over 200 messages, in a real headless Chromium: a MutationObserver
 * stamps each row when it appears; both clocks are this machine's wall clock), and how many live (SSE) console
 * clients one instance holds (steps of connected {@code /console/live} streams: how many receive a change within
 * 5 s, and the app's RSS). Writes a Markdown table to {@code bench.out}.
 */
public final class ConsoleBench {

    static final String ACCOUNT_SID = "AC0be0c0ffee000000000000000000000b";
    static final String AUTH_TOKEN = "be0c0ffeebe0c0ffeebe0c0ffee00001";
    static final String BOT_NUMBER = "+15555550199";
    static final String ADMIN = "bench-admin";

    private final StringBuilder report = new StringBuilder();
    /** HTTP/1.1, as a browser speaks to a plain-http console. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        System.exit(new ConsoleBench().run());
    }

    private int run() throws Exception {
        File jar = new File(System.getProperty("bench.appJar"));
        Path out = Path.of(System.getProperty("bench.out"));
        File logDir = new File(System.getProperty("bench.logDir", "bench/results/tmp"));
        logDir.mkdirs();
        int messages = Integer.getInteger("bench.messages", 200);
        int[] steps = java.util.Arrays.stream(System.getProperty("bench.sseSteps", "100,500,1000,2000,4000")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        String password = "Bench-" + Long.toHexString(System.nanoTime()) + "-pw";

        Vertx vertx = Vertx.vertx();
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(50));
        FakeTwilioApi twilio = new FakeTwilioApi(vertx, client, ACCOUNT_SID, AUTH_TOKEN, 200);
        FakeCaseApi cases = new FakeCaseApi(vertx, Dataset.caseBodies());
        int twilioPort = twilio.start();
        int casesPort = cases.start();
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Map<String, String> env = new LinkedHashMap<>();
        env.put("TAWASUL_DB_NAME", System.getProperty("bench.db", "tawasul_bench_console"));
        env.put("TAWASUL_REDIS_URL", "redis://127.0.0.1:6379/" + System.getProperty("bench.redisDb", "7"));
        env.put("TAWASUL_ADMIN_USER", ADMIN);
        env.put("TAWASUL_ADMIN_PASSWORD", password);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        // health and metrics are on the management interface in the packaged app (its own port)
        int managementPort = freePort();
        props.put("quarkus.management.port", Integer.toString(managementPort));
        props.put("tawasul.public-url", base);
        props.put("tawasul.twilio.api-url", "http://127.0.0.1:" + twilioPort);
        props.put("tawasul.twilio.account-sid", ACCOUNT_SID);
        props.put("tawasul.twilio.auth-token", AUTH_TOKEN);
        props.put("tawasul.twilio.from", BOT_NUMBER);
        props.put("tawasul.cases.connector", "rest");
        props.put("tawasul.cases.rest.url", "http://127.0.0.1:" + casesPort);
        List<String> jvm = List.of(System.getProperty("bench.appJavaOpts", "-Xmx512m").split("\\s+"));
        log("starting the app on " + base);
        try (AppProcess app = AppProcess.start(jar, jvm, props, env, new File(logDir, "console-app.log"))) {
            waitReady("http://127.0.0.1:" + managementPort);
            String cookies = login(base, password);
            ProcessProbe probe = new ProcessProbe(app.pid(), Long.getLong("bench.clkTck", 100));
            InboundWebhooks webhooks = new InboundWebhooks(ACCOUNT_SID, BOT_NUMBER, base + "/webhooks/twilio/sms",
                    new TwilioSignature(AUTH_TOKEN));
            report.append("## Staff console (issue 9)\n\n");
            report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average at start ")
                    .append(loadAverage()).append("; app JVM ").append(String.join(" ", jvm)).append(".\n\n");
            latency(base, cookies, webhooks, messages);
            capacity(base, cookies, webhooks, probe, steps);
            report.append("\nLoad average at the end: ").append(loadAverage()).append(".\n");
        } finally {
            vertx.close();
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        log("wrote " + out);
        return 0;
    }

    /** Webhook 200 → row on an open console in Chromium. */
    private void latency(String base, String cookies, InboundWebhooks webhooks, int messages) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("TAWASUL_CHROMIUM", "/usr/bin/chromium"));
        Path profile = Files.createTempDirectory("bench-chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(
                new File(System.getenv().getOrDefault("TAWASUL_CHROMEDRIVER", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(base + "/q/health/live");
            for (String c : cookies.split("; ")) {
                String[] kv = c.split("=", 2);
                driver.manage().addCookie(new org.openqa.selenium.Cookie(kv[0], kv[1]));
            }
            driver.get(base + "/console");
            Thread.sleep(1500);
            driver.executeScript("""
                    window.__seen = {};
                    const stamp = () => document.querySelectorAll('#rows .citizen').forEach(e => {
                      const n = e.textContent.trim().split(' ')[0];
                      if (!(n in window.__seen)) { window.__seen[n] = Date.now(); }
                    });
                    stamp();
                    new MutationObserver(stamp).observe(document.getElementById('rows'), {childList: true, subtree: true});
                    """);
            Map<String, Long> committed = new LinkedHashMap<>();
            long tag = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                String from = String.format("+96659%07d", (tag + i) % 10_000_000L);
                Map<String, String> params = webhooks.params(String.format("SM%016x%016x", tag, (long) i), from,
                        "status of case " + (1000 + i));
                String body = FormBody.encode(params);
                String sig = new TwilioSignature(AUTH_TOKEN).sign(base + "/webhooks/twilio/sms", params);
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/twilio/sms"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", sig)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    committed.put(from, System.currentTimeMillis());
                }
                Thread.sleep(250);
            }
            Thread.sleep(3000);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) driver.executeScript("return window.__seen;");
            List<Long> lat = new ArrayList<>();
            int missing = 0;
            for (var e : committed.entrySet()) {
                Object at = seen.get(e.getKey());
                if (at == null) {
                    missing++;
                } else {
                    lat.add(((Number) at).longValue() - e.getValue());
                }
            }
            lat.sort(Long::compare);
            report.append("### Webhook commit → row on screen (Chromium, one console open, one message every 250 ms)\n\n")
                    .append("| messages | on screen | missing | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|---|\n")
                    .append("| ").append(committed.size()).append(" | ").append(lat.size()).append(" | ").append(missing)
                    .append(" | ").append(pct(lat, 50)).append(" ms | ").append(pct(lat, 90)).append(" ms | ")
                    .append(pct(lat, 99)).append(" ms | ").append(lat.isEmpty() ? "-" : lat.get(lat.size() - 1))
                    .append(" ms |\n\n");
            log("latency p50 " + pct(lat, 50) + " ms, p99 " + pct(lat, 99) + " ms, missing " + missing);
        } finally {
            driver.quit();
        }
    }

    /** Connected SSE clients per step: how many get a change within 5 s, and the app's RSS. */
    private void capacity(String base, String cookies, InboundWebhooks webhooks, ProcessProbe probe, int[] steps)
            throws Exception {
        report.append("### Live clients one instance holds (`GET /console/live`, one HTTP/1.1 connection each)\n\n")
                .append("| clients connected | received a change within 5 s | app RSS | open took |\n|---|---|---|---|\n");
        List<CompletableFuture<?>> streams = new ArrayList<>();
        AtomicInteger open = new AtomicInteger();
        Map<Integer, Long> lastEventAt = new ConcurrentHashMap<>();
        HttpClient sse = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        int connected = 0;
        long tag = System.nanoTime();
        for (int step : steps) {
            long t0 = System.nanoTime();
            while (connected < step) {
                int id = connected++;
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/console/live")).header("Cookie", cookies)
                        .header("Accept", "text/event-stream").GET().build();
                streams.add(sse.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(r -> {
                    if (r.statusCode() != 200) {
                        return;
                    }
                    open.incrementAndGet();
                    new Thread(null, () -> read(r.body(), id, lastEventAt), "sse-" + id, 128 * 1024).start();
                }));
            }
            while (open.get() < step && System.nanoTime() - t0 < 60_000_000_000L) {
                Thread.sleep(100);
            }
            long openMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(1000);
            long before = System.currentTimeMillis();
            Map<String, String> params = webhooks.params(String.format("SM%016x%016x", tag, (long) step),
                    String.format("+96658%07d", step), "status of case 1446-000123");
            http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/twilio/sms"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", new TwilioSignature(AUTH_TOKEN).sign(base + "/webhooks/twilio/sms", params))
                    .POST(HttpRequest.BodyPublishers.ofString(FormBody.encode(params))).build(),
                    HttpResponse.BodyHandlers.discarding());
            Thread.sleep(5000);
            long got = lastEventAt.values().stream().filter(t -> t >= before).count();
            report.append("| ").append(open.get()).append(" | ").append(got).append(" | ")
                    .append(probe.rssKiB() / 1024).append(" MiB | ").append(openMs).append(" ms |\n");
            log("SSE step " + step + ": open " + open.get() + ", received " + got + ", RSS " + probe.rssKiB() / 1024 + " MiB");
            if (got < open.get() * 0.99) {
                break;
            }
        }
        streams.forEach(f -> f.cancel(true));
        report.append('\n');
    }

    private static void read(InputStream in, int id, Map<Integer, Long> lastEventAt) {
        try (in) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
                if (chunk.contains("event:conversations") || chunk.contains("event: conversations")) {
                    lastEventAt.put(id, System.currentTimeMillis());
                }
            }
        } catch (Exception ignored) {
            // the stream ended: the client is no longer counted as receiving
        }
    }

    private String login(String base, String password) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + ADMIN + "&j_password=" + password)).build(),
                HttpResponse.BodyHandlers.discarding());
        List<String> cookies = new ArrayList<>();
        for (String set : r.headers().allValues("set-cookie")) {
            cookies.add(set.split(";", 2)[0]);
        }
        if (cookies.isEmpty()) {
            throw new IllegalStateException("login refused: HTTP " + r.statusCode());
        }
        return String.join("; ", cookies);
    }

    private void waitReady(String base) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet listening
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the app did not become ready in 120 s");
    }

    private static String pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return Long.toString(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void log(String s) {
        System.err.println("[bench/console] " + s);
    }
}
