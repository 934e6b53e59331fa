package gov.tawasul.staff.reports;

import java.util.Arrays;
import java.util.Collection;

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
}
