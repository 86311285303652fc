package dev.bitquark.storage;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor whose tasks run only when the test says so, on the test's thread: steps are deterministic. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int maxQueued;

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
        maxQueued = Math.max(maxQueued, queue.size());
    }

    /** Runs the oldest queued task; false if none was queued. */
    boolean runOne() {
        Runnable r;
        synchronized (this) {
            r = queue.poll();
        }
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    /** Runs tasks, including those they queue, until none is left; returns how many ran. */
    int runAll() {
        int n = 0;
        while (runOne()) {
            n++;
        }
        return n;
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized int maxQueued() {
        return maxQueued;
    }
}
