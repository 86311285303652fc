package dev.bitquark.testkit;

import dev.bitquark.tracker.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time: nothing fires until the test calls {@link #advance}, which
 * moves the clock and runs every task due on the way, in order, on the caller's thread (so call it on
 * the engine context). Timers, rates and token buckets all read this clock, so a test of "after ten
 * seconds" takes no time and cannot race. Not thread-safe.
 */
public final class ManualScheduler implements Scheduler {
    private record Task(long id, long due, long period, Runnable run, long seq) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
    private final Map<Long, Task> live = new HashMap<>();
    private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private long nanos = 1_000_000_000L;
    private long nextId = 1;
    private long seq;

    @Override
    public long schedule(Duration delay, Runnable task) {
        return add(nextId++, nanos + Math.max(0, delay.toNanos()), 0, task);
    }

    @Override
    public long every(Duration period, Runnable task) {
        long p = Math.max(1, period.toNanos());
        return add(nextId++, nanos + p, p, task);
    }

    private long add(long id, long due, long period, Runnable run) {
        Task t = new Task(id, due, period, run, seq++);
        queue.add(t);
        live.put(id, t);
        return id;
    }

    @Override
    public void cancel(long id) {
        Task t = live.remove(id);
        if (t != null) {
            queue.remove(t);
        }
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Tasks waiting to fire. */
    public int pending() {
        return live.size();
    }

    /** Moves the clock by {@code d}, running each task when its time comes (periodic ones as often as due). */
    public void advance(Duration d) {
        long target = nanos + d.toNanos();
        for (Task t = queue.peek(); t != null && t.due() <= target; t = queue.peek()) {
            queue.poll();
            live.remove(t.id());
            nanos = Math.max(nanos, t.due());
            if (t.period() > 0) {
                Task next = new Task(t.id(), t.due() + t.period(), t.period(), t.run(), seq++);
                queue.add(next);
                live.put(t.id(), next);
            }
            t.run().run();
        }
        nanos = target;
    }
}
