package gov.tawasul.staff.reports;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/** Percentiles as PostgreSQL's {@code percentile_cont} computes them (linear interpolation between ranks). */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param values the sample (any order; not changed)
     * @param p      the fraction, 0–1 (0.5 is the median)
     * @return the interpolated percentile, or null for an empty sample
     */
    public static Double of(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    /**
     * The same percentile estimated from fixed answer-time buckets ({@code gov.tawasul.engine.store.AnswerBuckets}):
     * the values of a bucket are taken as evenly spread over it (the j-th of c at its (j + ½)/c), then ranks are
     * interpolated as {@link #of} does. Each order statistic lies in the same bucket as the true one, so the result
     * is within one bucket's width of the exact percentile: under 5 % of it (under 100 ms below 100 ms).
     *
     * @param buckets bucket number → count (buckets without values may be absent)
     * @param p       the fraction, 0–1
     * @return seconds, or null when there is no value
     */
    public static Double ofBuckets(SortedMap<Integer, Long> buckets, double p) {
        long n = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        double rank = p * (n - 1);
        long lower = (long) Math.floor(rank);
        long upper = (long) Math.ceil(rank);
        double a = valueAt(buckets, lower);
        double b = valueAt(buckets, upper);
        return a + (b - a) * (rank - lower);
    }

    private static double valueAt(SortedMap<Integer, Long> buckets, long rank) {
        long before = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            long c = e.getValue();
            if (rank < before + c) {
                double[] bounds = RolledFigures.boundsSeconds(e.getKey());
                return bounds[0] + (bounds[1] - bounds[0]) * ((rank - before) + 0.5) / c;
            }
            before += c;
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + before + " values");
    }
}
