package dev.bitquark.storage;

import dev.bitquark.metainfo.Bitfield;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Initial check and recheck: which pieces of a torrent are on disk with the right hash. Pieces
 * are read once each and hashed in parallel on the given executor (the engine's hash pool), with
 * at most {@code maxInFlight} pieces (and piece buffers) at a time; 2 × the pool's threads keeps
 * every thread busy while one piece per thread waits for the disk. A task goes on with the next
 * pieces in reading order for up to {@link CheckJob#BATCH_BYTES} before it hands its thread back
 * to the pool, so a check costs one dispatch per 16 MiB rather than per piece.
 *
 * <p>Files are examined first (one stat each): a piece touching a missing file, or extending past
 * the end of a short file, is "not had" without reading anything, so checking a torrent that was
 * never downloaded is fast.
 *
 * <p>Stateless and thread-safe. {@code start} never blocks: all work, including the file stats,
 * runs on the executor. See {@link CheckJob} for pausing, cancelling and the result.
 */
public final class StorageChecker {
    private StorageChecker() {}

    /** Checks every piece. */
    public static CheckJob checkAll(PieceStorage storage, byte[] pieceHashes, Executor executor, int maxInFlight,
            Consumer<CheckProgress> listener) {
        int count = storage.layout().geometry().pieceCount();
        int[] pieces = new int[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = i;
        }
        return check(storage, pieceHashes, pieces, executor, maxInFlight, listener);
    }

    /** Checks the pieces set in {@code subset} (e.g. a fast-resume spot check). */
    public static CheckJob check(PieceStorage storage, byte[] pieceHashes, Bitfield subset, Executor executor,
            int maxInFlight, Consumer<CheckProgress> listener) {
        int[] pieces = new int[subset.cardinality()];
        int n = 0;
        for (int p = subset.nextSet(0); p >= 0; p = subset.nextSet(p + 1)) {
            pieces[n++] = p;
        }
        return check(storage, pieceHashes, pieces, executor, maxInFlight, listener);
    }

    /**
     * Checks the given pieces (each at most once is useful; order is the reading order).
     *
     * @param listener told after every piece, from an executor thread, one call at a time, in
     *     increasing order; it must be quick and must not block (it runs under the job's lock)
     * @throws IllegalArgumentException if the hashes do not fit the layout, a piece is out of
     *     range or {@code maxInFlight < 1}
     */
    public static CheckJob check(PieceStorage storage, byte[] pieceHashes, int[] pieces, Executor executor,
            int maxInFlight, Consumer<CheckProgress> listener) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one piece must be allowed in flight, got " + maxInFlight);
        }
        int count = storage.layout().geometry().pieceCount();
        for (int p : pieces) {
            if (p < 0 || p >= count) {
                throw new IllegalArgumentException("piece " + p + " outside 0.." + (count - 1));
            }
        }
        CheckJob job = new CheckJob(storage, new PieceHasher(storage, pieceHashes), pieces.clone(), executor,
                maxInFlight, listener);
        job.start();
        return job;
    }
}
