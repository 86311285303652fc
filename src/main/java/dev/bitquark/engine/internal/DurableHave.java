package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pieces whose data is known to be on disk, the only ones resume data may claim. A piece is had
 * (and served) as soon as its write completed into the operating system's cache; it becomes durable
 * after the next batched {@code storage.flush()} on a disk worker: at most one flush per second while
 * downloading (from the torrent's tick), and one on pause and on finish. So a crash can lose data,
 * but never leaves a saved "have" bit for data that was lost. Pieces had but not yet durable are
 * saved as "unsynced": a restart after a killed process hashes them again rather than trusting or
 * discarding them, which bounds the progress a kill -9 costs to the pieces still in flight.
 *
 * <p>Invariant: durable ⊆ had. Owned by the engine context; not thread-safe.
 */
final class DurableHave {
    private static final Logger LOG = Logger.getLogger(DurableHave.class.getName());

    /** What the durable set needs from its torrent, and all it may change there. */
    interface Side {
        /** The set changed: resume data is worth saving. */
        void resumeDataChanged();

        /** Whether a failed flush should stop the torrent (it is live and not being removed). */
        boolean live();

        /** Stops the torrent with {@code reason}. */
        void fail(String reason);
    }

    private final Side t;
    private final EngineRuntime rt;
    private final PiecePicker picker;
    private final PieceStorage storage;
    private final String name;
    private final Bitfield durable;
    private final Bitfield pending;
    /** The pieces of the running flush (taken out of {@code pending}); empty when none runs. */
    private final Bitfield flushingBatch;
    private Future<Boolean> flushing;

    DurableHave(EngineRuntime rt, PiecePicker picker, PieceStorage storage, String name, int pieceCount, Side side) {
        this.t = side;
        this.rt = rt;
        this.picker = picker;
        this.storage = storage;
        this.name = name;
        this.durable = new Bitfield(pieceCount);
        this.pending = new Bitfield(pieceCount);
        this.flushingBatch = new Bitfield(pieceCount);
    }

    /** The piece was written (not yet forced): durable after the next flush. */
    void pieceHad(int piece) {
        if (pending.set(piece)) {
            t.resumeDataChanged();
        }
    }

    /** The piece is no longer had (a recheck found it damaged). */
    void pieceLost(int piece) {
        durable.clear(piece);
        pending.clear(piece);
        flushingBatch.clear(piece);
    }

    /** Pieces known durable without a flush: resume data claimed them and a spot check agreed. */
    void trust(Bitfield pieces) {
        for (int p = pieces.nextSet(0); p >= 0; p = pieces.nextSet(p + 1)) {
            if (picker.hasPiece(p)) {
                durable.set(p);
                pending.clear(p);
            }
        }
    }

    Bitfield snapshot() {
        return durable.copy();
    }

    /** Pieces had but not durable yet (waiting for, or in, a flush); disjoint from {@link #snapshot()}. */
    Bitfield unsyncedSnapshot() {
        Bitfield out = new Bitfield(durable.size());
        for (Bitfield from : new Bitfield[] {pending, flushingBatch}) {
            for (int p = from.nextSet(0); p >= 0; p = from.nextSet(p + 1)) {
                if (!durable.get(p) && picker.hasPiece(p)) {
                    out.set(p);
                }
            }
        }
        return out;
    }

    /** True if pieces wait for a flush and none is running (the torrent's tick then starts one). */
    boolean wantsFlush() {
        return !pending.isEmpty() && flushing == null;
    }

    /**
     * Forces every written file to disk, then marks the pieces had before the flush started as
     * durable. Completes with false if the flush failed (never fails itself): the error is reported
     * through the torrent (ERROR while live) and the pieces stay pending. Flushes do not overlap; a
     * call during one runs after it.
     */
    Future<Boolean> flush() {
        if (flushing != null) {
            return flushing.transform(ar -> flush());
        }
        if (pending.isEmpty()) {
            return Future.succeededFuture(true);
        }
        Bitfield batch = pending.copy();
        pending.clearAll();
        for (int p = batch.nextSet(0); p >= 0; p = batch.nextSet(p + 1)) {
            flushingBatch.set(p);
        }
        Promise<Boolean> done = Promise.promise();
        flushing = done.future();
        long started = rt.now();
        LOG.log(Level.FINE, () -> name + ": flushing " + batch.cardinality() + " pieces");
        rt.onDisk(() -> {
            storage.flush();
            return null;
        }).onComplete(ar -> {
            flushing = null;
            flushingBatch.clearAll();
            if (ar.succeeded()) {
                int added = 0;
                for (int p = batch.nextSet(0); p >= 0; p = batch.nextSet(p + 1)) {
                    // A recheck may have dropped the piece meanwhile: durable stays within had.
                    if (picker.hasPiece(p) && durable.set(p)) {
                        added++;
                    }
                }
                if (added > 0) {
                    t.resumeDataChanged();
                }
                int count = added;
                LOG.log(Level.FINE, () -> name + ": flushed " + count + " pieces to disk in "
                        + (rt.now() - started) + " ms");
            } else {
                for (int p = batch.nextSet(0); p >= 0; p = batch.nextSet(p + 1)) {
                    if (picker.hasPiece(p) && !durable.get(p)) {
                        pending.set(p);
                    }
                }
                Throwable e = ar.cause();
                if (t.live()) {
                    t.fail("flushing to disk failed: "
                            + (e instanceof StorageException se ? StorageErrors.describe(se) : String.valueOf(e)));
                } else {
                    LOG.log(Level.FINE, "{0}: flush failed: {1}", new Object[] {name, e});
                }
            }
            done.complete(ar.succeeded());
        });
        return done.future();
    }
}
