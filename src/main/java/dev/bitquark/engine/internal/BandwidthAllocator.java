package dev.bitquark.engine.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares one {@link TokenBucket} fairly among connections. A connection asks for the bytes of its next transfer
 * (typically one block message); if nobody is waiting and the bucket allows it, the grant is immediate, otherwise
 * the connection joins the back of a queue. Queued requests are granted strictly in order, and each connection
 * has at most one queued request, so a busy connection re-queues behind everyone else after each grant: round
 * robin. Equal-sized requests therefore split the limit equally, whatever each connection's appetite.
 *
 * <p>The engine calls {@link #grant} when {@link #nanosUntilNextGrant} has passed (a timer) and resumes the
 * connections it reports. Not thread-safe: owned by the engine context.
 */
public final class BandwidthAllocator {
    /** Permission for connection {@code key} to transfer {@code bytes}. */
    public record Grant(int key, int bytes) {
    }

    private final TokenBucket bucket;
    /** Waiting connections in arrival order: key -> bytes asked for. */
    private final LinkedHashMap<Integer, Integer> waiting = new LinkedHashMap<>();

    public BandwidthAllocator(TokenBucket bucket) {
        this.bucket = bucket;
    }

    public TokenBucket bucket() {
        return bucket;
    }

    /**
     * Asks to transfer {@code bytes} for connection {@code key}. Returns true if granted now; false if queued, in
     * which case the grant comes later from {@link #grant}.
     *
     * @throws IllegalStateException if {@code key} is already waiting
     */
    public boolean tryAcquire(int key, int bytes, long nowNanos) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("byte count must be positive, got " + bytes);
        }
        if (waiting.containsKey(key)) {
            throw new IllegalStateException("connection " + key + " is already waiting for bandwidth");
        }
        if (waiting.isEmpty() && bucket.tryConsume(bytes, nowNanos)) {
            return true;
        }
        waiting.put(key, bytes);
        return false;
    }

    /** Grants waiting requests in order while the bucket allows; appends them to {@code out}; returns the count. */
    public int grant(long nowNanos, List<Grant> out) {
        int granted = 0;
        Iterator<Map.Entry<Integer, Integer>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Integer> head = it.next();
            // Strictly in order: letting a small request overtake would starve large ones.
            if (!bucket.tryConsume(head.getValue(), nowNanos)) {
                break;
            }
            out.add(new Grant(head.getKey(), head.getValue()));
            it.remove();
            granted++;
        }
        return granted;
    }

    /** Nanoseconds until the first waiting request can be granted; -1 if nobody waits. */
    public long nanosUntilNextGrant(long nowNanos) {
        if (waiting.isEmpty()) {
            return -1;
        }
        return bucket.nanosUntil(waiting.values().iterator().next(), nowNanos);
    }

    /** Drops the waiting request of {@code key} (the connection closed); false if it was not waiting. */
    public boolean cancel(int key) {
        return waiting.remove(key) != null;
    }

    public boolean isWaiting(int key) {
        return waiting.containsKey(key);
    }

    public int waitingCount() {
        return waiting.size();
    }
}
