package dev.bitquark.engine.internal;

import dev.bitquark.tracker.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One periodic timer shared by every live torrent of an engine, instead of one timer each: with
 * thousands of torrents, thousands of timers firing every second cost more than the idle torrents'
 * ticks themselves. Tasks run in the order they were added; the timer runs only while there is a task.
 * Called on the engine context only.
 */
final class Ticker {
    private static final Logger LOG = Logger.getLogger(Ticker.class.getName());
    private final Scheduler scheduler;
    private final Duration period;
    private final Map<Long, Runnable> tasks = new LinkedHashMap<>();
    private long nextId;
    private long timer = -1;

    Ticker(Scheduler scheduler, Duration period) {
        this.scheduler = scheduler;
        this.period = period;
    }

    /** Runs {@code task} at every tick from the next one on; returns an id for {@link #remove(long)}. */
    long add(Runnable task) {
        long id = nextId++;
        tasks.put(id, task);
        if (timer < 0) {
            timer = scheduler.every(period, this::tick);
        }
        return id;
    }

    /** Stops a task; unknown ids are ignored. The timer stops with the last task. */
    void remove(long id) {
        tasks.remove(id);
        if (tasks.isEmpty() && timer >= 0) {
            scheduler.cancel(timer);
            timer = -1;
        }
    }

    private void tick() {
        // A task may remove itself or others (a torrent that stops): run over a copy, skipping the removed.
        for (Map.Entry<Long, Runnable> e : new ArrayList<>(tasks.entrySet())) {
            if (!tasks.containsKey(e.getKey())) {
                continue;
            }
            try {
                e.getValue().run();
            } catch (RuntimeException failure) {
                // As with a timer of its own: one torrent's failure does not stop the others' ticks.
                LOG.log(Level.WARNING, "a torrent's periodic work failed", failure);
            }
        }
    }
}
