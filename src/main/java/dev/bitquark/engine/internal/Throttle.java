package dev.bitquark.engine.internal;

import dev.bitquark.tracker.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One bandwidth limit in one direction (a torrent's or the whole session's), shared fairly by the
 * connections that use it: a {@link BandwidthAllocator} over a {@link TokenBucket}, plus the timer
 * that grants waiting transfers when the bucket has refilled. A rate of 0 means unlimited; the rate
 * can change at any time (waiting transfers are then re-examined at once).
 *
 * <p>Connection keys must be unique across everything sharing one throttle (the engine hands out
 * keys from one counter). Owned by the engine context; callbacks run there. Not thread-safe.
 */
final class Throttle {
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final BandwidthAllocator allocator;
    private final Map<Integer, Runnable> onGrant = new HashMap<>();
    private final List<BandwidthAllocator.Grant> granted = new ArrayList<>();
    private long timer = -1;

    Throttle(Scheduler scheduler, long bytesPerSecond) {
        this.scheduler = scheduler;
        this.nanoClock = scheduler::nanoTime;
        this.allocator = new BandwidthAllocator(TokenBucket.perSecond(bytesPerSecond, nanoClock.getAsLong()));
    }

    long rate() {
        return allocator.bucket().rate();
    }

    /** Changes the limit (0 = unlimited); waiting connections that the new limit allows go ahead now. */
    void setRate(long bytesPerSecond) {
        allocator.bucket().setRate(bytesPerSecond, TokenBucket.defaultBurst(bytesPerSecond), nanoClock.getAsLong());
        if (timer >= 0) {
            scheduler.cancel(timer);
            timer = -1;
        }
        fire();
    }

    /**
     * Asks to move {@code bytes} for connection {@code key}. True if allowed now; otherwise the
     * connection waits in line and {@code then} runs once it may go (the bytes are then paid for).
     * A connection may wait for at most one transfer at a time.
     */
    boolean acquire(int key, int bytes, Runnable then) {
        if (allocator.tryAcquire(key, bytes, nanoClock.getAsLong())) {
            return true;
        }
        onGrant.put(key, then);
        arm();
        return false;
    }

    /** The connection is gone: leave the line. */
    void cancel(int key) {
        if (allocator.cancel(key)) {
            onGrant.remove(key);
        }
    }

    int waitingCount() {
        return allocator.waitingCount();
    }

    private void arm() {
        if (timer >= 0) {
            return;
        }
        long nanos = allocator.nanosUntilNextGrant(nanoClock.getAsLong());
        if (nanos < 0) {
            return;
        }
        // Rounded up to whole milliseconds (timers have no finer grain): never before the grant is due, which
        // would only re-arm the timer.
        timer = scheduler.schedule(Duration.ofMillis(Math.max(1, (nanos + 999_999) / 1_000_000)), () -> {
            timer = -1;
            fire();
        });
    }

    private void fire() {
        granted.clear();
        allocator.grant(nanoClock.getAsLong(), granted);
        List<BandwidthAllocator.Grant> now = new ArrayList<>(granted);
        for (BandwidthAllocator.Grant g : now) {
            Runnable r = onGrant.remove(g.key());
            if (r != null) {
                r.run();
            }
        }
        arm();
    }

    /**
     * Both limits must allow a transfer (the torrent's, then the session's): true if both did now;
     * otherwise {@code then} runs once both have.
     */
    static boolean acquireBoth(Throttle first, Throttle second, int key, int bytes, Runnable then) {
        if (!first.acquire(key, bytes, () -> {
            if (second.acquire(key, bytes, then)) {
                then.run();
            }
        })) {
            return false;
        }
        return second.acquire(key, bytes, then);
    }
}
