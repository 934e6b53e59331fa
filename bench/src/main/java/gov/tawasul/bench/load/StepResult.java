package gov.tawasul.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one load step measured. Latencies in microseconds from the intended send time.
 *
 * @param rate             target arrival rate, messages per second
 * @param seconds          planned duration of the sending
 * @param tracker          counts and latency histograms
 * @param sendLag          how late the generator itself sent (µs)
 * @param completionSecond seconds from the first due send to the last completion (delivered callback, or last
 *                         acknowledgement for the bare endpoint); -1 when not everything completed
 * @param cpuSeconds       CPU seconds the app used from the step's start to its completion (or the end of waiting)
 * @param driverCpuSeconds CPU seconds this driver (generator + fakes) used meanwhile
 * @param maxRssKiB        largest RSS of the app sampled during the step
 * @param sustained        whether the step met the criterion of {@link LoadStep}
 * @param verdict          why not, or "ok"
 */
public record StepResult(double rate, int seconds, StepTracker tracker, Histogram sendLag, double completionSecond,
                         double cpuSeconds, double driverCpuSeconds, long maxRssKiB, boolean sustained,
                         String verdict) {

    /** @return app CPU seconds per 1,000 completed messages, or NaN */
    public double cpuPerThousand(boolean bare) {
        int done = bare ? tracker.acked() : tracker.delivered();
        return done == 0 ? Double.NaN : cpuSeconds * 1000.0 / done;
    }

    /** @return completed messages per second over the step, or NaN */
    public double achievedRate(boolean bare) {
        int done = bare ? tracker.acked() : tracker.delivered();
        return completionSecond <= 0 ? Double.NaN : done / Math.max(completionSecond, seconds);
    }
}
