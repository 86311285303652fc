package dev.bitquark.app.logging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} log lines (a ring) and the live subscribers that follow new ones.
 * Logging must never wait for a reader: {@link #append} only copies a reference into the ring and
 * into each subscriber's bounded queue; a subscriber whose queue is full is dropped on the spot (its
 * reader is told through {@code onDrop}) instead of slowing anything down. Wake-ups and drop
 * notices run after the lock is released, so no foreign code ever runs under it.
 *
 * <p>Thread-safe: one monitor guards the ring and the subscriber list; each subscription has its
 * own monitor for its queue (always taken after the ring's, never the other way round).
 */
public final class LogTail {
    private final int capacity;
    private final ArrayDeque<String> ring;
    private final List<Subscription> subscribers = new ArrayList<>();

    public LogTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
    }

    /**
     * One reader's queue. {@code onData} is called (outside any lock) when the queue goes from empty
     * and idle to non-empty: the reader should then {@link #poll()} until it returns null.
     */
    public static final class Subscription {
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private final int limit;
        private final Runnable onData;
        private final Runnable onDrop;
        private boolean scheduled;
        private boolean dropped;

        private Subscription(int limit, Runnable onData, Runnable onDrop) {
            this.limit = limit;
            this.onData = onData;
            this.onDrop = onDrop;
        }

        /** The next line, or null when the queue is empty (the next line will call onData again). */
        public synchronized String poll() {
            String line = queue.poll();
            if (line == null) {
                scheduled = false;
            }
            return line;
        }

        public synchronized boolean dropped() {
            return dropped;
        }

        public synchronized int queued() {
            return queue.size();
        }

        /** 0: nothing to do, 1: wake the reader, 2: dropped now. */
        private synchronized int offer(String line) {
            if (dropped) {
                return 0;
            }
            if (queue.size() >= limit) {
                dropped = true;
                queue.clear();
                return 2;
            }
            queue.add(line);
            if (!scheduled) {
                scheduled = true;
                return 1;
            }
            return 0;
        }
    }

    /** Adds a line and hands it to every subscriber; never blocks on a reader. */
    public void append(String line) {
        List<Runnable> after = null;
        synchronized (this) {
            if (ring.size() == capacity) {
                ring.pollFirst();
            }
            ring.addLast(line);
            for (int i = subscribers.size() - 1; i >= 0; i--) {
                Subscription s = subscribers.get(i);
                int r = s.offer(line);
                if (r != 0) {
                    if (after == null) {
                        after = new ArrayList<>(2);
                    }
                    after.add(r == 1 ? s.onData : s.onDrop);
                    if (r == 2) {
                        subscribers.remove(i);
                    }
                }
            }
        }
        if (after != null) {
            after.forEach(Runnable::run);
        }
    }

    /**
     * Follows the log: the last {@code backlog} lines are queued at once, then every new line.
     *
     * @param queueLimit lines a reader may fall behind before it is dropped (at least {@code backlog})
     */
    public Subscription subscribe(int backlog, int queueLimit, Runnable onData, Runnable onDrop) {
        Subscription s = new Subscription(Math.max(queueLimit, backlog), onData, onDrop);
        boolean wake;
        synchronized (this) {
            int skip = Math.max(0, ring.size() - Math.max(0, backlog));
            int i = 0;
            for (String line : ring) {
                if (i++ >= skip) {
                    s.offer(line);
                }
            }
            subscribers.add(s);
            synchronized (s) {
                wake = s.scheduled;
            }
        }
        if (wake) {
            onData.run();
        }
        return s;
    }

    public synchronized void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    /** The last {@code n} lines, oldest first. */
    public synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(ring);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    public synchronized int subscriberCount() {
        return subscribers.size();
    }

    public int capacity() {
        return capacity;
    }
}
