package dev.bitquark.storage;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A running piece check started by {@link StorageChecker}. {@link #result()} completes with the
 * pieces that verified (among those checked), exceptionally with the {@link StorageException} of
 * an I/O error other than a missing or short file, or with a {@link CancellationException}.
 *
 * <p>Thread-safe; {@link #pause()}, {@link #resume()} and {@link #cancel()} may be called from any
 * thread, including an event loop: they never block or read. Pausing lets the pieces in flight
 * finish and starts no new ones. After {@link #cancel()} the result completes once the pieces in
 * flight are done, so when it completes nothing of the job touches the storage any more.
 * Cancelling the result future itself also stops the job (but completes at once).
 */
public final class CheckJob {
    /** Bytes one task checks before it ends and lets queued work of the pool run (see {@link #checkPieces}). */
    static final long BATCH_BYTES = 16L << 20;

    private final PieceStorage storage;
    private final PieceHasher hasher;
    private final int[] pieces;
    private final Executor executor;
    private final int maxInFlight;
    private final Consumer<CheckProgress> listener;
    private final PayloadMap map;
    private final TorrentGeometry geometry;
    private final CompletableFuture<Bitfield> result = new CompletableFuture<>();
    private final long bytesTotal;

    private final Object lock = new Object();
    // all guarded by lock
    private final Bitfield valid;
    private long[] fileLengths;
    private int next;
    private int inFlight;
    private int done;
    private long bytesDone;
    private boolean paused;
    private boolean cancelled;
    private boolean finished;
    private Throwable failure;
    private CheckProgress progress;

    CheckJob(PieceStorage storage, PieceHasher hasher, int[] pieces, Executor executor, int maxInFlight,
            Consumer<CheckProgress> listener) {
        this.storage = storage;
        this.hasher = hasher;
        this.pieces = pieces;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.listener = listener;
        this.map = new PayloadMap(storage.layout());
        this.geometry = storage.layout().geometry();
        this.valid = new Bitfield(geometry.pieceCount());
        long total = 0;
        for (int p : pieces) {
            total += geometry.pieceSize(p);
        }
        this.bytesTotal = total;
        this.progress = new CheckProgress(0, pieces.length, 0, 0, total);
        result.whenComplete((bits, error) -> {
            if (error instanceof CancellationException) {
                synchronized (lock) {
                    cancelled = true;
                }
            }
        });
    }

    /** Pieces that verified; see the class comment for how it completes. */
    public CompletableFuture<Bitfield> result() {
        return result;
    }

    public CheckProgress progress() {
        synchronized (lock) {
            return progress;
        }
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Starts no new pieces until {@link #resume()}. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            paused = false;
        }
        pump();
    }

    /** Stops the check; the result completes with a {@link CancellationException}. */
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
        }
        pump();
    }

    void start() {
        synchronized (lock) {
            inFlight = 1; // the file stats
        }
        submit(this::statFiles);
    }

    /** One stat per file, so pieces of missing or short files are decided without reads. */
    private void statFiles() {
        long[] lengths = new long[map.fileCount()];
        try {
            for (int f = 0; f < lengths.length; f++) {
                synchronized (lock) {
                    if (cancelled) {
                        break;
                    }
                }
                lengths[f] = lengthOrMissing(f);
            }
        } catch (StorageException | RuntimeException e) {
            fail(e);
            return;
        }
        synchronized (lock) {
            fileLengths = lengths;
            inFlight--;
        }
        pump();
    }

    private long lengthOrMissing(int f) throws StorageException {
        try {
            return storage.fileLength(f);
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.PATH_CONFLICT) {
                return -1; // a directory where the file should be: its pieces are not had
            }
            throw e;
        }
    }

    /** Starts pieces up to the in-flight bound, or finishes the job once nothing is in flight. Never blocks. */
    private void pump() {
        List<Integer> start = new ArrayList<>();
        Bitfield out = null;
        Throwable error = null;
        synchronized (lock) {
            if (finished) {
                return;
            }
            if (cancelled || failure != null) {
                if (inFlight == 0) {
                    finished = true;
                    error = failure != null ? failure : new CancellationException("check cancelled");
                }
            } else {
                while (!paused && fileLengths != null && inFlight < maxInFlight && next < pieces.length) {
                    start.add(pieces[next++]);
                    inFlight++;
                }
                if (fileLengths != null && next == pieces.length && inFlight == 0) {
                    finished = true;
                    out = valid.copy();
                }
            }
        }
        if (error != null || out != null) {
            hasher.releaseBuffers();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(out);
            }
        }
        for (int p : start) {
            submit(() -> checkPieces(p));
        }
    }

    /**
     * Checks {@code first}, then, in the same task, further pieces while the job goes on and the
     * task has read less than {@link #BATCH_BYTES}: one pool dispatch and one buffer per batch
     * instead of per piece (with 256 KiB pieces the dispatch cost a tenth of the hashing), while
     * the bound still hands the thread back to the shared hash pool every few milliseconds.
     */
    private void checkPieces(int first) {
        ByteBuffer buffer = null;
        int piece = first;
        long batch = 0;
        try {
            while (true) {
                boolean ok = false;
                boolean skip;
                Throwable error = null;
                synchronized (lock) {
                    skip = cancelled || failure != null;
                }
                try {
                    if (!skip && isOnDisk(piece)) {
                        if (buffer == null) {
                            buffer = hasher.takeBuffer();
                        }
                        ok = hasher.verify(piece, buffer);
                    }
                } catch (StorageException | RuntimeException | OutOfMemoryError e) { // e.g. no direct buffer memory
                    error = e;
                }
                batch += geometry.pieceSize(piece);
                synchronized (lock) {
                    if (error != null) {
                        failure = failure == null ? error : failure;
                    } else if (!skip) {
                        record(piece, ok);
                        if (batch < BATCH_BYTES && !paused && !cancelled && failure == null && next < pieces.length) {
                            piece = pieces[next++]; // this task keeps its in-flight slot
                            continue;
                        }
                    }
                }
                break;
            }
        } finally {
            if (buffer != null) {
                hasher.giveBack(buffer);
            }
            synchronized (lock) {
                inFlight--;
            }
        }
        pump();
    }

    /** Counts a checked piece and tells the listener; called under the lock. */
    private void record(int piece, boolean ok) {
        if (ok) {
            valid.set(piece);
        }
        done++;
        bytesDone += geometry.pieceSize(piece);
        progress = new CheckProgress(done, pieces.length, valid.cardinality(), bytesDone, bytesTotal);
        if (listener != null && !cancelled) {
            try {
                listener.accept(progress);
            } catch (RuntimeException e) {
                // a faulty listener must not stop the check
            }
        }
    }

    /** True if every file byte of the piece exists on disk (per the stats taken at the start). */
    private boolean isOnDisk(int piece) {
        long pos = geometry.pieceOffset(piece);
        long remaining = geometry.pieceSize(piece);
        long[] lengths;
        synchronized (lock) {
            lengths = fileLengths;
        }
        for (int f = map.fileAt(pos); remaining > 0; f++) {
            long inFile = pos - map.start(f);
            long n = Math.min(remaining, map.length(f) - inFile);
            if (n <= 0) {
                continue;
            }
            if (!map.isPadding(f) && lengths[f] < inFile + n) {
                return false;
            }
            pos += n;
            remaining -= n;
        }
        return true;
    }

    /**
     * Ends a task that failed (or was never run) with {@code error}: no more pieces start and the
     * result completes with the first error once none is in flight.
     */
    private void fail(Throwable error) {
        synchronized (lock) {
            inFlight--; // the task that failed
            if (failure == null) {
                failure = error;
            }
        }
        pump();
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RuntimeException e) { // RejectedExecutionException: the pool is shutting down; the task never runs
            fail(e);
        }
    }
}
