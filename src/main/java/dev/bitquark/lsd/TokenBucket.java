package dev.bitquark.lsd;

/**
 * A token bucket refilled at {@code perSecond} tokens a second and holding at most {@code perSecond}: a
 * burst of one second's worth, then the steady rate. Credit is kept in nanoseconds, so no rounding drifts.
 * Time comes from the caller ({@link System#nanoTime()}, or a manual clock in tests); time going backwards
 * adds nothing. Not thread-safe.
 */
final class TokenBucket {
    private static final long SECOND = 1_000_000_000L;
    private final long nanosPerToken;
    private final long capacity;
    private long credit;
    private long last;

    TokenBucket(int perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second: " + perSecond);
        }
        this.nanosPerToken = Math.max(1, SECOND / perSecond);
        this.capacity = nanosPerToken * perSecond;
        this.credit = capacity;
        this.last = nowNanos;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (credit >= nanosPerToken) {
            credit -= nanosPerToken;
            return true;
        }
        return false;
    }

    /** Whole tokens there now. */
    int available(long nowNanos) {
        refill(nowNanos);
        return (int) (credit / nanosPerToken);
    }

    /** Nanoseconds until the next whole token (0 if one is there). */
    long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return Math.max(0, nanosPerToken - credit);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            credit = elapsed >= capacity ? capacity : Math.min(capacity, credit + elapsed);
            last = nowNanos;
        }
    }
}
