package gov.tawasul.bench.chaos;

import gov.tawasul.bench.Harness;
import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.bench.data.Dataset;
import gov.tawasul.bench.fake.FakeCaseApi;
import gov.tawasul.bench.fake.FakeTwilioApi;
import gov.tawasul.bench.probe.AppProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.io.File;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos run of issue 15, started by {@code bench/chaos}: the packaged app (prod profile, secrets as environment
 * variables) on the run's own PostgreSQL and Redis ({@link PrivateServers}), behind a {@link RoundRobinProxy} (the one
 * public address), with fake Twilio, Graph, X and case APIs on loopback; traffic at a fixed rate with provider-style
 * redeliveries ({@link Traffic}), scenario by scenario; then forged and replayed signatures and mutated bodies on
 * every channel; then the app logs are searched for secrets and full numbers. Writes a markdown table.
 * <p>
 * Settings (system properties): {@code chaos.appJar}, {@code chaos.out}, {@code chaos.logDir}, {@code chaos.pgCtl},
 * {@code chaos.pgData}, {@code chaos.pgPort} (55432), {@code chaos.redisDir}, {@code chaos.redisPort} (56379),
 * {@code chaos.rate} (50 msg/s), {@code chaos.scale} (1.0: multiplies every scenario's duration),
 * {@code chaos.mutations} (5000 per channel), {@code chaos.drainSeconds} (150), {@code chaos.appJavaOpts}
 * ({@code -Xmx384m}), {@code chaos.title}.
 */
public final class ChaosMain {

    private static final Pattern PHONE = Pattern.compile("\\+?9665[09]\\d{7}");
    private static final Pattern FULL_ID = Pattern.compile("(?<![0-9])(?:27\\d{14}|37\\d{16}|29\\d{14}|39\\d{16})(?![0-9])");
    private static final String[] APOLOGY = {"try again in a few minutes", "حاول مرة أخرى بعد دقائق"};

    private final double rate = Double.parseDouble(System.getProperty("chaos.rate", "50"));
    private final double scale = Double.parseDouble(System.getProperty("chaos.scale", "1"));
    private final int mutationsPerChannel = Integer.getInteger("chaos.mutations", 5000);
    private final int drainSeconds = Integer.getInteger("chaos.drainSeconds", 150);
    private final File logDir = new File(System.getProperty("chaos.logDir", "bench/results/tmp/chaos"));
    private final long runTag = System.currentTimeMillis() / 1000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<AppProcess> apps = new ArrayList<>();
    private final Map<String, Integer> totals = new TreeMap<>();

    private Vertx vertx;
    private HttpClient client;
    private Ledger ledger;
    private FakeTwilioApi twilio;
    private FakeGraphApi graph;
    private FakeXApi x;
    private FakeCaseApi cases;
    private PrivateServers servers;
    private RoundRobinProxy proxy;
    private ChaosWebhooks webhooks;
    private String jdbcUrl;
    private String dbPassword;
    private int next;
    private int appStarts;
    private final Map<String, Object> props = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        System.exit(new ChaosMain().run());
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        logDir.mkdirs();
        File jar = new File(Harness.required("chaos.appJar"));
        Path out = Path.of(Harness.required("chaos.out"));
        String loadStart = Files.readString(Path.of("/proc/loadavg")).strip();
        servers = new PrivateServers(Harness.required("chaos.pgCtl"), new File(Harness.required("chaos.pgData")),
                Integer.getInteger("chaos.pgPort", 55432), new File(Harness.required("chaos.redisDir")),
                Integer.getInteger("chaos.redisPort", 56379));
        dbPassword = Harness.required("chaos.pgPassword");
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("chaos.pgPort", 55432) + "/tawasul_chaos";
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000)
                .setIdleTimeout(20), new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(-1));
        int code = 0;
        Thread hook = new Thread(() -> {
            for (AppProcess app : apps) {
                if (app != null) {
                    ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            servers.stopAll();
        }, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            servers.startPostgres();
            servers.startRedis();
            setUp();
            startApp(0);
            scenarios();
        } catch (Exception e) {
            notes.add("the run stopped early: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            for (AppProcess app : apps) {
                if (app != null) {
                    app.close();
                }
            }
            servers.stopAll();
            leaks();
            String loadEnd = Files.readString(Path.of("/proc/loadavg")).strip();
            write(out, loadStart, loadEnd, (System.nanoTime() - started) / 1e9);
            client.close();
            vertx.close();
        }
        return code;
    }

    private void setUp() throws Exception {
        ledger = new Ledger();
        String accountSid = "AC" + hex(16);
        String authToken = hex(16);
        secrets.put("Twilio auth token", authToken);
        secrets.put("Messenger app secret", hex(16));
        secrets.put("Messenger verify token", "vt" + hex(8));
        secrets.put("Messenger page access token", "EAAG" + hex(24));
        secrets.put("X consumer secret", alnum(40));
        secrets.put("X access token secret", alnum(40));
        secrets.put("X access token", FakeXApi.BOT_ID + "-" + alnum(30));
        secrets.put("X consumer key", alnum(25));
        secrets.put("session key", hex(24));
        secrets.put("web chat secret", hex(24));
        secrets.put("identity code secret", hex(24));
        secrets.put("admin password", "Adm" + hex(10));
        secrets.put("database password", dbPassword);
        HttpClient callbacks = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
                new PoolOptions().setHttp1MaxSize(50).setMaxWaitQueueSize(-1));
        twilio = new FakeTwilioApi(vertx, callbacks, accountSid, authToken, 500);
        twilio.observe(ledger);
        graph = new FakeGraphApi(vertx, ledger);
        x = new FakeXApi(vertx, ledger);
        cases = new FakeCaseApi(vertx, Dataset.caseBodies());
        int twilioPort = twilio.start();
        int graphPort = graph.start();
        int xPort = x.start();
        int casesPort = cases.start();
        proxy = new RoundRobinProxy(0);
        String publicUrl = "http://127.0.0.1:" + proxy.port();
        TwilioSignature signer = new TwilioSignature(authToken);
        InboundWebhooks sms = new InboundWebhooks(accountSid, "+15555550199", publicUrl + ChaosWebhooks.SMS_PATH, signer);
        webhooks = new ChaosWebhooks(publicUrl, sms, signer, secrets.get("Messenger app secret"),
                secrets.get("X consumer secret"), runTag);
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("tawasul.public-url", publicUrl);
        props.put("tawasul.twilio.api-url", "http://127.0.0.1:" + twilioPort);
        props.put("tawasul.twilio.from", "+15555550199");
        props.put("tawasul.facebook.graph-url", "http://127.0.0.1:" + graphPort);
        props.put("tawasul.twitter.api-url", "http://127.0.0.1:" + xPort + "/1.1/");
        props.put("tawasul.twitter.api-v2-url", "http://127.0.0.1:" + xPort);
        props.put("tawasul.twitter.user-id", FakeXApi.BOT_ID);
        props.put("tawasul.cases.connector", "rest");
        props.put("tawasul.cases.rest.url", "http://127.0.0.1:" + casesPort);
        props.put("tawasul.engine.recovery.interrupted-after", "30s");
        props.put("twilio.accountSid", accountSid);
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TAWASUL_DB_NAME", "tawasul_chaos");
        env.put("TAWASUL_DB_HOST", "127.0.0.1");
        env.put("TAWASUL_DB_PORT", Integer.toString(Integer.getInteger("chaos.pgPort", 55432)));
        env.put("TAWASUL_DB_USER", "tawasul");
        env.put("TAWASUL_DB_PASSWORD", dbPassword);
        env.put("TAWASUL_REDIS_URL", "redis://127.0.0.1:" + Integer.getInteger("chaos.redisPort", 56379) + "/0");
        env.put("TWILIO_ACCOUNT_SID", (String) props.get("twilio.accountSid"));
        env.put("TWILIO_AUTH_TOKEN", secrets.get("Twilio auth token"));
        env.put("TAWASUL_FACEBOOK_APP_SECRET", secrets.get("Messenger app secret"));
        env.put("TAWASUL_FACEBOOK_VERIFY_TOKEN", secrets.get("Messenger verify token"));
        env.put("TAWASUL_FACEBOOK_PAGE_ACCESS_TOKEN", secrets.get("Messenger page access token"));
        env.put("TAWASUL_TWITTER_CONSUMER_KEY", secrets.get("X consumer key"));
        env.put("TAWASUL_TWITTER_CONSUMER_SECRET", secrets.get("X consumer secret"));
        env.put("TAWASUL_TWITTER_ACCESS_TOKEN", secrets.get("X access token"));
        env.put("TAWASUL_TWITTER_ACCESS_TOKEN_SECRET", secrets.get("X access token secret"));
        env.put("TAWASUL_SESSION_KEY", secrets.get("session key"));
        env.put("TAWASUL_WEBCHAT_SECRET", secrets.get("web chat secret"));
        env.put("TAWASUL_IDENTITY_CODE_SECRET", secrets.get("identity code secret"));
        env.put("TAWASUL_ADMIN_PASSWORD", secrets.get("admin password"));
        return env;
    }

    /** Starts instance {@code slot} (0 or 1) on fresh ports, puts it behind the proxy, waits until it is ready. */
    private void startApp(int slot) throws Exception {
        int port = Harness.freePort();
        int management = Harness.freePort();
        Map<String, String> p = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (!k.startsWith("twilio.")) {
                p.put(k, v.toString());
            }
        });
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.management.port", Integer.toString(management));
        p.put("quarkus.management.host", "127.0.0.1");
        List<String> jvm = List.of(System.getProperty("chaos.appJavaOpts", "-Xmx384m").trim().split("\\s+"));
        File log = new File(logDir, "app-" + (++appStarts) + ".log");
        AppProcess app = AppProcess.start(new File(Harness.required("chaos.appJar")), jvm, p, env(), log);
        while (apps.size() <= slot) {
            apps.add(null);
        }
        apps.set(slot, app);
        backendPorts.put(slot, port);
        managementPorts.put(slot, management);
        long t0 = System.nanoTime();
        long limit = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < limit && app.alive()) {
            // the default build serves health on the management port, a build without it on the main port
            if (get("http://127.0.0.1:" + management + "/q/health/ready") == 200
                    || get("http://127.0.0.1:" + port + "/q/health/ready") == 200) {
                break;
            }
            Thread.sleep(200);
        }
        if (!app.alive() || System.nanoTime() >= limit) {
            throw new IllegalStateException("app instance " + slot + " did not become ready, see " + log);
        }
        proxy.backends(new ArrayList<>(backendPorts.values()));
        log(String.format("instance %d ready in %.1f s (port %d, log %s)", slot, (System.nanoTime() - t0) / 1e9, port, log));
    }

    private final Map<Integer, Integer> backendPorts = new TreeMap<>();
    private final Map<Integer, Integer> managementPorts = new TreeMap<>();

    /**
     * What a rolling update does to one instance: SIGTERM; the balancer (the proxy) takes it out as soon as its
     * readiness is DOWN, polled every 200 ms as a Kubernetes readiness probe would; then the process is awaited.
     */
    private void stopGracefully(int slot) throws InterruptedException {
        AppProcess app = apps.get(slot);
        long t0 = System.nanoTime();
        ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroy);
        String ready = "http://127.0.0.1:" + managementPorts.get(slot) + "/q/health/ready";
        while (app.alive() && get(ready) == 200 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(200);
        }
        long down = (System.nanoTime() - t0) / 1_000_000;
        backendPorts.remove(slot);
        proxy.backends(new ArrayList<>(backendPorts.values()));
        ProcessHandle.of(app.pid()).ifPresent(h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        log(String.format("SIGTERM of instance %d (pid %d): readiness DOWN after %d ms, exited after %.1f s", slot,
                app.pid(), down, (System.nanoTime() - t0) / 1e9));
    }

    private void kill(int slot) {
        AppProcess app = apps.get(slot);
        ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroyForcibly);
        backendPorts.remove(slot);
        proxy.backends(new ArrayList<>(backendPorts.values()));
        log("kill -9 of instance " + slot + " (pid " + app.pid() + ")");
    }

    private void scenarios() throws Exception {
        scenario("redeliveries 20 %", 30, null);
        scenario("kill -9 at 40 %, restart", 40, at(0.4, () -> {
            kill(0);
            startApp(0);
        }));
        scenario("PostgreSQL stopped 20 s", 50, at(0.2, () -> {
            servers.stopPostgres();
            log("PostgreSQL stopped");
            Thread.sleep(20_000);
            servers.startPostgres();
            log("PostgreSQL started");
        }));
        scenario("Redis stopped 20 s", 50, at(0.2, () -> {
            servers.stopRedis();
            log("Redis stopped");
            Thread.sleep(20_000);
            servers.startRedis();
            log("Redis started");
        }));
        scenario("providers 500 for 30 s, then 429 for 30 s", 70, at(0.07, () -> {
            providers(500);
            Thread.sleep(30_000);
            providers(429);
            Thread.sleep(30_000);
            providers(0);
            log("providers answer normally again");
        }));
        scenario("case API refusing connections 60 s", 70, at(0.07, () -> {
            cases.refuseConnections(true);
            log("case API refuses connections");
            Thread.sleep(60_000);
            cases.refuseConnections(false);
            log("case API back");
        }));
        startApp(1);
        scenario("two instances behind one address, one killed at 40 %", 40, at(0.4, () -> kill(1)));
        startApp(1);
        scenario("rolling restart of two instances (SIGTERM, readiness-driven balancer)", 60, at(0.15, () -> {
            for (int slot = 0; slot < 2; slot++) {
                stopGracefully(slot);
                startApp(slot);
            }
        }));
        replays();
        forged();
        for (String channel : new String[]{"SMS", "FACEBOOK", "TWITTER"}) {
            mutations(channel);
        }
    }

    private void providers(int status) {
        twilio.fail(status);
        graph.fail(status);
        x.fail(status);
        log(status == 0 ? "providers normal" : "providers answer " + status);
    }

    interface Action {
        void run() throws Exception;
    }

    /** @return an event that runs {@code action} on its own thread once {@code share} of the messages went out */
    private IntConsumer at(double share, Action action) {
        return new IntConsumer() {
            private boolean fired;
            private int total;

            @Override
            public void accept(int i) {
                if (!fired && i >= (int) (share * total)) {
                    fired = true;
                    Thread t = new Thread(() -> {
                        try {
                            action.run();
                        } catch (Exception e) {
                            notes.add("scenario action failed: " + e);
                            e.printStackTrace();
                        }
                    }, "chaos-action");
                    t.start();
                    actions.add(t);
                }
            }

            IntConsumer total(int n) {
                total = n;
                return this;
            }
        };
    }

    private final List<Thread> actions = new ArrayList<>();

    private void scenario(String name, int seconds, IntConsumer event) throws Exception {
        int count = (int) Math.max(10, Math.round(seconds * scale * rate));
        Inbound[] batch = new Inbound[count];
        for (int i = 0; i < count; i++) {
            batch[i] = webhooks.message(next++);
        }
        if (event != null) {
            setTotal(event, count);
        }
        log(String.format("scenario \"%s\": %d messages at %.0f/s", name, count, rate));
        Traffic traffic = new Traffic(vertx, client, proxy.port());
        traffic.run(batch, rate, 5, true, event);
        for (Thread t : actions) {
            t.join(TimeUnit.MINUTES.toMillis(4));
        }
        actions.clear();
        account(name, batch, traffic);
    }

    private static void setTotal(IntConsumer event, int count) {
        try {
            java.lang.reflect.Method m = event.getClass().getDeclaredMethod("total", int.class);
            m.setAccessible(true);
            m.invoke(event, count);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for the drain (nothing received unanswered, no send due or in flight, no answer owed after a case API
     * outage), then compares what the citizens got and what the rows say with what the providers saw.
     */
    private void account(String name, Inbound[] batch, Traffic traffic) throws Exception {
        long end = System.nanoTime();
        long limit = end + TimeUnit.SECONDS.toNanos(drainSeconds);
        double drained = -1;
        while (System.nanoTime() < limit) {
            if (traffic.inFlight.get() == 0 && answeredAll(batch, traffic) && idleDatabase()) {
                drained = (System.nanoTime() - Math.max(end, traffic.lastSendNs)) / 1e9;
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(1_500);
        int accepted = traffic.accepted.size();
        int lost = 0, dup = 0, followUps = 0, apologyOnly = 0, repliedUnacked = 0;
        List<String> lostSamples = new ArrayList<>();
        Set<String> citizens = new HashSet<>();
        for (int i = 0; i < batch.length; i++) {
            Inbound in = batch[i];
            citizens.add(in.citizen());
            List<Ledger.Send> got = ledger.to(in.citizen());
            boolean ok = traffic.accepted.containsKey(i);
            if (!ok) {
                if (!got.isEmpty()) {
                    repliedUnacked++;
                }
                continue;
            }
            if (got.isEmpty()) {
                lost++;
                if (lostSamples.size() < 5) {
                    lostSamples.add(in.channel() + " " + mask(in.citizen()));
                }
            } else if (got.size() == 2 && apology(got.get(0).text) && !apology(got.get(1).text)) {
                followUps++;
            } else if (got.size() > 1) {
                dup++;
                if (details.size() < 40) {
                    details.add(name + ": " + got.size() + " replies to " + in.channel() + " " + mask(in.citizen()));
                }
            }
            if (got.stream().allMatch(s -> apology(s.text)) && !got.isEmpty()) {
                apologyOnly++;
            }
        }
        int[] states = statuses(citizens, name);
        if (!lostSamples.isEmpty()) {
            details.add(name + ": no reply to " + String.join(", ", lostSamples) + (lost > 5 ? " …" : ""));
        }
        String drain = drained < 0 ? "> " + drainSeconds + " (not drained)" : String.format("%.1f", drained);
        rows.add(String.format("| %s | %d | %d (%d redelivered) | %d | %d | %d | %d | %s | %d | %d (%d no answer) | %s | %d | %d | %d |",
                name, batch.length, traffic.attempts.get(), traffic.redeliveries.get(), accepted,
                accepted - lost - dup - followUps, lost, dup, followUps == 0 ? "0" : followUps + " answered after", apologyOnly,
                traffic.answered5xx.get(), traffic.noAnswer.get(), drain, states[0], states[1], states[2]));
        add("lost", lost);
        add("duplicated", dup);
        add("mis-stated", states[0]);
        add("untracked sends", states[1]);
        log(rows.get(rows.size() - 1));
    }

    private void add(String key, int n) {
        totals.merge(key, n, Integer::sum);
    }

    private boolean answeredAll(Inbound[] batch, Traffic traffic) {
        for (Integer i : traffic.accepted.keySet()) {
            if (ledger.to(batch[i].citizen()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private boolean idleDatabase() {
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from inbound_message where state = 'RECEIVED')"
                     + " + (select count(*) from outbound_message where status = 'QUEUED'"
                     + " or (status = 'SENDING' and provider_message_id is null))"
                     // answers owed to citizens told "try again" while the case API was down (sent once it is back)
                     + " + (select count(*) from case_follow_up where state in ('OWED', 'SENDING'))")) {
            return rs.next() && rs.getLong(1) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * @return {mis-stated rows, provider sends without a row, rows not settled}: a row with a provider id the fake
     *         never issued, or FAILED/UNDELIVERED although the provider accepted it, or DELIVERED though the provider
     *         never delivered it (SMS: the callback the app answered 2xx makes DELIVERED the truth, one it did not
     *         answer leaves SENDING/SENT honest); a row without provider id that is FAILED while the provider holds a
     *         message of the same text to the same citizen that no row claims
     */
    private int[] statuses(Set<String> citizens, String name) throws Exception {
        int misStated = 0, unsettled = 0;
        Set<String> claimed = new HashSet<>();
        List<String[]> noId = new ArrayList<>();
        try (Connection c = db(); PreparedStatement st = c.prepareStatement("select id, channel, recipient, status, "
                + "provider_message_id, text, error_code, origin from outbound_message where recipient = any(?) order by id")) {
            Array arr = c.createArrayOf("varchar", citizens.toArray());
            st.setArray(1, arr);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString("status");
                    String pid = rs.getString("provider_message_id");
                    String row = "outbound " + rs.getLong("id") + " " + rs.getString("channel") + " " + status
                            + (rs.getString("error_code") == null ? "" : " " + rs.getString("error_code"));
                    if (pid == null) {
                        if (status.equals("QUEUED") || status.equals("SENDING")) {
                            unsettled++;
                        }
                        noId.add(new String[]{rs.getString("recipient"), rs.getString("text"), status, row});
                        continue;
                    }
                    claimed.add(pid);
                    Ledger.Send s = ledger.byId(pid);
                    boolean lie;
                    if (s == null) {
                        lie = true;
                    } else if (status.equals("FAILED") || status.equals("UNDELIVERED")) {
                        lie = true;
                    } else if (s.channel.equals("SMS")) {
                        boolean delivered = s.callbackStatus / 100 == 2;
                        lie = delivered ? !(status.equals("DELIVERED") || status.equals("READ")) : status.equals("DELIVERED");
                    } else {
                        lie = status.equals("QUEUED");
                    }
                    if (lie) {
                        misStated++;
                        if (details.size() < 60) {
                            details.add(name + ": " + row + ", provider " + (s == null ? "never issued this id"
                                    : "accepted it" + (s.channel.equals("SMS") ? ", delivered callback answered "
                                    + s.callbackStatus : "")));
                        }
                    }
                }
            }
        }
        int untracked = 0;
        for (String citizen : citizens) {
            for (Ledger.Send s : ledger.to(citizen)) {
                if (!claimed.contains(s.id)) {
                    boolean matched = false;
                    for (String[] r : noId) {
                        if (r[0].equals(citizen) && r[1].equals(s.text) && (r[2].equals("FAILED") || r[2].equals("UNDELIVERED"))) {
                            misStated++;
                            matched = true;
                            if (details.size() < 60) {
                                details.add(name + ": " + r[3] + " without provider id, but the provider accepted "
                                        + s.id + " with its text");
                            }
                            r[2] = "matched";
                            break;
                        }
                    }
                    if (!matched) {
                        untracked++;
                    }
                }
            }
        }
        if (unsettled > 0) {
            details.add(name + ": " + unsettled + " outbound rows still QUEUED/SENDING without provider id at the end");
        }
        return new int[]{misStated, untracked, unsettled};
    }

    /** Each signed request sent 3 times (a replay by someone who captured it): one reply each. */
    private void replays() throws Exception {
        int count = (int) Math.max(30, Math.round(300 * scale));
        Inbound[] batch = new Inbound[count];
        for (int i = 0; i < count; i++) {
            batch[i] = webhooks.message(next++);
        }
        Inbound[] thrice = new Inbound[count * 3];
        for (int i = 0; i < thrice.length; i++) {
            thrice[i] = batch[i % count];
        }
        log("replays: " + count + " signed requests, each sent 3 times");
        Traffic traffic = new Traffic(vertx, client, proxy.port());
        traffic.run(thrice, rate * 2, 0, true, null);
        Traffic merged = traffic;
        Map<Integer, Boolean> acceptedByMessage = new java.util.concurrent.ConcurrentHashMap<>();
        traffic.awaitQuiet(60);
        traffic.accepted.keySet().forEach(i -> acceptedByMessage.put(i % count, true));
        merged.accepted.clear();
        merged.accepted.putAll(acceptedByMessage);
        account("replayed signed requests (each 3 times)", batch, merged);
    }

    /** Forged signatures of every kind on every channel: each must be 403 and store nothing. */
    private void forged() throws Exception {
        int per = (int) Math.max(10, Math.round(100 * scale));
        List<Inbound> forged = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] kinds = {"no signature", "wrong key", "body changed after signing", "signature of another request",
                "garbage", "signature of another URL or algorithm"};
        for (int i = 0; i < per; i++) {
            int n = 900_000 + i;
            String kind = kinds[i % kinds.length];
            String smsSid = String.format("SMf0%014x%016x", runTag, (long) i);
            String mid = "m_forged_" + runTag + "_" + i;
            String xid = Long.toString(1_300_000_000_000_000_000L + runTag % 100_000 * 100_000 + i);
            ids.add(smsSid);
            ids.add(mid);
            ids.add(xid);
            Inbound[] good = {webhooks.sms(smsSid, Dataset.sender(19_000 + i % 1000), "help", kind),
                    webhooks.messenger(ChaosWebhooks.psid(n), mid, "help", kind),
                    webhooks.x(ChaosWebhooks.xUser(n), xid, "help", kind)};
            Inbound other = webhooks.message(n);
            for (Inbound g : good) {
                forged.add(forge(g, i % kinds.length, other, kind));
            }
        }
        log("forged: " + forged.size() + " requests");
        Map<String, Integer> byStatus = new TreeMap<>();
        int bad = send(forged, byStatus, null);
        long stored;
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "select count(*) from inbound_message where provider_message_id = any(?)")) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
            }
        }
        add("forged accepted or 5xx", bad);
        add("forged stored", (int) stored);
        forgedLine = String.format("| forged signatures (%s), %d per channel on SMS, Messenger, X | %d | %s | %d | %d |",
                String.join(", ", kinds), per, forged.size(), byStatus, bad, stored);
    }

    private String forgedLine = "| forged signatures | not run | | | |";
    private final List<String> mutationLines = new ArrayList<>();

    private Inbound forge(Inbound good, int kind, Inbound other, String name) {
        Map<String, String> headers = new LinkedHashMap<>(good.headers());
        String sigHeader = good.channel().equals("SMS") ? "X-Twilio-Signature"
                : good.channel().equals("FACEBOOK") ? "X-Hub-Signature-256" : "x-twitter-webhooks-signature";
        byte[] body = good.body();
        switch (kind) {
            case 0 -> headers.remove(sigHeader);
            case 1 -> {
                String sig = headers.get(sigHeader);
                headers.put(sigHeader, sig.substring(0, sig.length() - 6) + (sig.endsWith("AAAAA=") ? "BBBBB=" : "AAAAA="));
            }
            case 2 -> body = new String(body, StandardCharsets.UTF_8).replace("help", "hel9").getBytes(StandardCharsets.UTF_8);
            case 3 -> {
                String otherSig = other.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(sigHeader))
                        .map(Map.Entry::getValue).findFirst().orElse("x");
                headers.put(sigHeader, otherSig);
            }
            case 4 -> headers.put(sigHeader, "sha256=" + "z".repeat(44));
            default -> headers.put(sigHeader, good.channel().equals("SMS")
                    ? java.util.Base64.getEncoder().encodeToString(ChaosWebhooks.hmac(secrets.get("Twilio auth token"), body))
                    : good.channel().equals("FACEBOOK")
                    ? "sha1=" + HexFormat.of().formatHex(ChaosWebhooks.hmac(secrets.get("Messenger app secret"), body))
                    : "sha256=" + HexFormat.of().formatHex(ChaosWebhooks.hmac(secrets.get("X consumer secret"), body)));
        }
        return new Inbound(good.channel(), good.path(), headers, body, good.citizen(), name);
    }

    private void mutations(String channel) throws Exception {
        Mutations m = new Mutations(webhooks, 15 + channel.hashCode(), runTag, (String) props.get("twilio.accountSid"));
        List<Inbound> batch = new ArrayList<>();
        for (int i = 0; i < mutationsPerChannel; i++) {
            batch.add(m.mutate(channel, i));
        }
        log("mutated bodies: " + batch.size() + " on " + channel);
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> fiveByKind = new TreeMap<>();
        int bad = send(batch, byStatus, fiveByKind);
        add("5xx for a bad body", bad);
        mutationLines.add(String.format("| %s | %d | %s | %d | %s |", channel, batch.size(), byStatus, bad,
                fiveByKind.isEmpty() ? "" : fiveByKind.toString()));
    }

    /** Sends each request once, 16 at a time. @return answers that are 5xx, none, or (for forged ones) 2xx */
    private int send(List<Inbound> batch, Map<String, Integer> byStatus, Map<String, Integer> fiveByKind)
            throws InterruptedException {
        Semaphore window = new Semaphore(16);
        AtomicInteger bad = new AtomicInteger();
        boolean forgedBatch = fiveByKind == null;
        for (Inbound in : batch) {
            window.acquire();
            io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions()
                    .setMethod(io.vertx.core.http.HttpMethod.POST).setHost("127.0.0.1").setPort(proxy.port())
                    .setURI(in.path()).setTimeout(60_000);
            in.headers().forEach(options::putHeader);
            client.request(options).compose(req -> req.send(io.vertx.core.buffer.Buffer.buffer(in.body())))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .onComplete(ar -> {
                        int code = ar.succeeded() ? ar.result() : 0;
                        synchronized (byStatus) {
                            byStatus.merge(Integer.toString(code), 1, Integer::sum);
                            boolean isBad = code == 0 || code >= 500 || (forgedBatch && code / 100 == 2);
                            if (isBad) {
                                bad.incrementAndGet();
                                if (fiveByKind != null) {
                                    fiveByKind.merge(in.kind() + " → " + code, 1, Integer::sum);
                                }
                            }
                        }
                        window.release();
                    });
        }
        window.acquire(16);
        window.release(16);
        return bad.get();
    }

    /** Secrets, full numbers and full ids in every app log of the run. */
    private void leaks() {
        long bytes = 0;
        Map<String, Integer> found = new TreeMap<>();
        int phones = 0, ids = 0;
        List<String> samples = new ArrayList<>();
        File[] logs = logDir.listFiles((d, n) -> n.startsWith("app-") && n.endsWith(".log"));
        if (logs == null) {
            logs = new File[0];
        }
        for (File f : logs) {
            try {
                String text = Files.readString(f.toPath(), StandardCharsets.ISO_8859_1);
                String utf = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                bytes += f.length();
                for (Map.Entry<String, String> s : secrets.entrySet()) {
                    int n = count(utf, s.getValue());
                    if (n > 0) {
                        found.merge(s.getKey(), n, Integer::sum);
                    }
                }
                Matcher m = PHONE.matcher(utf);
                while (m.find()) {
                    phones++;
                    if (samples.size() < 5) {
                        samples.add(f.getName() + ": " + lineAround(utf, m.start()));
                    }
                }
                Matcher i = FULL_ID.matcher(utf);
                while (i.find()) {
                    ids++;
                    if (samples.size() < 10) {
                        samples.add(f.getName() + ": " + lineAround(utf, i.start()));
                    }
                }
            } catch (Exception e) {
                notes.add("could not read " + f + ": " + e);
            }
        }
        int secretsFound = found.values().stream().mapToInt(Integer::intValue).sum();
        add("secrets in logs", secretsFound);
        add("full numbers in logs", phones);
        add("full ids in logs", ids);
        leakLine = String.format("| %d files, %.1f MB | %d %s | %d | %d |", logs.length, bytes / 1e6, secretsFound,
                found.isEmpty() ? "" : found.keySet(), phones, ids);
        for (String s : samples) {
            details.add("log: " + Pattern.compile("\\d{6,}").matcher(s).replaceAll(m2 -> m2.group().substring(0, 3) + "…"));
        }
    }

    private String leakLine = "| not scanned | | | |";

    private static String lineAround(String text, int at) {
        int a = text.lastIndexOf('\n', at) + 1;
        int b = text.indexOf('\n', at);
        String line = text.substring(a, b < 0 ? text.length() : b);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private void write(Path out, String loadStart, String loadEnd, double seconds) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(System.getProperty("chaos.title", "Tawasul chaos run")).append("\n\n");
        md.append("`bench/chaos`: the packaged app in the prod profile on its own PostgreSQL and Redis (private ports), behind one ")
                .append("round-robin address, fake Twilio, Graph, X and case APIs; ").append(String.format("%.0f", rate))
                .append(" msg/s (60 % SMS, 20 % Messenger, 20 % X, one citizen per message), every 5th message redelivered ")
                .append("2–6 s after it was sent, every request without a 2xx tried again after 1, 2, 4, 8, 16 s … (12 tries).\n\n");
        md.append("| scenario | inbound sent | requests | accepted | replied once | lost | duplicated | answered after recovery "
                + "| left with \"try again\" | 5xx answered | time to drain (s) | mis-stated rows | provider sends without a row "
                + "| rows not settled |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\n| forged requests | sent | answers | accepted (2xx) or 5xx | rows stored |\n|---|---|---|---|---|\n")
                .append(forgedLine).append("\n\n");
        md.append("| mutated bodies (").append(String.join(", ", Mutations.KINDS)).append("; 5 MB: 5 per channel) | sent "
                + "| answers | 5xx or no answer | which |\n|---|---|---|---|---|\n");
        mutationLines.forEach(l -> md.append(l).append('\n'));
        md.append("\n| app logs | secrets found | full phone numbers | full Messenger/X ids |\n|---|---|---|---|\n")
                .append(leakLine).append("\n\n");
        md.append("Totals (target 0 each): ").append(totals).append("\n\n");
        md.append("- load average (`/proc/loadavg`, the machine is shared) at start: ").append(loadStart)
                .append("; at the end: ").append(loadEnd).append("; whole run ").append(String.format("%.0f", seconds))
                .append(" s; ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        md.append("- app: `").append(System.getProperty("chaos.appJavaOpts", "-Xmx384m"))
                .append("`, `tawasul.engine.recovery.interrupted-after=30s` (5 min by default; shortened so that interrupted ")
                .append("sends are settled within the run), everything else as shipped\n");
        md.append("- \"lost\": a citizen whose webhook was answered 2xx got no reply at the fake provider; \"duplicated\": more ")
                .append("than one reply (an apology followed by the answer once the case API is back counts as \"answered after ")
                .append("recovery\"); \"mis-stated\": an outbound row whose status disagrees with what the fake provider saw ")
                .append("(FAILED though accepted, an id the provider never issued, DELIVERED without a delivered callback, or ")
                .append("not DELIVERED after the app answered the delivered callback 2xx)\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        if (!details.isEmpty()) {
            md.append("\nDetails:\n\n");
            details.forEach(d -> md.append("- ").append(d).append('\n'));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        log("wrote " + out);
    }

    private static boolean apology(String text) {
        for (String a : APOLOGY) {
            if (text != null && text.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static String mask(String address) {
        return address == null ? "?" : "••" + address.substring(Math.max(0, address.length() - 4));
    }

    private Connection db() throws Exception {
        Connection c = DriverManager.getConnection(jdbcUrl, "tawasul", dbPassword);
        c.setAutoCommit(true);
        return c;
    }

    private static int get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1_000);
            c.setReadTimeout(3_000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (Exception e) {
            return 0;
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String alnum(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }

    static void log(String message) {
        System.out.printf("[chaos %tT] %s%n", System.currentTimeMillis(), message);
    }
}
