package dev.bitquark.testkit;

import java.util.List;

/** Percentiles of measured figures, by the nearest-rank definition. */
public final class Percentile {
    private Percentile() {
    }

    /**
     * The {@code q}-th quantile (0 &lt; q ≤ 1) of ascending {@code sorted} by nearest rank: the value at
     * rank ⌈q·n⌉, the smallest that at least {@code q} of the values are at or below. With 60 values
     * p95 is the 57th (three above it), not the 58th; NaN for no values.
     */
    public static double nearestRank(List<Double> sorted, double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1]: " + q);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size() - 1e-9);
        return sorted.get(Math.max(1, rank) - 1);
    }
}
