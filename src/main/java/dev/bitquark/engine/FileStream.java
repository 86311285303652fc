package dev.bitquark.engine;

import dev.bitquark.engine.internal.Torrent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;

/**
 * A reader of one file of a torrent, also while the torrent is downloading (HTTP streaming). Open it with
 * {@link TorrentHandle#openStream}, close it when the reader goes away.
 *
 * <p>Every wait or read moves this stream's window: the pieces holding the requested bytes, and the read-ahead
 * after them, get streaming deadlines, so they are downloaded before every other piece (lowest first). A read
 * completes once those pieces are verified and written (HAVE), then reads the bytes on a disk worker. Closing drops
 * the deadlines and fails a waiting read with {@link StreamException.Kind#CLOSED}.
 *
 * <p>A wait fails with a {@link StreamException} when the bytes cannot arrive: the file is deselected
 * ({@code FILE_SKIPPED}), the torrent is paused or failed ({@code TORRENT_STOPPED}; bytes already downloaded are
 * still readable then), or removed ({@code TORRENT_REMOVED}). It never times out on its own: a reader that gives up
 * closes the stream.
 *
 * <p>Thread-safe: every call hops onto the engine context and returns a future completed there. At most one wait
 * or read may be pending at a time (a second one fails with {@link IllegalStateException}).
 */
public final class FileStream {
    /** Largest single read: a reader reads a file in bounded blocks. */
    public static final int MAX_READ = 1 << 20;
    /** Open streams per torrent; more fail with {@link StreamException.Kind#TOO_MANY_STREAMS}. */
    public static final int MAX_STREAMS_PER_TORRENT = 16;
    /** Read-ahead when none is given; the window is at least 4 pieces in any case. */
    public static final long DEFAULT_READ_AHEAD = 8L << 20;

    private final Context context;
    private final Torrent torrent;
    private final int id;
    private final int fileIndex;
    private final long length;

    FileStream(Context context, Torrent torrent, int id, int fileIndex) {
        this.context = context;
        this.torrent = torrent;
        this.id = id;
        this.fileIndex = fileIndex;
        this.length = torrent.metainfo().files().get(fileIndex).length();
    }

    public int fileIndex() {
        return fileIndex;
    }

    /** The file's size in bytes. */
    public long length() {
        return length;
    }

    /**
     * Completes once the bytes {@code offset .. offset+length-1} of the file are downloaded and verified, giving
     * their pieces (and the read-ahead) deadlines meanwhile.
     *
     * @throws EngineException (failing the future) {@code INVALID_ARGUMENT} if the range is not inside the file
     */
    public Future<Void> awaitRange(long offset, long length) {
        return call(() -> torrent.awaitStream(id, offset, length));
    }

    /**
     * Completes at once: fails with a {@link StreamException} if the bytes {@code offset .. offset+length-1} cannot
     * all arrive now ({@code FILE_SKIPPED}; {@code TORRENT_STOPPED} when the torrent is paused or failed and some of
     * them are not downloaded), succeeds otherwise. Ask before promising a client the whole range.
     */
    public Future<Void> reachable(long offset, long length) {
        return call(() -> {
            torrent.checkStreamReachable(id, offset, length);
            return Future.succeededFuture();
        });
    }

    /**
     * Waits like {@link #awaitRange}, then reads the bytes from disk.
     *
     * @param length at most {@link #MAX_READ} bytes
     */
    public Future<Buffer> read(long offset, int length) {
        return call(() -> torrent.readStream(id, offset, length));
    }

    /** Drops this stream's deadlines and fails its waiting read. Idempotent. */
    public Future<Void> close() {
        return call(() -> {
            torrent.closeStream(id);
            return Future.succeededFuture();
        });
    }

    private <T> Future<T> call(Supplier<Future<T>> action) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }
}
