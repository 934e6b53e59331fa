package gov.tawasul.bench.load;

import gov.tawasul.bench.data.InboundWebhooks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: sends precomputed signed webhooks at a fixed arrival rate, whatever the server does. Message
 * {@code i} is due at {@code start + i / rate}; a slow answer never delays the next send (requests are asynchronous,
 * Vert.x HTTP client with a large pool), and every latency is measured from the due time, so queueing in the
 * generator or the server is counted (no coordinated omission, as wrk2 does it).
 * The schedule is bounded by the number of messages and by a hard deadline.
 */
public final class OpenLoopGenerator {

    private final HttpClient client;
    private final int port;

    /**
     * @param client a Vert.x client whose pool allows enough concurrent connections (see {@code BenchMain})
     * @param port   the app's port on 127.0.0.1
     */
    public OpenLoopGenerator(HttpClient client, int port) {
        this.client = client;
        this.port = port;
    }

    /**
     * Sends {@code messages} at {@code ratePerSecond} to {@code path}; returns once all are sent (not answered).
     * With an infinite rate (a burst) every message is sent as fast as the loop goes and its latencies count from
     * the moment it was handed to the client (whose pool queues what exceeds its connections, as a sender would).
     *
     * @param deadlineNs System.nanoTime() after which nothing more is sent
     * @return how late the generator sent, µs after the due time (its own lag; should stay near 0)
     */
    public Histogram run(String path, InboundWebhooks.Signed[] messages, double ratePerSecond, StepTracker tracker,
                         long deadlineNs) {
        Histogram sendLag = new ConcurrentHistogram(60_000_000L, 3);
        boolean burst = Double.isInfinite(ratePerSecond);
        double periodNs = 1e9 / ratePerSecond;
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < messages.length; i++) {
            long now = System.nanoTime();
            long due = burst ? now : start + (long) (i * periodNs);
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (now > deadlineNs) {
                break;
            }
            sendLag.recordValue((now - due) / 1_000);
            send(path, messages[i], tracker, due);
        }
        return sendLag;
    }

    private void send(String path, InboundWebhooks.Signed m, StepTracker tracker, long dueNs) {
        StepTracker.Tracked t = tracker.sending(m.from(), m.expectedCaseNumber(), dueNs);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", m.signature())
                .putHeader("I-Twilio-Idempotency-Token", m.signature())
                .putHeader("User-Agent", "TwilioProxy/1.1");
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(m.body())))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .onComplete(ar -> tracker.acknowledged(t, ar.succeeded() ? ar.result() : 0, System.nanoTime()));
    }
}
