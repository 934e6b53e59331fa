package gov.tawasul.bench.chaos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends webhooks as providers do: at a fixed rate (open loop), a deterministic share redelivered a few seconds later
 * although it was acknowledged (providers do that after a slow answer or a lost response), and every request that
 * got no 2xx tried again after 1, 2, 4, … 16 s, at most {@link #MAX_TRIES} times (Meta and X retry failed
 * deliveries; Twilio's connection overrides do). Counts per run what the app answered.
 */
final class Traffic {

    static final int MAX_TRIES = 12;

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger answered2xx = new AtomicInteger();
    final AtomicInteger answered4xx = new AtomicInteger();
    final AtomicInteger answered5xx = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger redeliveries = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    /** Inbound (by its index in the batch) that got a 2xx at least once. */
    final Map<Integer, Boolean> accepted = new ConcurrentHashMap<>();
    final Map<Integer, Integer> statusOf = new ConcurrentHashMap<>();
    volatile long lastSendNs;

    Traffic(Vertx vertx, HttpClient client, int port) {
        this.vertx = vertx;
        this.client = client;
        this.port = port;
    }

    /**
     * Sends {@code batch} at {@code rate}/s; {@code event} runs on the sending thread once {@code i} messages went out
     * (e.g. kill the app at 40 %), with {@code i}; returns after the last first send.
     *
     * @param redeliverEvery every n-th message is redelivered once after 2–6 s (5: 20 %; 0: none)
     * @param retry          whether a request without a 2xx is tried again
     */
    void run(Inbound[] batch, double rate, int redeliverEvery, boolean retry, java.util.function.IntConsumer event) {
        double period = 1e9 / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < batch.length; i++) {
            long due = start + (long) (i * period);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            if (event != null) {
                event.accept(i);
            }
            send(i, batch[i], 1, retry);
            if (redeliverEvery > 0 && i % redeliverEvery == 0) {
                int index = i;
                vertx.setTimer(2_000 + (i * 7919L) % 4_000, t -> {
                    redeliveries.incrementAndGet();
                    send(index, batch[index], MAX_TRIES, false);
                });
            }
        }
        lastSendNs = System.nanoTime();
    }

    private void send(int index, Inbound in, int attempt, boolean retry) {
        attempts.incrementAndGet();
        inFlight.incrementAndGet();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(in.path()).setTimeout(30_000);
        in.headers().forEach(options::putHeader);
        Future<Integer> status = client.request(options)
                .compose(req -> req.send(Buffer.buffer(in.body())))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()));
        status.onComplete(ar -> {
            inFlight.decrementAndGet();
            int code = ar.succeeded() ? ar.result() : 0;
            statusOf.merge(index, code, (a, b) -> a / 100 == 2 ? a : b);
            if (code / 100 == 2) {
                answered2xx.incrementAndGet();
                accepted.put(index, true);
                return;
            }
            if (code == 0) {
                noAnswer.incrementAndGet();
            } else if (code >= 500) {
                answered5xx.incrementAndGet();
            } else {
                answered4xx.incrementAndGet();
            }
            if (retry && attempt < MAX_TRIES && (code == 0 || code >= 500)) {
                inFlight.incrementAndGet();
                vertx.setTimer(1000L << Math.min(attempt - 1, 4), t -> {
                    inFlight.decrementAndGet();
                    send(index, in, attempt + 1, true);
                });
            } else if (retry && (code == 0 || code >= 500)) {
                gaveUp.incrementAndGet();
            }
        });
    }

    /** Waits until no request is in flight or scheduled, at most {@code seconds}. */
    void awaitQuiet(int seconds) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (inFlight.get() > 0 && System.nanoTime() < limit) {
            Thread.sleep(100);
        }
    }
}
