package dev.bitquark.app.session;

import dev.bitquark.metainfo.InfoHash;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Numbers the state snapshots asked of the engine in the order the engine takes them, so that a
 * snapshot that arrives late (its file times are read on a disk worker, so a later one can overtake
 * it) is never stored over a newer one. {@link #take} may be called from any thread; the other
 * methods only from the store thread.
 */
final class SnapshotOrder {
    /** A snapshot (or the future of one) and its number. */
    record Numbered<T>(long seq, T snapshot) {
    }

    private long last;
    private final Map<InfoHash, Long> stored = new HashMap<>();

    /**
     * Asks for a snapshot and numbers it. The request is made under the numbering lock: requests
     * reach the engine's one context in number order, and it answers them in that order.
     */
    synchronized <T> Numbered<T> take(Supplier<T> request) {
        long n = ++last;
        return new Numbered<>(n, request.get());
    }

    /** True if a snapshot newer than {@code seq} of this torrent is already stored. */
    boolean outdated(InfoHash torrent, long seq) {
        Long newest = stored.get(torrent);
        return newest != null && newest > seq;
    }

    /** The snapshot numbered {@code seq} is in the store. */
    void stored(InfoHash torrent, long seq) {
        stored.merge(torrent, seq, Math::max);
    }

    /** The torrent left the store. */
    void forget(InfoHash torrent) {
        stored.remove(torrent);
    }
}
