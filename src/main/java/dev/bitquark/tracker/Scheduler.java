package dev.bitquark.tracker;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/**
 * The time source and every timer of the engine and its announcers: one-shot and periodic tasks, and
 * the clock they are measured on. Production uses {@link #of(Vertx)} (Vert.x timers, so tasks run
 * on the calling event-loop context); tests pass a scheduler with shortened delays, or one whose
 * time only moves when the test says so, so that nothing waits for real time. Implementations are
 * used from one context only.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay}; returns an id for {@link #cancel(long)}. */
    long schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period} until cancelled; returns an id for {@link #cancel(long)}. */
    long every(Duration period, Runnable task);

    /** Cancels a scheduled task; unknown or fired ids are ignored. */
    void cancel(long id);

    /** The current wall-clock time, for status reporting. */
    Instant now();

    /** A monotonic clock in nanoseconds, for rates and token buckets. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Vert.x timers in real time. Call {@link #schedule} on the context the tasks should run on. */
    static Scheduler of(Vertx vertx) {
        return scaled(vertx, 1);
    }

    /**
     * Vert.x timers that run {@code divisor} times faster than asked (a delay of 60 s with divisor
     * 1000 fires after 60 ms). Meant for tests that exercise real re-announce and back-off cycles.
     */
    static Scheduler scaled(Vertx vertx, long divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be positive: " + divisor);
        }
        return new Scheduler() {
            @Override
            public long schedule(Duration delay, Runnable task) {
                // Vert.x timers need at least 1 ms.
                long ms = Math.max(1, delay.toMillis() / divisor);
                return vertx.setTimer(ms, id -> task.run());
            }

            @Override
            public long every(Duration period, Runnable task) {
                return vertx.setPeriodic(Math.max(1, period.toMillis() / divisor), id -> task.run());
            }

            @Override
            public void cancel(long id) {
                vertx.cancelTimer(id);
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }
}
