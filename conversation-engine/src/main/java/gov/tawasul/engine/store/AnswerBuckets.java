package gov.tawasul.engine.store;

/**
 * The fixed buckets of the bot's answer time kept by the report rollups (metric {@code answer_ms}), the same as
 * {@code ReportQueries.ANSWER_BUCKET} computes in SQL: bucket 0 is [0, 100 ms), bucket {@code k} (1–399) is
 * [100·1.05^(k−1), 100·1.05^k) ms, bucket {@value #LAST} everything from 100·1.05^399 ms (about 330 days) on.
 * A value placed in its bucket is known to within 5 % of itself (100 ms below 100 ms).
 */
public final class AnswerBuckets {

    /** The last bucket (open above). */
    public static final int LAST = 400;
    private static final double FIRST_MS = 100;
    private static final double RATIO = 1.05;

    private AnswerBuckets() {
    }

    /** @return the lower bound of bucket {@code k}, milliseconds */
    public static double lowerMs(int k) {
        return k == 0 ? 0 : FIRST_MS * Math.pow(RATIO, k - 1);
    }

    /** @return the upper bound of bucket {@code k} (exclusive), milliseconds; for {@link #LAST} its lower bound */
    public static double upperMs(int k) {
        return k >= LAST ? lowerMs(LAST) : FIRST_MS * Math.pow(RATIO, k);
    }
}
