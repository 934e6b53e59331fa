package gov.tawasul.bench.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows every message of one load step from the webhook to its delivered status callback: a message is
 * delivered when the app answered 2xx both the {@code sent} and then the {@code delivered} callback of its reply.
 * <p>
 * A reply carries no reference to the inbound message, so replies are matched to messages per citizen in order:
 * the bot answers the messages of a conversation one at a time in arrival order (DESIGN.md), so the k-th reply to
 * a number answers the k-th message that number sent. The reply text must contain the case number that was asked
 * about ({@link #wrongReplies()} counts those that do not).
 * <p>
 * All latencies are in microseconds from the message's <b>intended</b> send time (open loop, no coordinated
 * omission). Thread-safe.
 */
public final class StepTracker {

    /** One message of the step. */
    public static final class Tracked {
        final String from;
        final String expectedCaseNumber;
        final long intendedNs;
        volatile boolean sentAcknowledged;

        Tracked(String from, String expectedCaseNumber, long intendedNs) {
            this.from = from;
            this.expectedCaseNumber = expectedCaseNumber;
            this.intendedNs = intendedNs;
        }
    }

    private final boolean expectReplies;
    private final Map<String, Queue<Tracked>> awaitingReply = new ConcurrentHashMap<>();
    private final Histogram ack = histogram();
    private final Histogram reply = histogram();
    private final Histogram delivered = histogram();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger ackFailures = new AtomicInteger();
    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicInteger wrongReplies = new AtomicInteger();
    private final AtomicInteger unmatchedReplies = new AtomicInteger();
    private final AtomicInteger oneTimeCodes = new AtomicInteger();
    /**
     * The one-time code the bot sends, unasked, to the contact registered on a case when someone else asks about it
     * (templates/replies/{en,ar}/identity-code.txt): no answer to a message of that number, so never matched.
     */
    private static final java.util.regex.Pattern ONE_TIME_CODE = java.util.regex.Pattern.compile(
            "your code is|رمز التحقق");
    private final AtomicInteger deliveredCount = new AtomicInteger();
    private final AtomicInteger callbackFailures = new AtomicInteger();
    private volatile long lastDeliveredNs;
    private volatile long firstSentNs;
    private volatile long lastSentNs;

    /** @param expectReplies false for the bare endpoint, which answers nothing */
    public StepTracker(boolean expectReplies) {
        this.expectReplies = expectReplies;
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(3_600_000_000L, 3);
    }

    /** Called just before a message is sent; its reply may come back before its acknowledgement. */
    public Tracked sending(String from, String expectedCaseNumber, long intendedNs) {
        Tracked t = new Tracked(from, expectedCaseNumber, intendedNs);
        long now = System.nanoTime();
        if (sent.incrementAndGet() == 1) {
            firstSentNs = now;
        }
        lastSentNs = now;
        if (expectReplies) {
            awaitingReply.computeIfAbsent(from, k -> new ConcurrentLinkedQueue<>()).add(t);
        }
        return t;
    }

    /** The webhook was answered ({@code status} 0 when the request failed without a response). */
    public void acknowledged(Tracked t, int status, long nowNs) {
        ack.recordValue(micros(nowNs - t.intendedNs));
        if (status >= 200 && status < 300) {
            acked.incrementAndGet();
        } else {
            ackFailures.incrementAndGet();
        }
    }

    /**
     * A reply reached the fake Twilio API.
     *
     * @return the message it answers, or null when none was waiting for a reply to {@code to}
     */
    public Tracked replied(String to, String body, long nowNs) {
        if (body != null && ONE_TIME_CODE.matcher(body).find()) {
            oneTimeCodes.incrementAndGet();
            return null;
        }
        Queue<Tracked> queue = awaitingReply.get(to);
        Tracked t = queue == null ? null : queue.poll();
        if (t == null) {
            unmatchedReplies.incrementAndGet();
            return null;
        }
        replies.incrementAndGet();
        reply.recordValue(micros(nowNs - t.intendedNs));
        if (t.expectedCaseNumber != null && (body == null || !body.contains(t.expectedCaseNumber))) {
            wrongReplies.incrementAndGet();
        }
        return t;
    }

    /** The app answered the {@code sent} status callback of the reply to {@code t} (0: no answer). */
    public void sentCallbackAnswered(Tracked t, int status) {
        if (status >= 200 && status < 300) {
            t.sentAcknowledged = true;
        } else {
            callbackFailures.incrementAndGet();
        }
    }

    /**
     * The app answered the {@code delivered} status callback of the reply to {@code t} (0: no answer). The message
     * counts as delivered only when its {@code sent} callback was answered 2xx before.
     */
    public void callbackAnswered(Tracked t, int status, long nowNs) {
        if (status >= 200 && status < 300 && t.sentAcknowledged) {
            delivered.recordValue(micros(nowNs - t.intendedNs));
            deliveredCount.incrementAndGet();
            lastDeliveredNs = nowNs;
        } else if (status < 200 || status >= 300) {
            callbackFailures.incrementAndGet();
        }
    }

    /** @return true once every sent message is complete: delivered (or only acknowledged when no reply is expected) */
    public boolean complete() {
        int done = expectReplies ? deliveredCount.get() : acked.get() + ackFailures.get();
        return done >= sent.get();
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1_000);
    }

    public int sent() { return sent.get(); }
    public int acked() { return acked.get(); }
    public int ackFailures() { return ackFailures.get(); }
    public int replies() { return replies.get(); }
    public int wrongReplies() { return wrongReplies.get(); }
    public int unmatchedReplies() { return unmatchedReplies.get(); }
    /** Unasked one-time codes sent to a case's registered contact (not replies). */
    public int oneTimeCodes() { return oneTimeCodes.get(); }
    public int delivered() { return deliveredCount.get(); }
    public int callbackFailures() { return callbackFailures.get(); }
    public long lastDeliveredNs() { return lastDeliveredNs; }
    /** System.nanoTime() when the first / last message was handed to the HTTP client (one sending thread). */
    public long firstSentNs() { return firstSentNs; }
    public long lastSentNs() { return lastSentNs; }
    /** Webhook acknowledgement latency, µs from the intended send time. */
    public Histogram ackLatency() { return ack; }
    /** Inbound sent (intended time) → reply at the Twilio API, µs. */
    public Histogram replyLatency() { return reply; }
    /** Inbound sent (intended time) → delivered callback acknowledged, µs. */
    public Histogram deliveredLatency() { return delivered; }
}
