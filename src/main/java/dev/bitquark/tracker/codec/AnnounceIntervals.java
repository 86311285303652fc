package dev.bitquark.tracker.codec;

import java.time.Duration;

/**
 * Our policy for the re-announce interval a tracker asks for. Stateless and thread-safe.
 *
 * <p>BEP 3 lets the tracker choose the {@code interval}; we trust it only within bounds:
 * <ul>
 *   <li>Floor {@value #FLOOR_SECONDS} s: a smaller value (including 0 and negative numbers) is a
 *       tracker bug or hostile, and obeying it would make us hammer the tracker.</li>
 *   <li>Ceiling {@value #CEILING_SECONDS} s (2 h): a huge value (10^12 s) would silence us for
 *       ever, and the tracker would drop us from its swarm long before.</li>
 *   <li>{@code min interval} is honoured: the effective interval is at least the min interval
 *       (which is itself clamped to the same bounds).</li>
 *   <li>A missing {@code interval} means {@value #DEFAULT_SECONDS} s, the common tracker default.</li>
 * </ul>
 */
public final class AnnounceIntervals {
    public static final long FLOOR_SECONDS = 60;
    public static final long CEILING_SECONDS = 2 * 60 * 60;
    public static final long DEFAULT_SECONDS = 30 * 60;

    private AnnounceIntervals() {
    }

    /**
     * The interval to use.
     *
     * @param interval seconds the tracker asked for, or null if absent
     * @param minInterval the tracker's min interval in seconds, or null if absent
     */
    public static Duration effective(Long interval, Long minInterval) {
        long base = interval == null ? DEFAULT_SECONDS : interval;
        if (minInterval != null) {
            base = Math.max(base, minInterval);
        }
        return Duration.ofSeconds(clamp(base));
    }

    /** The min interval to record: clamped like the interval, zero if absent or not positive. */
    public static Duration minimum(Long minInterval) {
        if (minInterval == null || minInterval <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(clamp(minInterval));
    }

    private static long clamp(long seconds) {
        return Math.min(CEILING_SECONDS, Math.max(FLOOR_SECONDS, seconds));
    }
}
