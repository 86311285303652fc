package dev.bitquark.engine.internal;

/**
 * A token-bucket bandwidth limit: tokens (bytes) accrue at {@code rate} bytes per second up to {@code burst}; a
 * transfer of {@code n} bytes takes {@code n} tokens. A rate of 0 means unlimited. A transfer larger than the
 * burst is allowed once the bucket holds a full burst and leaves the bucket in debt, so a large message never
 * waits forever while the long-run rate still holds.
 *
 * <p>Tokens are kept in units of 1/10^9 byte, so refilling by elapsed nanoseconds is exact integer arithmetic:
 * {@code elapsedNanos * rate} units. Rates and bursts are capped so that this never overflows.
 *
 * <p>Time is passed in as nanoseconds of a monotonic clock ({@code System.nanoTime()} in production). Not
 * thread-safe: owned by the engine context (one bucket per direction, shared through a
 * {@link BandwidthAllocator}).
 */
public final class TokenBucket {
    public static final long MAX_RATE = 1L << 40;
    public static final long MAX_BURST = 1L << 30;
    private static final long UNITS = 1_000_000_000L;

    private long rate;
    private long burstUnits;
    /** May be negative: debt from a transfer larger than what was available. */
    private long units;
    private long lastNanos;

    /** Starts full. */
    public TokenBucket(long bytesPerSecond, long burstBytes, long nowNanos) {
        check(bytesPerSecond, burstBytes);
        this.rate = bytesPerSecond;
        this.burstUnits = burstBytes * UNITS;
        this.units = burstUnits;
        this.lastNanos = nowNanos;
    }

    /** A bucket with a burst of one second of traffic (at least 16 KiB, one block). */
    public static TokenBucket perSecond(long bytesPerSecond, long nowNanos) {
        return new TokenBucket(bytesPerSecond, defaultBurst(bytesPerSecond), nowNanos);
    }

    static long defaultBurst(long bytesPerSecond) {
        return Math.min(MAX_BURST, Math.max(16 * 1024, bytesPerSecond));
    }

    public boolean isUnlimited() {
        return rate == 0;
    }

    public long rate() {
        return rate;
    }

    public long burst() {
        return burstUnits / UNITS;
    }

    /** Changes the limit at runtime; tokens accrued so far at the old rate are kept (up to the new burst). */
    public void setRate(long bytesPerSecond, long burstBytes, long nowNanos) {
        check(bytesPerSecond, burstBytes);
        boolean wasUnlimited = rate == 0;
        refill(nowNanos);
        rate = bytesPerSecond;
        burstUnits = burstBytes * UNITS;
        units = wasUnlimited ? burstUnits : Math.min(units, burstUnits);
    }

    /** Takes {@code bytes} tokens if available now; returns false (taking nothing) otherwise. */
    public boolean tryConsume(int bytes, long nowNanos) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        if (rate == 0) {
            return true;
        }
        refill(nowNanos);
        if (units < needed(bytes)) {
            return false;
        }
        units -= bytes * UNITS;
        return true;
    }

    /** Nanoseconds until {@link #tryConsume} of {@code bytes} would succeed; 0 if it would now. */
    public long nanosUntil(int bytes, long nowNanos) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        if (rate == 0) {
            return 0;
        }
        refill(nowNanos);
        long missing = needed(bytes) - units;
        return missing <= 0 ? 0 : (missing + rate - 1) / rate;
    }

    /** Whole bytes available now (negative while in debt). */
    public long available(long nowNanos) {
        if (rate == 0) {
            return Long.MAX_VALUE;
        }
        refill(nowNanos);
        return Math.floorDiv(units, UNITS);
    }

    private long needed(int bytes) {
        return Math.min(bytes * UNITS, burstUnits);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return; // same instant, or a clock that stepped back: nothing accrues
        }
        lastNanos = nowNanos;
        if (rate == 0) {
            return;
        }
        long missing = burstUnits - units;
        // Compare before multiplying: elapsed * rate could overflow after a long idle period.
        if (elapsed >= missing / rate + 1) {
            units = burstUnits;
        } else {
            units += elapsed * rate;
        }
    }

    private static void check(long bytesPerSecond, long burstBytes) {
        if (bytesPerSecond < 0 || bytesPerSecond > MAX_RATE) {
            throw new IllegalArgumentException("rate must be 0..." + MAX_RATE + " bytes/s, got " + bytesPerSecond);
        }
        if (burstBytes < 1 || burstBytes > MAX_BURST) {
            throw new IllegalArgumentException("burst must be 1.." + MAX_BURST + " bytes, got " + burstBytes);
        }
    }
}
