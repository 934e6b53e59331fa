package gov.tawasul.bench;

import com.twilio.security.RequestValidator;
import gov.tawasul.bench.data.Dataset;
import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.bench.fake.FakeCaseApi;
import gov.tawasul.bench.fake.FakeTwilioApi;
import gov.tawasul.bench.load.LoadStep;
import gov.tawasul.bench.load.OpenLoopGenerator;
import gov.tawasul.bench.load.StepResult;
import gov.tawasul.bench.load.StepTracker;
import gov.tawasul.bench.probe.AppProcess;
import gov.tawasul.bench.probe.HeapHistogram;
import gov.tawasul.bench.probe.MachineProbe;
import gov.tawasul.bench.probe.PostgresProbe;
import gov.tawasul.bench.probe.ProcessProbe;
import gov.tawasul.bench.probe.RedisProbe;
import gov.tawasul.bench.probe.StatementLog;
import gov.tawasul.bench.report.JfrSummary;
import gov.tawasul.bench.report.MarkdownReport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end benchmark of issues 5 and 16, started by {@code bench/run}. Starts the fake Twilio and case APIs on
 * 127.0.0.1, the packaged app as a child process (prod profile) against the bench database and Redis index, then:
 * start-up probe → warm-up → bare-endpoint ladder → full-pipeline ladder (each rate {@code bench.repeats} times) →
 * over capacity (2× the highest sustained rate) → burst (20,000 at once); then a second app process, started after
 * the bench database was given {@code log_statement = 'all'}, for the counting window (statements and transactions
 * per message from the server's log, Redis commands with MONITOR), so that the statement log never runs during the
 * measured steps. Every step row carries the machine's load ({@link MachineProbe}). Every loop is bounded in count
 * and time; all traffic stays on loopback.
 * <p>
 * Settings (system properties): {@code bench.appJar} (required), {@code bench.out} (markdown file),
 * {@code bench.full} (60 s steps as issue 5 asks; default 20 s), {@code bench.quick} (1 repeat, rates 500,1000, bare
 * up to 4000, no burst), {@code bench.repeats} (3), {@code bench.db} ({@code tawasul_bench}),
 * {@code bench.redisDb} (6), {@code bench.pgHost}/{@code bench.pgPort}/{@code bench.pgUser}/{@code bench.pgPassword},
 * {@code bench.pgAdminUser} ({@code postgres}) / {@code bench.pgAdminPassword} (empty) for {@code ALTER DATABASE},
 * {@code bench.pgLog} (the server log; default the newest {@code /var/log/postgresql/postgresql-*-main.log}),
 * {@code bench.appJavaOpts} ({@code -Xmx384m -XX:+UseSerialGC}, as scripts/run), {@code bench.logDir}, {@code bench.clkTck} (100), {@code bench.title},
 * {@code bench.slaMillis} (1000), {@code bench.rates} and {@code bench.bareRates} (comma-separated msg/s),
 * {@code bench.twilioLatencyMs} (80), {@code bench.sentCallbackDelayMs} (100), {@code bench.callbackDelayMs} (500,
 * the {@code delivered} callback), {@code bench.burst} (20000 messages; 0: no burst step),
 * {@code bench.generatorEventLoops} (2) and {@code bench.generatorConnections} (400), {@code bench.noProfile}
 * (no JFR recording of the app), {@code bench.maxMinutes}.
 */
public final class BenchMain {

    static final String ACCOUNT_SID = "AC0be0c0ffee000000000000000000000b";
    static final String AUTH_TOKEN = "be0c0ffeebe0c0ffeebe0c0ffee00001";
    static final String BOT_NUMBER = "+15555550199";
    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String NOOP_PATH = "/bench/noop";

    private final boolean fullMode = Boolean.getBoolean("bench.full");
    private final boolean quick = Boolean.getBoolean("bench.quick");
    private final int repeats = Math.max(1, Integer.getInteger("bench.repeats", quick ? 1 : 3));
    private final int stepSeconds = Integer.getInteger("bench.stepSeconds", fullMode ? 60 : 20);
    private final int bareSeconds = Integer.getInteger("bench.bareSeconds", fullMode ? 20 : 10);
    private final int burstSize = Integer.getInteger("bench.burst", quick ? 0 : 20_000);
    private final String db = System.getProperty("bench.db", "tawasul_bench");
    private final int redisDb = Integer.getInteger("bench.redisDb", 6);
    private final String pgHost = System.getProperty("bench.pgHost", "127.0.0.1");
    private final int pgPort = Integer.getInteger("bench.pgPort", 5432);
    private final long slaMillis = Long.getLong("bench.slaMillis", 1000);
    private final long tck = Long.getLong("bench.clkTck", 100);
    private final long deadlineNs = System.nanoTime()
            + TimeUnit.MINUTES.toNanos(Long.getLong("bench.maxMinutes", fullMode ? 70 : 21));
    private final MarkdownReport report = new MarkdownReport();
    private long runTag = System.currentTimeMillis();
    private int stepNo;
    private long sentToPipeline;
    private InboundWebhooks pipelineWebhooks;
    private java.time.Instant ladderStart;
    private java.time.Instant ladderEnd;
    private MachineProbe machineProbe;
    private String pgUser;
    private String pgPassword;
    private File logDir;
    private File jar;

    public static void main(String[] args) throws Exception {
        int exit = new BenchMain().run();
        System.exit(exit);
    }

    private int run() throws Exception {
        gov.tawasul.bench.probe.MachineProbe.recordRunStartLoad();
        jar = new File(Harness.required("bench.appJar"));
        Path out = Path.of(Harness.required("bench.out"));
        logDir = new File(System.getProperty("bench.logDir", "bench/results/tmp"));
        logDir.mkdirs();
        report.title = System.getProperty("bench.title", "Tawasul benchmark");
        report.slaMillis = slaMillis;
        report.repeats = repeats;

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000)
                .setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(400).setMaxWaitQueueSize(-1));
        // the generator has its own event loops and connections, so that it never waits behind the fakes
        Vertx generatorVertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Integer.getInteger("bench.generatorEventLoops", 2)));
        HttpClient generatorClient = generatorVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(5_000).setIdleTimeout(60), new PoolOptions()
                .setHttp1MaxSize(Integer.getInteger("bench.generatorConnections", 400)).setMaxWaitQueueSize(-1));
        long apiLatency = Long.getLong("bench.twilioLatencyMs", 80);
        long sentDelay = Long.getLong("bench.sentCallbackDelayMs", 100);
        long callbackDelay = Long.getLong("bench.callbackDelayMs", 500);
        FakeTwilioApi twilio = new FakeTwilioApi(vertx, client, ACCOUNT_SID, AUTH_TOKEN, apiLatency, sentDelay,
                callbackDelay);
        report.machine.add(new String[]{"fake Twilio", "answers the Messages API after " + apiLatency + " ms; "
                + "signed `sent` callback " + sentDelay + " ms and `delivered` " + callbackDelay
                + " ms after the answer (delivered only after sent was answered)"});
        FakeCaseApi cases = new FakeCaseApi(vertx, Dataset.caseBodies());
        int twilioPort = twilio.start();
        int casesPort = cases.start();
        int appPort = Harness.freePort();
        String publicUrl = "http://127.0.0.1:" + appPort;
        TwilioSignature signer = new TwilioSignature(AUTH_TOKEN);
        InboundWebhooks webhooks = new InboundWebhooks(ACCOUNT_SID, BOT_NUMBER, publicUrl + SMS_PATH, signer);
        pipelineWebhooks = webhooks;
        InboundWebhooks bareWebhooks = new InboundWebhooks(ACCOUNT_SID, BOT_NUMBER, publicUrl + NOOP_PATH, signer);
        checkSignerAgainstTwilioSdk(webhooks, publicUrl + SMS_PATH);

        pgUser = System.getProperty("bench.pgUser", "tawasul");
        pgPassword = System.getProperty("bench.pgPassword", "tawasul");
        RedisProbe redis = new RedisProbe("127.0.0.1", 6379, redisDb);
        try (PostgresProbe pg = new PostgresProbe("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + db,
                pgUser, pgPassword, db)) {
            machine(pg, redis);
            redis.flushDb();
            truncateIfMigrated(pg);
            ProcessProbe driver = new ProcessProbe(ProcessHandle.current().pid(), tck);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TAWASUL_DB_NAME", db);
            env.put("TAWASUL_DB_HOST", pgHost);
            env.put("TAWASUL_DB_PORT", Integer.toString(pgPort));
            env.put("TAWASUL_DB_USER", pgUser);
            env.put("TAWASUL_DB_PASSWORD", pgPassword);
            env.put("TAWASUL_REDIS_URL", "redis://127.0.0.1:6379/" + redisDb);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("quarkus.http.host", "127.0.0.1");
            props.put("quarkus.http.port", Integer.toString(appPort));
            props.put("tawasul.public-url", publicUrl);
            props.put("tawasul.twilio.api-url", "http://127.0.0.1:" + twilioPort);
            props.put("tawasul.twilio.account-sid", ACCOUNT_SID);
            props.put("tawasul.twilio.auth-token", AUTH_TOKEN);
            props.put("tawasul.twilio.from", BOT_NUMBER);
            props.put("tawasul.cases.connector", "rest");
            props.put("tawasul.cases.rest.url", "http://127.0.0.1:" + casesPort);
            List<String> jvm = new java.util.ArrayList<>(
                    Arrays.asList(System.getProperty("bench.appJavaOpts", "-Xmx384m -XX:+UseSerialGC").trim().split("\\s+")));
            List<String> countingJvm = new java.util.ArrayList<>(jvm);
            Path jfr = new File(logDir, "app.jfr").toPath().toAbsolutePath();
            boolean profile = !Boolean.getBoolean("bench.noProfile");
            if (profile) {
                Files.deleteIfExists(jfr);
                jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            }
            report.machine.add(new String[]{"app JVM options", String.join(" ", jvm).replace(jfr.toString(),
                    "bench/results/tmp/app.jfr") + " (prod profile, `java -jar "
                    + "target/bench-app/quarkus-run.jar`)"});
            log("starting the app on " + publicUrl + " (log: " + new File(logDir, "app.log") + ")");
            try (AppProcess app = AppProcess.start(jar, jvm, props, env, new File(logDir, "app.log"))) {
                ProcessProbe appProbe = new ProcessProbe(app.pid(), tck);
                machineProbe = new MachineProbe(app.pid(), ProcessHandle.current().pid(), tck, pg::otherDatabasePids);
                if (!startup(app, client, appPort, twilio, webhooks, appProbe)) {
                    log("the app did not answer a webhook within the time limit; see " + new File(logDir, "app.log"));
                    writeReport(out);
                    return 2;
                }
                OpenLoopGenerator generator = new OpenLoopGenerator(generatorClient, appPort);
                LoadStep step = new LoadStep(generator, twilio, appProbe, driver, slaMillis * 1000, 60);
                LoadStep longStep = new LoadStep(generator, twilio, appProbe, driver, slaMillis * 1000,
                        fullMode ? 300 : 180);
                phases(step, longStep, webhooks, bareWebhooks, pg, redis, appProbe);
                heap(app.pid());
            }
            if (profile && ladderStart != null) {
                report.profile = JfrSummary.render(jfr, ladderStart, ladderEnd);
            }
            if (pastDeadline()) {
                report.notes.add("counting window skipped: the run reached its time limit");
            } else {
                countingApp(countingJvm, props, env, client, appPort, twilio, generatorClient, driver, webhooks, pg,
                        redis);
            }
            if (pastDeadline()) {
                report.notes.add("restart step skipped: the run reached its time limit");
            } else {
                restarts(props, env, client, appPort, twilio, webhooks);
            }
        } finally {
            generatorClient.close();
            client.close();
            generatorVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (twilio.rejected() > 0) {
            report.notes.add(twilio.rejected() + " requests to the fake Twilio API were refused (wrong path or credentials)");
        }
        writeReport(out);
        return 0;
    }

    private void phases(LoadStep step, LoadStep longStep, InboundWebhooks webhooks, InboundWebhooks bareWebhooks,
                        PostgresProbe pg, RedisProbe redis, ProcessProbe app) throws Exception {
        // 30 s outside --quick: after 15 s the JIT's compiler threads still took 0.2-0.4 cores during the first step
        // (JFR jdk.ThreadCPULoad, 2026-12-03), time the app's own threads did not get
        int warmSeconds = quick ? 15 : 30;
        log("warm-up: 200 msg/s for " + warmSeconds + " s (not reported)");
        StepResult warm = step.run(SMS_PATH, false, build(webhooks, 200, warmSeconds), 200, warmSeconds);
        log("warm-up: " + warm.verdict());
        StepResult warmBare = step.run(NOOP_PATH, true, build(bareWebhooks, 1000, 5), 1000, 5);
        log("warm-up of the bare endpoint: " + warmBare.verdict());
        reset(pg, redis);
        Thread.sleep(12_000);
        report.rssIdleKiB = app.rssKiB();

        int[] bareRates = rates("bench.bareRates", quick ? "1000,2000,4000" : "1000,2000,4000,8000,12000,16000,24000");
        report.bareLadderComplete = ladder(step, NOOP_PATH, true, bareWebhooks, bareRates, bareSeconds, report.bare,
                pg, redis);

        int[] rates = rates("bench.rates", quick ? "500,1000" : "250,500,750,1000,1500,2000");
        ladderStart = java.time.Instant.now();
        report.fullLadderComplete = ladder(step, SMS_PATH, false, webhooks, rates, stepSeconds, report.full, pg,
                redis);

        double sustained = report.highestSustained(report.full);
        if (sustained <= 0) {
            report.notes.add("over capacity: skipped, no rate of the ladder was sustained");
        } else if (pastDeadline()) {
            report.notes.add("over capacity: skipped, the run reached its time limit");
        } else {
            int rate = (int) (2 * sustained);
            log("over capacity: " + rate + " msg/s (2 × " + (int) sustained + ") for " + stepSeconds + " s");
            report.overCapacity = measure(() -> longStep.run(SMS_PATH, false, build(webhooks, rate, stepSeconds), rate,
                    stepSeconds), 1);
            log("  → " + report.overCapacity.result().verdict());
            reset(pg, redis);
            Thread.sleep(2_000);
        }
        if (burstSize > 0 && !pastDeadline()) {
            log("burst: " + burstSize + " messages at once");
            stepNo++;
            sentToPipeline += burstSize;
            InboundWebhooks.Signed[] burst = webhooks.build(burstSize, runTag * 100 + stepNo, stepNo * 7919);
            report.burst = measure(() -> longStep.run(SMS_PATH, false, burst, Double.POSITIVE_INFINITY, 60), 1);
            log("  → " + report.burst.result().verdict());
            reset(pg, redis);
        } else if (burstSize > 0) {
            report.notes.add("burst: skipped, the run reached its time limit");
        }
        ladderEnd = java.time.Instant.now();
        if (pastDeadline()) {
            report.notes.add("the run reached its time limit; later steps were skipped");
        }
        Thread.sleep(10_000);
        report.rssIdleAfterLoadKiB = app.rssKiB();
    }

    /**
     * Runs each rate {@link #repeats} times; stops after the first rate that no run sustained.
     *
     * @return true when every rate was tried (the ladder did not stop early)
     */
    private boolean ladder(LoadStep step, String path, boolean bare, InboundWebhooks webhooks, int[] rates,
                           int seconds, List<MarkdownReport.Row> rows, PostgresProbe pg, RedisProbe redis)
            throws Exception {
        for (int rate : rates) {
            int ok = 0;
            for (int run = 1; run <= repeats; run++) {
                if (pastDeadline()) {
                    report.notes.add((bare ? "bare" : "full-pipeline") + " ladder stopped at " + rate
                            + ": the run reached its time limit");
                    return false;
                }
                log((bare ? "bare " : "full pipeline ") + rate + "/s for " + seconds + " s, run " + run + "/" + repeats);
                MarkdownReport.Row row = measure(() -> step.run(path, bare, build(webhooks, rate, seconds), rate,
                        seconds), run);
                StepResult r = row.result();
                log(String.format("  → %s (%s %d/%d, p99 %.1f ms, gen lag p99 %.1f ms, load %.2f, others %.2f cores)",
                        r.verdict(), bare ? "acked" : "delivered", bare ? r.tracker().acked() : r.tracker().delivered(),
                        r.tracker().sent(), (bare ? r.tracker().ackLatency() : r.tracker().replyLatency())
                                .getValueAtPercentile(99) / 1000.0, r.sendLag().getValueAtPercentile(99) / 1000.0,
                        row.load().load1Start(), row.load().otherCores()));
                rows.add(row);
                ok += r.sustained() ? 1 : 0;
                if (!bare) {
                    reset(pg, redis);
                }
                Thread.sleep(2_000);
            }
            if (ok == 0) {
                return false;
            }
        }
        return true;
    }

    private interface StepRun {
        StepResult run() throws Exception;
    }

    /** Runs one step between two readings of the machine ({@link MachineProbe}). */
    private MarkdownReport.Row measure(StepRun run, int repetition) throws Exception {
        MachineProbe.Snapshot before = machineProbe.snapshot();
        StepResult r = run.run();
        MachineProbe.Snapshot after = machineProbe.snapshot();
        return new MarkdownReport.Row(r, repetition, machineProbe.between(before, after));
    }

    /** Objects of caches that should not grow with traffic, after all steps. */
    private void heap(long pid) {
        String key = "org.hibernate.query.sql.spi.SelectInterpretationsKey";
        Map<String, long[]> counts = HeapHistogram.count(pid, key);
        long[] c = counts.get(key);
        report.notes.add(c == null ? "heap: no " + key + " instances found (or jcmd unavailable)"
                : String.format("heap after the run (%d webhooks sent to the pipeline): %d live %s (Hibernate native-query "
                + "plan cache keys), %.1f MiB", sentToPipeline, c[0], key, c[1] / 1048576.0));
    }

    /**
     * The counting window in a second app process: the bench database gets {@code log_statement = 'all'} before the
     * app connects and loses it when the window is over (also on failure; bench/run resets it once more on exit).
     */
    private void countingApp(List<String> jvm, Map<String, String> props, Map<String, String> env, HttpClient client,
                             int port, FakeTwilioApi twilio, HttpClient generatorClient, ProcessProbe driver,
                             InboundWebhooks webhooks, PostgresProbe pg, RedisProbe redis) throws Exception {
        String adminUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres";
        String adminUser = System.getProperty("bench.pgAdminUser", "postgres");
        String adminPassword = System.getProperty("bench.pgAdminPassword", "");
        StatementLog statementLog = null;
        try {
            statementLog = StatementLog.open(System.getProperty("bench.pgLog"));
            StatementLog.enable(adminUrl, adminUser, adminPassword, db);
        } catch (Exception e) {
            report.notes.add("PostgreSQL statement log unusable (" + String.valueOf(e.getMessage()).split("\n")[0]
                    + "): statements not counted, transactions from pg_stat_database only");
            statementLog = null;
        }
        Thread resetHook = new Thread(() -> resetLogStatement(adminUrl, adminUser, adminPassword));
        if (statementLog != null) {
            Runtime.getRuntime().addShutdownHook(resetHook);
        }
        try {
            reset(pg, redis);
            log("counting window: a second app process" + (statementLog != null
                    ? " with log_statement = 'all' on " + db + " (log " + statementLog.file() + ")" : ""));
            try (AppProcess app = AppProcess.start(jar, jvm, props, env, new File(logDir, "app-counting.log"))) {
                ProcessProbe appProbe = new ProcessProbe(app.pid(), tck);
                StepTracker ready = new StepTracker(true);
                twilio.track(ready);
                InboundWebhooks.Signed first = webhooks.build(1, runTag++, 11)[0];
                int status = postUntilAcknowledged(app, client, port, first, 180, 50);
                twilio.track(null);
                if (status / 100 != 2) {
                    report.notes.add("counting window: the second app process did not answer; see app-counting.log");
                    return;
                }
                LoadStep step = new LoadStep(new OpenLoopGenerator(generatorClient, port), twilio, appProbe, driver,
                        slaMillis * 1000, 60);
                log("counting: warm-up 200 msg/s for 10 s");
                step.run(SMS_PATH, false, build(webhooks, 200, 10), 200, 10);
                reset(pg, redis);
                Thread.sleep(5_000);
                counting(step, webhooks, pg, redis, statementLog);
            }
        } finally {
            if (statementLog != null) {
                resetLogStatement(adminUrl, adminUser, adminPassword);
                try {
                    Runtime.getRuntime().removeShutdownHook(resetHook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs anyway
                }
            }
        }
    }

    private void resetLogStatement(String adminUrl, String adminUser, String adminPassword) {
        try {
            StatementLog.reset(adminUrl, adminUser, adminPassword, db);
        } catch (Exception e) {
            log("could not reset log_statement of " + db + ": " + e.getMessage());
        }
    }

    /**
     * Database statements and transactions, and Redis commands per message, with the idle background measured
     * first.
     */
    private void counting(LoadStep step, InboundWebhooks webhooks, PostgresProbe pg, RedisProbe redis,
                          StatementLog statementLog) throws Exception {
        Set<Long> probePid = Set.of(pg.backendPid());
        log("counting: idle background for 10 s");
        long x0 = pg.transactions();
        long logIdle0 = statementLog == null ? 0 : statementLog.mark();
        long t0 = System.nanoTime();
        long idleRedis;
        try (RedisProbe.Monitor monitor = redis.monitor()) {
            Thread.sleep(10_000);
            idleRedis = monitor.total();
        }
        double idleRedisWindow = (System.nanoTime() - t0) / 1e9;
        long logIdle1 = statementLog == null ? 0 : statementLog.mark();
        double idleLogWindow = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(11_000);
        long idleXacts = pg.transactionsSince(x0);
        double idlePgWindow = (System.nanoTime() - t0) / 1e9;

        int seconds = 10;
        int rate = 100;
        log("counting: " + rate + " msg/s for " + seconds + " s with MONITOR on Redis index " + redisDb);
        long before = pg.transactions();
        long log0 = statementLog == null ? 0 : statementLog.mark();
        long start = System.nanoTime();
        StepResult r;
        long redisCommands;
        long redisInScripts;
        Map<String, Long> byCommand;
        double redisWindow;
        try (RedisProbe.Monitor monitor = redis.monitor()) {
            r = step.run(SMS_PATH, false, build(webhooks, rate, seconds), rate, seconds);
            Thread.sleep(1_000);
            redisCommands = monitor.total();
            redisInScripts = monitor.inScripts();
            byCommand = monitor.byCommand();
            redisWindow = (System.nanoTime() - start) / 1e9;
        }
        long log1 = statementLog == null ? 0 : statementLog.mark();
        double logWindow = (System.nanoTime() - start) / 1e9;
        Thread.sleep(11_000);
        long xacts = pg.transactionsSince(before);
        double pgWindow = (System.nanoTime() - start) / 1e9;
        report.counts = new MarkdownReport.Counts(r.tracker().delivered(), redisWindow, xacts, idleXacts / idlePgWindow,
                pgWindow, redisCommands, redisInScripts, idleRedis / idleRedisWindow, byCommand, pg.count("inbound_message"),
                pg.count("outbound_message"));
        if (statementLog != null) {
            try {
                report.statements = new MarkdownReport.StatementCounts(
                        statementLog.count(log0, log1, db, probePid), logWindow,
                        statementLog.count(logIdle0, logIdle1, db, probePid), idleLogWindow,
                        statementLog.file().toString());
                if (report.statements.window().statements() == 0) {
                    report.notes.add("PostgreSQL statement log " + statementLog.file() + ": no statement of " + db
                            + " found (log_line_prefix without %d?); transactions from pg_stat_database only");
                    report.statements = null;
                }
            } catch (java.io.IOException e) {
                report.notes.add("PostgreSQL statement log unreadable (" + e.getMessage() + ")");
            }
        }
        if (!r.sustained()) {
            report.notes.add("counting window: " + r.verdict());
        }
        reset(pg, redis);
    }

    /**
     * Start-up as an operator sees it: the app restarted {@code bench.restarts} times (default 3) on the database the
     * run already migrated, without the profiler, with the JVM options of {@code scripts/run}
     * ({@code bench.startJavaOpts}, default {@code -Xmx384m -XX:+UseSerialGC}) and the AppCDS archive the build made
     * next to the jar ({@code app-cds.jsa}, used when present). Each: process start → first webhook acknowledged 2xx,
     * → first reply at the fake Twilio API, and RSS then.
     */
    private void restarts(Map<String, String> props, Map<String, String> env, HttpClient client, int port,
                          FakeTwilioApi twilio, InboundWebhooks webhooks) throws Exception {
        List<String> jvm = new java.util.ArrayList<>(Arrays.asList(
                System.getProperty("bench.startJavaOpts", "-Xmx384m -XX:+UseSerialGC").trim().split("\\s+")));
        File archive = new File(jar.getParentFile(), "app-cds.jsa");
        if (archive.isFile()) {
            jvm.add("-XX:SharedArchiveFile=" + archive.getName());
        }
        report.restartJvm = String.join(" ", jvm);
        int count = Integer.getInteger("bench.restarts", 3);
        for (int i = 0; i < count; i++) {
            twilio.resetFirstReply();
            try (AppProcess app = AppProcess.start(jar, jvm, props, env, new File(logDir, "app-restart.log"), true)) {
                ProcessProbe probe = new ProcessProbe(app.pid(), tck);
                double ack = Double.NaN;
                double reply = Double.NaN;
                InboundWebhooks.Signed first = webhooks.build(1, runTag++, 13)[0];
                if (postUntilAcknowledged(app, client, port, first, 120, 20) / 100 == 2) {
                    ack = (System.nanoTime() - app.startedNs()) / 1e9;
                    long replyLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (twilio.firstReplyNs() == 0 && System.nanoTime() < replyLimit) {
                        Thread.sleep(5);
                    }
                    if (twilio.firstReplyNs() != 0) {
                        reply = (twilio.firstReplyNs() - app.startedNs()) / 1e9;
                    }
                }
                report.restarts.add(new double[]{ack, reply, probe.rssKiB()});
                log(String.format("restart %d/%d: first webhook acknowledged after %.2f s, first reply after %.2f s",
                        i + 1, count, ack, reply));
            }
        }
    }

    private boolean startup(AppProcess app, HttpClient client, int port, FakeTwilioApi twilio, InboundWebhooks webhooks,
                            ProcessProbe appProbe) throws InterruptedException {
        StepTracker tracker = new StepTracker(true);
        twilio.track(tracker);
        InboundWebhooks.Signed first = webhooks.build(1, runTag++, 7)[0];
        StepTracker.Tracked t = tracker.sending(first.from(), first.expectedCaseNumber(), System.nanoTime());
        int status = postUntilAcknowledged(app, client, port, first, 180, 50);
        if (status / 100 != 2) {
            return false;
        }
        report.startupAckSeconds = (System.nanoTime() - app.startedNs()) / 1e9;
        tracker.acknowledged(t, status, System.nanoTime());
        long replyLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (twilio.firstReplyNs() == 0 && System.nanoTime() < replyLimit) {
            Thread.sleep(5);
        }
        if (twilio.firstReplyNs() != 0) {
            report.startupReplySeconds = (twilio.firstReplyNs() - app.startedNs()) / 1e9;
        } else {
            report.notes.add("start-up: no reply reached the fake Twilio API within 60 s of the first acknowledged webhook");
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!tracker.complete() && System.nanoTime() < settle) {
            Thread.sleep(20);
        }
        twilio.track(null);
        report.rssAfterStartKiB = appProbe.rssKiB();
        log(String.format("start-up: first webhook acknowledged after %.2f s, first reply after %.2f s",
                report.startupAckSeconds, report.startupReplySeconds));
        return true;
    }

    /**
     * Posts {@code m} until the app answers it 2xx, the process dies or {@code seconds} pass, pausing {@code pauseMs}
     * between tries (a starting app refuses connections).
     *
     * @return the last HTTP status (0: no answer)
     */
    private static int postUntilAcknowledged(AppProcess app, HttpClient client, int port, InboundWebhooks.Signed m,
                                             int seconds, long pauseMs) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int status = 0;
        while (status / 100 != 2 && app.alive() && System.nanoTime() < limit) {
            status = postOnce(client, port, m);
            if (status / 100 != 2) {
                Thread.sleep(pauseMs);
            }
        }
        return status;
    }

    private static int postOnce(HttpClient client, int port, InboundWebhooks.Signed m) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(SMS_PATH).putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", m.signature());
        try {
            return client.request(options).compose(req -> req.send(Buffer.buffer(m.body())))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return 0;
        }
    }

    private InboundWebhooks.Signed[] build(InboundWebhooks webhooks, int rate, int seconds) {
        stepNo++;
        if (webhooks == this.pipelineWebhooks) {
            sentToPipeline += (long) rate * seconds;
        }
        return webhooks.build(rate * seconds, runTag * 100 + stepNo, stepNo * 7919);
    }

    /**
     * Empties the bench database and Redis index between steps, then gives the tables a history of
     * {@code bench.historyInbound} inbound messages (default 20,000) in {@code bench.historyConversations}
     * conversations (2,000) over the last year: a running deployment's tables, not a fresh install's
     * ({@link PostgresProbe#seedHistory}); 0 leaves them empty.
     */
    private void reset(PostgresProbe pg, RedisProbe redis) throws Exception {
        pg.truncateAll();
        int history = Integer.getInteger("bench.historyInbound", 20_000);
        if (history > 0) {
            pg.seedHistory(Files.readString(Path.of(System.getProperty("bench.historySeed", "bench/reports-seed.sql"))),
                    history, Integer.getInteger("bench.historyConversations", 2_000));
        }
        redis.flushDb();
    }

    private static void truncateIfMigrated(PostgresProbe pg) {
        try {
            pg.truncateAll();
        } catch (Exception e) {
            // fresh database: Flyway creates the tables at start
        }
    }

    /** Fails fast when our signer disagrees with the Twilio SDK's RequestValidator, which the app uses. */
    private static void checkSignerAgainstTwilioSdk(InboundWebhooks webhooks, String url) {
        Map<String, String> params = webhooks.params("SM0123456789abcdef0123456789abcdef", "+966500000001",
                "ما حالة القضية ١٤٤٦-٠٠٠١٢٣؟");
        String signature = new TwilioSignature(AUTH_TOKEN).sign(url, params);
        if (!new RequestValidator(AUTH_TOKEN).validate(url, params, signature)) {
            throw new IllegalStateException("bench signer disagrees with com.twilio.security.RequestValidator");
        }
    }

    private void machine(PostgresProbe pg, RedisProbe redis) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                .orElse("?");
        report.machine.add(new String[]{"cores", Runtime.getRuntime().availableProcessors() + " (" + cpu + ")"});
        report.machine.add(new String[]{"memory", mem});
        report.machine.add(new String[]{"kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip()});
        report.machine.add(new String[]{"JDK", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version")});
        report.machine.add(new String[]{"PostgreSQL / Redis", pg.serverVersion() + " / " + redis.serverVersion()
                + " (shared local servers; database `" + db + "`, Redis index " + redisDb + ")"});
        report.machine.add(new String[]{"load average at start (other processes on the machine)",
                Files.readString(Path.of("/proc/loadavg")).strip()});
        report.machine.add(new String[]{"mode", (quick ? "quick (`bench/run --quick`, for development; not a figure "
                + "of record): " : fullMode ? "full (`bench/run --full`): " : "normal (`bench/run`): ")
                + stepSeconds + " s per full-pipeline step, " + bareSeconds + " s per bare step, each rate run "
                + repeats + (repeats == 1 ? " time" : " times") + (fullMode ? "" : " (issue 5 asks 60 s: `bench/run --full`)")});
    }

    private void writeReport(Path out) throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.render(), StandardCharsets.UTF_8);
        log("wrote " + out);
    }

    private boolean pastDeadline() {
        return System.nanoTime() > deadlineNs;
    }

    private static int[] rates(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray();
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
