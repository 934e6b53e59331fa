package gov.tawasul.bench.reports;

import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.bench.fake.FakeTwilioApi;
import gov.tawasul.bench.probe.AppProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports benchmark (issue 10): starts the packaged app on its own database (Flyway creates the schema), seeds it
 * server-side with {@code bench/reports-seed.sql} (psql, {@code generate_series}), then, while signed Twilio
 * webhooks arrive at {@code bench.rate} per second, calls {@code GET /api/staff/reports/summary} 20 times for the
 * last 7, 30 and 365 days and writes p50/p95 (ms), the seed's size and time, and the machine's load to
 * {@code bench.out} (Markdown).
 */
public final class ReportsBench {

    static final String ACCOUNT_SID = "AC0be0c0ffee000000000000000000000b";
    static final String AUTH_TOKEN = "be0c0ffeebe0c0ffeebe0c0ffee00001";
    static final String BOT_NUMBER = "+15555550199";
    static final String ADMIN = "bench-admin";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        System.exit(new ReportsBench().run());
    }

    private int run() throws Exception {
        File jar = new File(System.getProperty("bench.appJar"));
        Path out = Path.of(System.getProperty("bench.out"));
        String db = System.getProperty("bench.db", "tawasul_bench_reports");
        long inbound = Long.getLong("bench.inbound", 5_000_000);
        long conversations = Long.getLong("bench.conversations", 100_000);
        int rate = Integer.getInteger("bench.rate", 100);
        int calls = Integer.getInteger("bench.calls", 20);
        File logDir = new File("bench/results/tmp");
        logDir.mkdirs();
        String password = "Bench-" + Long.toHexString(System.nanoTime()) + "-pw";

        Vertx vertx = Vertx.vertx();
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(50));
        FakeTwilioApi twilio = new FakeTwilioApi(vertx, client, ACCOUNT_SID, AUTH_TOKEN, 200);
        int twilioPort = twilio.start();
        int port = Integer.getInteger("bench.port", 18200);
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TAWASUL_DB_NAME", db);
        env.put("TAWASUL_REDIS_URL", "redis://127.0.0.1:6379/" + System.getProperty("bench.redisDb", "12"));
        env.put("TAWASUL_ADMIN_USER", ADMIN);
        env.put("TAWASUL_ADMIN_PASSWORD", password);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("tawasul.public-url", base);
        props.put("tawasul.twilio.api-url", "http://127.0.0.1:" + twilioPort);
        props.put("tawasul.twilio.account-sid", ACCOUNT_SID);
        props.put("tawasul.twilio.auth-token", AUTH_TOKEN);
        props.put("tawasul.twilio.from", BOT_NUMBER);
        // health on its own management port (prod), away from other apps on this machine
        props.put("quarkus.management.port", Integer.toString(port + 1000));
        props.put("quarkus.management.host", "127.0.0.1");
        // the report rollup job runs soon after the seed (its default is every 15 minutes)
        props.put("tawasul.reports.rollup.every", System.getProperty("bench.rollupEvery", "10s"));
        props.put("tawasul.reports.rollup.delay", "1s");
        List<String> jvm = List.of(System.getProperty("bench.appJavaOpts", "-Xmx512m").split("\\s+"));
        report.append("## Reports (issue 10)\n\n");
        report.append("Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared; load average at start ").append(loadAverage()).append(".\n\n");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (AppProcess app = AppProcess.start(jar, jvm, props, env, new File(logDir, "reports-app.log"))) {
            waitReady("http://127.0.0.1:" + (port + 1000));
            long t0 = System.nanoTime();
            if (!Boolean.getBoolean("bench.skipSeed")) {
                seed(db, inbound, conversations);
                // the seed writes a year of past rows at once, which the app never does: the job may have rolled
                // days while they were half written, so the rollup starts again from the complete rows
                psql(db, "truncate report_daily, report_rolled_day, report_citizen_days, report_handoff");
            }
            long seedSeconds = (System.nanoTime() - t0) / 1_000_000_000L;
            report.append(Boolean.getBoolean("bench.skipSeed") ? "Seed of an earlier run reused. " : "").append("Seed: ").append(inbound).append(" inbound + their replies and agent messages over 365 days in ")
                    .append(conversations).append(" conversations, by `bench/reports-seed.sql` (server-side ")
                    .append("generate_series, then VACUUM ANALYZE): ").append(seedSeconds).append(" s. Rows: ")
                    .append(psql(db, "select (select count(*) from inbound_message) || ' inbound, ' || "
                            + "(select count(*) from outbound_message) || ' outbound, ' || "
                            + "(select count(*) from conversation) || ' conversations, ' || "
                            + "(select count(*) from case_query) || ' case queries'")).append(".\n\n");
            long r0 = System.nanoTime();
            String rolled = waitRolledUp(db);
            report.append("Rollup of the closed days by `ReportRollupJob` after the seed: ").append(rolled)
                    .append(" in ").append((System.nanoTime() - r0) / 1_000_000_000L).append(" s (load average ")
                    .append(loadAverage()).append(").\n\n");
            // the backfill rewrote each conversation's citizen row once per day it wrote on: vacuum, as autovacuum
            // would have done by the time anybody reads a report (it had not, in 5 minutes, on this machine)
            psql(db, "vacuum analyze report_citizen_days");
            psql(db, "vacuum analyze report_daily");
            // in production the job runs every 15 min; at the bench's 10 s it would re-roll 7 days without pause
            // during the measurement: its lease is taken here for the measurement's length
            new ProcessBuilder("redis-cli", "-n", System.getProperty("bench.redisDb", "12"), "set",
                    "tawasul:reports:rollup-lease", "bench-measuring", "px", "1800000").start().waitFor();
            report.append("During the measurement the rollup job is kept from running (its Redis lease held by the ")
                    .append("bench), as between two of its 15-minute runs in production.\n\n");
            String cookies = login(base, password);
            InboundWebhooks webhooks = new InboundWebhooks(ACCOUNT_SID, BOT_NUMBER, base + "/webhooks/twilio/sms",
                    new TwilioSignature(AUTH_TOKEN));
            InboundWebhooks.Signed[] messages = webhooks.build(Math.max(1, rate * 600), System.nanoTime(), 0);
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            String loadStarted = psql(db, "select now()");
            if (rate > 0) load.scheduleAtFixedRate(() -> {
                int i = (int) (sent.getAndIncrement() % messages.length);
                var m = messages[i];
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/webhooks/twilio/sms"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", m.signature())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                            if (e != null || r.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                        });
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            Thread.sleep(5000);
            report.append(rate > 0 ? "While " + rate + " signed Twilio webhooks a second arrive (the bot answers "
                            + "each through the fake Twilio); " : "With no webhook traffic (`BENCH_RATE=0`: the "
                            + "reports' own cost, without the message path's competing for the 2 cores); ")
                    .append(calls).append(" calls per period, one at a time, ")
                    .append("after one warm-up call:\n\n| period | p50 ms | p95 ms | max ms | failed calls |\n|---|---:|---:|---:|---:|\n");
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Riyadh"));
            for (int days : new int[]{7, 30, 365}) {
                String url = base + "/api/staff/reports/summary?from=" + today.minusDays(days - 1) + "&to=" + today;
                try {
                    call(url, cookies);
                } catch (IllegalStateException e) {
                    log("warm-up: " + e.getMessage());
                }
                List<Long> ms = new ArrayList<>();
                int errors = 0;
                for (int i = 0; i < calls; i++) {
                    long s = System.nanoTime();
                    try {
                        call(url, cookies);
                        ms.add((System.nanoTime() - s) / 1_000_000);
                    } catch (IllegalStateException e) {
                        errors++;
                        log(e.getMessage());
                    }
                }
                if (ms.isEmpty()) {
                    report.append("| ").append(days).append(" days | – | – | – | ").append(errors).append(" |\n");
                    continue;
                }
                Collections.sort(ms);
                report.append("| ").append(days).append(" days | ").append(pct(ms, 50)).append(" | ")
                        .append(pct(ms, 95)).append(" | ").append(ms.get(ms.size() - 1)).append(" | ").append(errors)
                        .append(" |\n");
                log(days + " days: " + ms);
            }
            load.shutdownNow();
            Thread.sleep(10_000); // the replies of the last webhooks
            String states = psql(db, "select string_agg(state || ' ' || n, ', ' order by state) from (select state, "
                    + "count(*) n from inbound_message where received_at >= '" + loadStarted + "' group by state) s");
            String replies = psql(db, "select string_agg(status || ' ' || n, ', ' order by status) from (select "
                    + "status, count(*) n from outbound_message where created_at >= '" + loadStarted
                    + "' group by status) s");
            report.append("\nWebhooks sent during the measurement: ").append(sent.get()).append(", refused or failed: ")
                    .append(failed.get()).append("; their inbound rows 10 s after the last: ").append(states)
                    .append("; replies: ").append(replies).append(". Load average at the end: ").append(loadAverage())
                    .append(".\n");
        } finally {
            load.shutdownNow();
            vertx.close();
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        log("wrote " + out);
        return 0;
    }

    /** Waits until the job has rolled every closed day since the first message (or stops making progress). */
    private static String waitRolledUp(String db) throws Exception {
        String due = "(select count(*) from generate_series((select min(received_at) from inbound_message)"
                + " at time zone 'Asia/Riyadh', (now() - interval '1 hour') at time zone 'Asia/Riyadh'"
                + " - interval '1 day', interval '1 day'))";
        long limit = System.nanoTime() + Long.getLong("bench.rollupSeconds", 3600) * 1_000_000_000L;
        String last = "";
        long lastChange = System.nanoTime();
        while (System.nanoTime() < limit) {
            String state = psql(db, "select (select count(*) from report_rolled_day) || ' of ' || " + due);
            String[] parts = state.split(" of ");
            if (parts.length == 2 && Long.parseLong(parts[0].strip()) >= Long.parseLong(parts[1].strip())) {
                return state + " days";
            }
            if (!state.equals(last)) {
                last = state;
                lastChange = System.nanoTime();
                log("rolled " + state);
            } else if (System.nanoTime() - lastChange > 300_000_000_000L) {
                return state + " days (no progress for 5 min: stopped waiting)";
            }
            Thread.sleep(2000);
        }
        return last + " days (time limit)";
    }

    private void call(String url, String cookies) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("summary answered " + r.statusCode() + ": " + r.body());
        }
    }

    private void seed(String db, long inbound, long conversations) throws Exception {
        log("seeding " + inbound + " inbound messages, " + conversations + " conversations");
        Process p = new ProcessBuilder("psql", "-h", System.getenv().getOrDefault("TAWASUL_DB_HOST", "127.0.0.1"),
                "-U", "postgres", "-d", db, "-q", "-v", "inbound=" + inbound, "-v", "conversations=" + conversations,
                "-f", "bench/reports-seed.sql").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("seed failed");
        }
    }

    private static String psql(String db, String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", System.getenv().getOrDefault("TAWASUL_DB_HOST", "127.0.0.1"),
                "-U", "postgres", "-d", db, "-qtAc", sql).start();
        String text = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return text;
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
        long until = System.nanoTime() + Long.getLong("bench.readySeconds", 300) * 1_000_000_000L;
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
        throw new IllegalStateException("the app did not become ready in time (bench.readySeconds)");
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ", 4);
            return l[0] + " / " + l[1] + " / " + l[2] + " (1 / 5 / 15 min)";
        } catch (Exception e) {
            return "?";
        }
    }

    private static void log(String s) {
        System.err.println("[bench/reports] " + s);
    }
}
