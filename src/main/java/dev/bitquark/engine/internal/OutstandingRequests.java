package dev.bitquark.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The requests we sent one peer and have not had answered, with the two stall checks built on them:
 * <ul>
 *   <li>snubbed: the peer had requests outstanding and delivered no block for {@code snubAfterMillis}. The flag
 *       sticks until a block arrives; choking ({@link Choker}) and picking ({@link PiecePicker}) treat snubbed
 *       peers as unreliable.</li>
 *   <li>timeout: after {@code timeoutMillis} without a block, {@link #expire} hands every outstanding request
 *       back so the engine can return the blocks to the picker ({@link PiecePicker#onBlockRejected}) and other
 *       peers can fetch them.</li>
 * </ul>
 * Both measure time since the peer last made progress, not since a request was sent: requests queue up at the
 * peer, and a slow peer working through a deep pipeline is not stalled.
 *
 * <p>Time is passed in as milliseconds of a monotonic clock. Not thread-safe: owned by one connection on the
 * engine context.
 */
public final class OutstandingRequests {
    public static final long DEFAULT_SNUB_MILLIS = 60_000;
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000;

    private final long snubAfterMillis;
    private final long timeoutMillis;
    private final LinkedHashSet<BlockRequest> pending = new LinkedHashSet<>();
    /** Last block from the peer, or when we started waiting (first request after an idle period). */
    private long progressMillis;
    private boolean snubbed;

    public OutstandingRequests() {
        this(DEFAULT_SNUB_MILLIS, DEFAULT_TIMEOUT_MILLIS);
    }

    public OutstandingRequests(long snubAfterMillis, long timeoutMillis) {
        if (snubAfterMillis <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("snub and timeout periods must be positive, got "
                    + snubAfterMillis + " and " + timeoutMillis + " ms");
        }
        this.snubAfterMillis = snubAfterMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** We sent {@code request}. Returns false if it was already outstanding. */
    public boolean sent(BlockRequest request, long nowMillis) {
        if (pending.isEmpty()) {
            progressMillis = nowMillis;
        }
        return pending.add(request);
    }

    /**
     * A block arrived from the peer. Any block counts as progress (even one we no longer expected) and lifts a
     * snub. Returns true if it answered an outstanding request.
     */
    public boolean received(int piece, int begin, int length, long nowMillis) {
        progressMillis = nowMillis;
        snubbed = false;
        return piece >= 0 && begin >= 0 && length > 0 && pending.remove(new BlockRequest(piece, begin, length));
    }

    /** The request is gone without data (BEP 6 reject, or we cancelled it). Returns false if it was not pending. */
    public boolean remove(int piece, int begin, int length) {
        return piece >= 0 && begin >= 0 && length > 0 && pending.remove(new BlockRequest(piece, begin, length));
    }

    public boolean contains(BlockRequest request) {
        return pending.contains(request);
    }

    public int size() {
        return pending.size();
    }

    /** The outstanding requests, oldest first. */
    public List<BlockRequest> snapshot() {
        return new ArrayList<>(pending);
    }

    public boolean isSnubbed(long nowMillis) {
        if (!snubbed && !pending.isEmpty() && nowMillis - progressMillis >= snubAfterMillis) {
            snubbed = true;
        }
        return snubbed;
    }

    /**
     * If the peer has been stalled for the timeout, moves every outstanding request to {@code out} (to be returned
     * to the picker and cancelled at the peer) and marks the peer snubbed. Returns how many.
     */
    public int expire(long nowMillis, List<BlockRequest> out) {
        if (pending.isEmpty() || nowMillis - progressMillis < timeoutMillis) {
            return 0;
        }
        snubbed = true;
        return clear(out);
    }

    /** Moves every outstanding request to {@code out} (choke without BEP 6, or disconnect). Returns how many. */
    public int clear(List<BlockRequest> out) {
        int n = pending.size();
        out.addAll(pending);
        pending.clear();
        return n;
    }
}
