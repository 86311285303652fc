package dev.bitquark.engine.internal;

import dev.bitquark.engine.FileStream;
import dev.bitquark.engine.StreamException;
import dev.bitquark.engine.StreamException.Kind;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open {@link FileStream}s of one torrent: their waiting reads and their deadlines ({@link StreamPriorities},
 * which also prioritizes the first and last piece of every selected file). A wait completes when the last piece
 * of its range becomes had ({@link #pieceHad}); it fails when the bytes cannot arrive any more: the torrent stops
 * ({@link #stateChanged}), the file is deselected ({@link #selectionChanged}), or the torrent leaves the engine
 * ({@link #closeAll}). Bounded: {@link FileStream#MAX_STREAMS_PER_TORRENT} streams, one waiting read each.
 *
 * <p>Runs on the engine context; not thread-safe. Disk reads run on the disk pool.
 */
final class Streams {
    /** What streams need from their torrent: its selection and whether (and why) it is stopped. */
    interface Side {
        boolean isSelected(int file);

        TorrentState state();

        /** The reason of an ERROR state, or null. */
        String error();

        boolean removed();
    }

    private final Side t;
    private final EngineRuntime rt;
    private final Metainfo meta;
    private final TorrentGeometry geometry;
    private final PiecePicker picker;
    private final PieceStorage storage;
    private final StreamPriorities priorities;
    private final Map<Integer, Reader> readers = new LinkedHashMap<>();
    private int nextId = 1;

    private static final class Reader {
        final int id;
        final int file;
        final long readAhead;
        /** The pending wait and its payload range [from, to), or null. */
        Promise<Void> waiting;
        long from;
        long to;
        /** First piece of the waited range not known to be had: pieceHad looks further only when it arrives. */
        int cursor;

        Reader(int id, int file, long readAhead) {
            this.id = id;
            this.file = file;
            this.readAhead = readAhead;
        }
    }

    Streams(EngineRuntime rt, Metainfo meta, PiecePicker picker, PieceStorage storage, Side side) {
        this.t = side;
        this.rt = rt;
        this.meta = meta;
        this.geometry = meta.geometry();
        this.picker = picker;
        this.storage = storage;
        this.priorities = new StreamPriorities(geometry, meta.files());
    }

    /** Opens a stream of {@code file}; returns its id. */
    int open(int file, long readAhead) {
        FileEntry f = file(file);
        if (readAhead < 0) {
            throw new IllegalArgumentException("read-ahead must not be negative: " + readAhead);
        }
        if (t.removed()) {
            throw new StreamException(Kind.TORRENT_REMOVED, "torrent " + meta.name() + " was removed");
        }
        if (!t.isSelected(file)) {
            throw skipped(f);
        }
        if (readers.size() >= FileStream.MAX_STREAMS_PER_TORRENT) {
            throw new StreamException(Kind.TOO_MANY_STREAMS, "torrent " + meta.name() + " already has "
                    + FileStream.MAX_STREAMS_PER_TORRENT + " open streams");
        }
        Reader r = new Reader(nextId++, file, readAhead);
        readers.put(r.id, r);
        return r.id;
    }

    /** Completes once bytes {@code offset .. offset+length-1} of the stream's file are had. */
    Future<Void> await(int id, long offset, long length) {
        Reader r = reader(id);
        FileEntry f = file(r.file);
        if (offset < 0 || length < 0 || offset > f.length() - length) {
            throw new IllegalArgumentException("bytes " + offset + " (+" + length + ") outside " + f.displayPath()
                    + " of " + f.length() + " bytes");
        }
        if (r.waiting != null) {
            throw new IllegalStateException("a read is already waiting on this stream of " + f.displayPath());
        }
        if (!t.isSelected(r.file)) {
            return Future.failedFuture(skipped(f));
        }
        if (priorities.setWindow(r.id, r.file, offset, length, r.readAhead)) {
            priorities.apply(picker, false);
        }
        long from = f.offset() + offset;
        long to = from + length;
        r.from = from;
        r.to = to;
        r.cursor = pieceAt(from);
        if (advance(r)) {
            return Future.succeededFuture();
        }
        String stopped = stoppedReason();
        if (stopped != null) {
            return Future.failedFuture(new StreamException(Kind.TORRENT_STOPPED, stopped + ": bytes " + offset + ".."
                    + (offset + length - 1) + " of " + f.displayPath() + " are not downloaded yet"));
        }
        r.waiting = Promise.promise();
        return r.waiting.future();
    }

    /**
     * Fails at once, without waiting, if bytes {@code offset .. offset+length-1} cannot all arrive: the file is
     * skipped, or the torrent is stopped (paused or failed) and one of the range's pieces is not had. A server
     * asks this before it sends a status line, so that a stream it starts can be served to its end (a later
     * failure can only cut the connection).
     */
    void reachable(int id, long offset, long length) {
        Reader r = reader(id);
        FileEntry f = file(r.file);
        if (offset < 0 || length < 0 || offset > f.length() - length) {
            throw new IllegalArgumentException("bytes " + offset + " (+" + length + ") outside " + f.displayPath()
                    + " of " + f.length() + " bytes");
        }
        if (!t.isSelected(r.file)) {
            throw skipped(f);
        }
        String stopped = stoppedReason();
        if (stopped == null || length == 0) {
            return;
        }
        long from = f.offset() + offset;
        for (int p = pieceAt(from), last = pieceAt(from + length - 1); p <= last; p++) {
            if (!picker.hasPiece(p)) {
                long missingFrom = Math.max(offset, (long) p * geometry.pieceLength() - f.offset());
                throw new StreamException(Kind.TORRENT_STOPPED, stopped + ": bytes " + missingFrom + ".."
                        + (offset + length - 1) + " of " + f.displayPath() + " are not all downloaded;"
                        + " resume it to stream them");
            }
        }
    }

    /** Waits like {@link #await}, then reads the bytes on a disk worker. */
    Future<Buffer> read(int id, long offset, int length) {
        if (length < 0 || length > FileStream.MAX_READ) {
            throw new IllegalArgumentException("read of " + length + " bytes; at most " + FileStream.MAX_READ);
        }
        FileEntry f = file(reader(id).file);
        return await(id, offset, length).compose(v -> readNow(f.offset() + offset, length));
    }

    private Future<Buffer> readNow(long from, int length) {
        if (length == 0) {
            return Future.succeededFuture(Buffer.buffer());
        }
        int pieceLength = geometry.pieceLength();
        return rt.<Buffer>onDisk(() -> {
            byte[] data = new byte[length];
            ByteBuffer dst = ByteBuffer.wrap(data);
            for (long pos = from; dst.hasRemaining(); ) {
                int piece = (int) (pos / pieceLength);
                int begin = (int) (pos - (long) piece * pieceLength);
                int n = Math.min(dst.remaining(), geometry.pieceSize(piece) - begin);
                storage.readBlock(piece, begin, n, dst);
                pos += n;
            }
            return Buffer.buffer(data);
        }).recover(e -> Future.failedFuture(e instanceof StorageException se
                ? se.kind() == StorageException.Kind.CLOSED
                        ? new StreamException(Kind.TORRENT_REMOVED, "torrent " + meta.name() + " was removed")
                        : new StreamException(Kind.READ_FAILED, StorageErrors.describe(se))
                : e));
    }

    /** Closes a stream: its deadlines go, its waiting read fails. Unknown ids are ignored. */
    void close(int id) {
        Reader r = readers.remove(id);
        if (r == null) {
            return;
        }
        fail(r, new StreamException(Kind.CLOSED, "stream closed"));
        if (priorities.removeWindow(id)) {
            priorities.apply(picker, false);
        }
    }

    /**
     * A piece became had (downloaded, or found by a check): waits it completes are resumed. Only the piece a
     * wait's cursor stands on makes it look further, so a wait costs O(its pieces) over its whole life.
     */
    void pieceHad(int piece) {
        for (Reader r : readers.isEmpty() ? List.<Reader>of() : new ArrayList<>(readers.values())) {
            if (r.waiting != null && piece == r.cursor && advance(r)) {
                Promise<Void> p = r.waiting;
                r.waiting = null;
                p.complete();
            }
        }
    }

    /**
     * Moves the reader's cursor over had pieces; true once every piece of its range is had. A final pass from the
     * start catches a piece lost behind the cursor (a recheck found it damaged); the cursor then goes back to it.
     */
    private boolean advance(Reader r) {
        if (r.to <= r.from) {
            return true;
        }
        int last = pieceAt(r.to - 1);
        while (r.cursor <= last && picker.hasPiece(r.cursor)) {
            r.cursor++;
        }
        if (r.cursor <= last) {
            return false;
        }
        for (int p = pieceAt(r.from); p <= last; p++) {
            if (!picker.hasPiece(p)) {
                r.cursor = p;
                return false;
            }
        }
        return true;
    }

    private int pieceAt(long payloadOffset) {
        return (int) (payloadOffset / geometry.pieceLength());
    }

    /** Paused or failed: waiting reads end (their bytes will not come); reads of had bytes still work. */
    void stateChanged(TorrentState state) {
        String reason = stoppedReason();
        if (reason != null && (state == TorrentState.PAUSED || state == TorrentState.ERROR)) {
            failAll(new StreamException(Kind.TORRENT_STOPPED, reason));
        }
    }

    /** File priorities changed: streams of skipped files fail their waits; file edges are prioritized again. */
    void selectionChanged() {
        for (Reader r : readers.values()) {
            if (!t.isSelected(r.file)) {
                fail(r, skipped(file(r.file)));
                priorities.removeWindow(r.id);
            }
        }
        priorities.setSelection(selected());
        priorities.apply(picker, false);
    }

    /** Live (again): after a check the had set may have changed, so every deadline is set again. */
    void wentLive() {
        priorities.setSelection(selected());
        priorities.apply(picker, true);
    }

    /** The torrent leaves the engine (removal, shutdown): every stream ends. */
    void closeAll(String reason) {
        failAll(new StreamException(Kind.TORRENT_REMOVED, reason));
        for (int id : new ArrayList<>(readers.keySet())) {
            priorities.removeWindow(id);
        }
        readers.clear();
    }

    int openCount() {
        return readers.size();
    }

    private void failAll(StreamException e) {
        for (Reader r : new ArrayList<>(readers.values())) {
            fail(r, e);
        }
    }

    private static void fail(Reader r, StreamException e) {
        Promise<Void> p = r.waiting;
        r.waiting = null;
        if (p != null) {
            p.fail(e);
        }
    }

    private boolean[] selected() {
        boolean[] out = new boolean[meta.files().size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = t.isSelected(f);
        }
        return out;
    }

    /** Why missing bytes cannot arrive now, or null while the torrent is live or checking. */
    private String stoppedReason() {
        if (t.removed()) {
            return "torrent " + meta.name() + " was removed";
        }
        return switch (t.state()) {
            case PAUSED -> "torrent " + meta.name() + " is paused";
            case ERROR -> "torrent " + meta.name() + " stopped with an error (" + t.error() + ")";
            default -> null;
        };
    }

    private Reader reader(int id) {
        Reader r = readers.get(id);
        if (r == null) {
            throw t.removed() ? new StreamException(Kind.TORRENT_REMOVED, "torrent " + meta.name() + " was removed")
                    : new StreamException(Kind.CLOSED, "stream closed");
        }
        return r;
    }

    private FileEntry file(int index) {
        List<FileEntry> files = meta.files();
        if (index < 0 || index >= files.size()) {
            throw new IllegalArgumentException("file " + index + " outside 0.." + (files.size() - 1));
        }
        FileEntry f = files.get(index);
        if (f.padding()) {
            throw new IllegalArgumentException("file " + index + " is BEP 47 padding, not part of the content");
        }
        return f;
    }

    private StreamException skipped(FileEntry f) {
        return new StreamException(Kind.FILE_SKIPPED, f.displayPath() + " (file " + f.index()
                + ") is skipped; give it a priority above skip to stream it");
    }
}
