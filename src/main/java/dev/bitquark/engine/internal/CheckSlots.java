package dev.bitquark.engine.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Bounds how many torrents check their files at once ({@code EngineConfig.maxConcurrentChecks}): a
 * check reads a whole torrent, and several at once make a small machine's disk thrash and its event
 * loop slow. Waiting torrents are granted a slot in the order they asked (FIFO).
 *
 * <p>Owned by the engine context (one per engine, in {@link EngineRuntime}); not thread-safe.
 */
public final class CheckSlots {
    /** One torrent's claim on a slot; release it exactly when its check no longer touches the disk. */
    public final class Ticket {
        private final Consumer<Ticket> onGranted;
        private boolean granted;
        private boolean released;

        private Ticket(Consumer<Ticket> onGranted) {
            this.onGranted = onGranted;
        }

        private CheckSlots owner() {
            return CheckSlots.this;
        }

        public boolean isGranted() {
            return granted && !released;
        }

        /** Still in the queue: neither granted nor given back. */
        public boolean isWaiting() {
            return !granted && !released;
        }

        /** Gives the slot back (or leaves the queue). Idempotent. */
        public void release() {
            if (released) {
                return;
            }
            released = true;
            if (granted) {
                running--;
            } else {
                waiting.remove(this);
            }
            pump();
        }
    }

    private int max;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int running;

    public CheckSlots(int max) {
        this.max = validMax(max);
    }

    private static int validMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one check must be allowed, got " + max);
        }
        return max;
    }

    /**
     * Changes the limit at run time. A higher limit grants waiting torrents at once; a lower one
     * lets the running checks finish (a check is never interrupted) and grants no more until
     * fewer than {@code max} run.
     */
    public void setMax(int max) {
        this.max = validMax(max);
        pump();
    }

    public int max() {
        return max;
    }

    /**
     * Queues for a slot; {@code onGranted} gets the ticket when it has one, possibly before this
     * method returns.
     */
    public Ticket acquire(Consumer<Ticket> onGranted) {
        Ticket t = new Ticket(onGranted);
        waiting.addLast(t);
        pump();
        return t;
    }

    private void pump() {
        while (running < max && !waiting.isEmpty()) {
            Ticket t = waiting.pollFirst();
            t.granted = true;
            running++;
            t.onGranted.accept(t);
        }
    }

    /** Whether {@code ticket} came from these slots. */
    boolean holds(Ticket ticket) {
        return ticket.owner() == this;
    }

    public int running() {
        return running;
    }

    public int waiting() {
        return waiting.size();
    }
}
