package gov.tawasul.bench.load;

import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.fake.FakeTwilioApi;
import gov.tawasul.bench.probe.ProcessProbe;
import org.HdrHistogram.Histogram;

/**
 * Runs one step: a fixed arrival rate for a fixed time, then waits (bounded) for every message to complete.
 * <p>
 * A full-pipeline step is <b>sustained</b> when every message was acknowledged 2xx, answered at the fake Twilio API
 * with the right case number, and its delivered status callback acknowledged 2xx, all within {@link #GRACE_SECONDS}
 * after the last send, and the reply latency p99 stayed within the SLA (a growing backlog shows there first).
 * A bare step is sustained when every request was acknowledged 2xx with p99 within the SLA.
 * A step in which the generator itself fell behind (its send lag p99 over 50 ms) is not counted as sustained.
 */
public final class LoadStep {

    /** Seconds after the last send within which every message must be complete. */
    public static final int GRACE_SECONDS = 5;
    private static final long GENERATOR_LAG_LIMIT_MICROS = 50_000;

    private final OpenLoopGenerator generator;
    private final FakeTwilioApi twilio;
    private final ProcessProbe app;
    private final ProcessProbe driver;
    private final long slaMicros;
    private final int drainLimitSeconds;

    /**
     * @param slaMicros         reply-latency (full) or acknowledgement-latency (bare) p99 limit
     * @param drainLimitSeconds how long to wait at most for stragglers after the grace period, so that the next
     *                          step starts on an idle app
     */
    public LoadStep(OpenLoopGenerator generator, FakeTwilioApi twilio, ProcessProbe app, ProcessProbe driver,
                    long slaMicros, int drainLimitSeconds) {
        this.generator = generator;
        this.twilio = twilio;
        this.app = app;
        this.driver = driver;
        this.slaMicros = slaMicros;
        this.drainLimitSeconds = drainLimitSeconds;
    }

    /**
     * @param path     {@code /webhooks/twilio/sms} or the bare endpoint
     * @param bare     true for the bare endpoint (no replies expected)
     * @param messages precomputed signed webhooks, {@code rate × seconds} of them
     */
    public StepResult run(String path, boolean bare, InboundWebhooks.Signed[] messages, double rate, int seconds)
            throws InterruptedException {
        StepTracker tracker = new StepTracker(!bare);
        twilio.track(bare ? null : tracker);
        double cpu0 = app.cpuSeconds();
        double driverCpu0 = driver.cpuSeconds();
        long[] maxRss = {app.rssKiB()};
        Thread sampler = sampler(() -> maxRss[0] = Math.max(maxRss[0], app.rssKiB()));
        long start = System.nanoTime();
        Histogram lag = generator.run(path, messages, rate, tracker, start + (seconds + 5L) * 1_000_000_000L);
        long sendEnd = System.nanoTime();
        long graceEnd = sendEnd + GRACE_SECONDS * 1_000_000_000L;
        while (!tracker.complete() && System.nanoTime() < graceEnd) {
            Thread.sleep(20);
        }
        boolean inGrace = tracker.complete();
        double completion = inGrace ? (lastCompletion(tracker, bare, sendEnd) - start) / 1e9 : -1;
        double cpu = app.cpuSeconds() - cpu0;
        double driverCpu = driver.cpuSeconds() - driverCpu0;
        long drainEnd = System.nanoTime() + drainLimitSeconds * 1_000_000_000L;
        while (!tracker.complete() && System.nanoTime() < drainEnd) {
            Thread.sleep(100);
        }
        sampler.interrupt();
        sampler.join();
        if (!inGrace) {
            cpu = app.cpuSeconds() - cpu0;
            driverCpu = driver.cpuSeconds() - driverCpu0;
            completion = tracker.complete() ? (lastCompletion(tracker, bare, sendEnd) - start) / 1e9 : -1;
        }
        twilio.track(null);
        String verdict = verdict(tracker, bare, inGrace, lag);
        return new StepResult(rate, seconds, tracker, lag, completion, cpu, driverCpu, maxRss[0],
                "ok".equals(verdict), verdict);
    }

    private static long lastCompletion(StepTracker tracker, boolean bare, long sendEnd) {
        return bare || tracker.lastDeliveredNs() == 0 ? Math.max(sendEnd, System.nanoTime() - 20_000_000L)
                : tracker.lastDeliveredNs();
    }

    private String verdict(StepTracker t, boolean bare, boolean inGrace, Histogram lag) {
        if (t.ackFailures() > 0) {
            return t.ackFailures() + " webhooks not acknowledged 2xx";
        }
        if (!bare) {
            if (t.callbackFailures() > 0) {
                return t.callbackFailures() + " status callbacks not acknowledged 2xx";
            }
            if (t.wrongReplies() > 0) {
                return t.wrongReplies() + " replies without the case number asked about";
            }
            if (t.delivered() < t.sent()) {
                return (t.sent() - t.delivered()) + " of " + t.sent() + " not delivered within the wait";
            }
        }
        if (!inGrace) {
            return "backlog: not complete " + GRACE_SECONDS + " s after the last send";
        }
        long p99 = (bare ? t.ackLatency() : t.replyLatency()).getValueAtPercentile(99);
        if (p99 > slaMicros) {
            return String.format("p99 %.0f ms over the %d ms SLA", p99 / 1000.0, slaMicros / 1000);
        }
        if (lag.getValueAtPercentile(99) > GENERATOR_LAG_LIMIT_MICROS) {
            return "generator fell behind (send lag p99 " + lag.getValueAtPercentile(99) / 1000 + " ms)";
        }
        return "ok";
    }

    private static Thread sampler(Runnable sample) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sample.run();
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                // stop
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
