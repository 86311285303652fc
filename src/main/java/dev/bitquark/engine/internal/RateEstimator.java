package dev.bitquark.engine.internal;

import java.util.Arrays;

/**
 * Bytes per second over a rolling window, for choking (BEP 3 tit-for-tat ranks peers by rate) and request
 * pipelining. The window is a ring of fixed-length time buckets: the rate is the sum of the buckets divided by
 * the time they cover (the full older buckets plus the elapsed part of the current one, or less while the
 * estimator is younger than the window). Adding and reading are O(1): at most one pass over the few buckets.
 *
 * <p>Time is passed in as milliseconds of any monotonic clock. Not thread-safe: owned by one connection (or one
 * torrent) on its engine context.
 */
public final class RateEstimator {
    /** One-second buckets. */
    public static final long DEFAULT_BUCKET_MILLIS = 1000;
    /** Six buckets: the rate covers the last five to six seconds. */
    public static final int DEFAULT_BUCKETS = 6;

    private final long bucketMillis;
    private final long[] buckets;
    private long current;
    private long sum;
    private long total;
    private long startMillis;
    private boolean started;

    public RateEstimator() {
        this(DEFAULT_BUCKET_MILLIS, DEFAULT_BUCKETS);
    }

    public RateEstimator(long bucketMillis, int bucketCount) {
        if (bucketMillis <= 0 || bucketCount < 2) {
            throw new IllegalArgumentException("need bucketMillis > 0 and at least 2 buckets, got "
                    + bucketMillis + " ms x " + bucketCount);
        }
        this.bucketMillis = bucketMillis;
        this.buckets = new long[bucketCount];
    }

    /** Records {@code bytes} transferred at {@code nowMillis}. */
    public void add(long bytes, long nowMillis) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        advance(nowMillis);
        buckets[(int) Math.floorMod(current, (long) buckets.length)] += bytes;
        sum += bytes;
        total += bytes;
    }

    /** The rate over the window ending at {@code nowMillis}, in bytes per second. */
    public long bytesPerSecond(long nowMillis) {
        if (!started) {
            return 0;
        }
        advance(nowMillis);
        long covered = (buckets.length - 1) * bucketMillis + Math.max(0, nowMillis - current * bucketMillis);
        // At least one bucket long: a single block seen a millisecond ago is not a gigabyte per second.
        long span = Math.max(bucketMillis, Math.min(covered, nowMillis - startMillis));
        return (long) (sum * 1000.0 / span);
    }

    /** All bytes ever added. */
    public long totalBytes() {
        return total;
    }

    private void advance(long nowMillis) {
        long index = Math.floorDiv(nowMillis, bucketMillis);
        if (!started) {
            started = true;
            startMillis = nowMillis;
            current = index;
            return;
        }
        if (index <= current) {
            return; // same bucket, or the clock stepped back: keep counting into the current bucket
        }
        long steps = index - current;
        if (steps >= buckets.length) {
            Arrays.fill(buckets, 0);
            sum = 0;
        } else {
            for (long s = 1; s <= steps; s++) {
                int slot = (int) Math.floorMod(current + s, (long) buckets.length);
                sum -= buckets[slot];
                buckets[slot] = 0;
            }
        }
        current = index;
    }
}
