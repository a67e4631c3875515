package dev.kefu.eval.metrics;

import java.util.Arrays;

/** Collects per-item latencies and reports nearest-rank percentiles in milliseconds. */
public final class Latencies {
    private long[] nanos = new long[256];
    private int size;

    public void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    public int size() {
        return size;
    }

    /**
     * The longest in milliseconds.
     *
     * @throws IllegalStateException when nothing was recorded
     */
    public double maxMs() {
        return percentileMs(100);
    }

    /**
     * The nearest-rank percentile in milliseconds, e.g. {@code percentileMs(99)}.
     *
     * @throws IllegalStateException when nothing was recorded
     */
    public double percentileMs(double percentile) {
        if (size == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(rank, 1) - 1] / 1_000_000.0;
    }
}
