package dev.bitquark.dht;

import java.util.Map;
import java.util.TreeMap;

/**
 * The node's counters. Drop reasons are string literals from the codec and the node, so the map
 * stays small. Not thread-safe: owned by the node's thread.
 */
final class Counters {
    final Map<String, Long> dropped = new TreeMap<>();
    final RateMeter queriesIn = new RateMeter();
    final RateMeter queriesOut = new RateMeter();
    long packetsIn;
    long packetsOut;
    long malformed;
    long rateLimitedIn;
    long rateLimitedOut;

    void drop(String reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    /** Events per second over the last complete window of {@value #WINDOW_MILLIS} ms. */
    static final class RateMeter {
        static final long WINDOW_MILLIS = 5_000;
        private long windowStart = Long.MIN_VALUE;
        private long count;
        private double lastRate;

        void add(long now) {
            roll(now);
            count++;
        }

        double perSecond(long now) {
            roll(now);
            return lastRate;
        }

        private void roll(long now) {
            if (windowStart == Long.MIN_VALUE) {
                windowStart = now;
            }
            if (now - windowStart >= WINDOW_MILLIS) {
                boolean skipped = now - windowStart >= 2 * WINDOW_MILLIS;
                lastRate = skipped ? 0 : count * 1000.0 / WINDOW_MILLIS;
                count = 0;
                windowStart = now - (now - windowStart) % WINDOW_MILLIS;
            }
        }
    }
}
