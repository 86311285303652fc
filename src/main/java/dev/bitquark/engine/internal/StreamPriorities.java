package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pieces of one torrent get a streaming deadline in its {@link PiecePicker}, and with what rank:
 * <ul>
 *   <li>each reader's window: the pieces from the one holding its read position over the bytes it reads plus the
 *       read-ahead (at least {@value #MIN_READ_AHEAD_PIECES} pieces), clipped to its file; rank 0 for the piece at
 *       the read position, 1 for the next, ... The window moves with every read; a closed reader's window is
 *       dropped.</li>
 *   <li>the first and the last piece of every selected file ({@link #EDGE_RANK}, after every window): media
 *       players read a file's header first and often its index at the end (MP4 {@code moov}, Matroska cues) before
 *       playing. Capped at {@value #MAX_EDGE_FILES} files, so a torrent of thousands of small files does not turn
 *       into one long deadline list.</li>
 * </ul>
 * A piece in several of these gets the lowest rank. {@link #apply} hands the differences to the picker, which
 * drops a piece's deadline by itself once the piece is had.
 *
 * <p>Owned by one torrent on the engine context; not thread-safe.
 */
final class StreamPriorities {
    /** Rank of a selected file's first piece; its last piece gets one more. Every window rank is lower. */
    static final int EDGE_RANK = 1 << 24;
    static final int MAX_EDGE_FILES = 256;
    static final int MIN_READ_AHEAD_PIECES = 4;
    /** A window never spans more pieces than this (a huge awaited range downloads the rest normally). */
    static final int MAX_WINDOW_PIECES = 4096;

    private record Window(int first, int last) {
    }

    private final TorrentGeometry geometry;
    private final List<FileEntry> files;
    private final Map<Integer, Integer> edges = new HashMap<>();
    private final Map<Integer, Window> windows = new LinkedHashMap<>();
    /** Deadlines handed to the picker (piece to rank). */
    private final Map<Integer, Integer> applied = new HashMap<>();
    private boolean dirty;

    StreamPriorities(TorrentGeometry geometry, List<FileEntry> files) {
        this.geometry = geometry;
        this.files = files;
    }

    /** The selection changed ({@code selected[f]}: file f is wanted, not skipped and not padding). */
    void setSelection(boolean[] selected) {
        edges.clear();
        int counted = 0;
        for (FileEntry f : files) {
            if (counted >= MAX_EDGE_FILES) {
                break;
            }
            if (!selected[f.index()] || f.length() == 0) {
                continue;
            }
            counted++;
            edges.merge(pieceAt(f.offset()), EDGE_RANK, Math::min);
            edges.merge(pieceAt(f.offset() + f.length() - 1), EDGE_RANK + 1, Math::min);
        }
        dirty = true;
    }

    /**
     * Reader {@code reader} reads {@code length} bytes of {@code file} at {@code offset}: its window covers them
     * and {@code readAhead} bytes from {@code offset} (at least {@value #MIN_READ_AHEAD_PIECES} pieces), within
     * the file. Returns false if the window did not move.
     */
    boolean setWindow(int reader, int file, long offset, long length, long readAhead) {
        FileEntry f = files.get(file);
        if (f.length() == 0) {
            return removeWindow(reader);
        }
        long ahead = Math.max(readAhead, (long) MIN_READ_AHEAD_PIECES * geometry.pieceLength());
        long start = f.offset() + Math.min(offset, f.length() - 1);
        long end = f.offset() + Math.min(f.length(), offset + Math.max(length, ahead)) - 1;
        int first = pieceAt(start);
        int last = Math.min(Math.max(first, pieceAt(end)), first + MAX_WINDOW_PIECES - 1);
        Window w = new Window(first, last);
        if (w.equals(windows.put(reader, w))) {
            return false;
        }
        dirty = true;
        return true;
    }

    /** The reader is gone: its window no longer counts. Returns false if it had none. */
    boolean removeWindow(int reader) {
        if (windows.remove(reader) == null) {
            return false;
        }
        dirty = true;
        return true;
    }

    /** Every deadline wanted now: piece to rank. */
    Map<Integer, Integer> desired() {
        Map<Integer, Integer> out = new HashMap<>(edges);
        for (Window w : windows.values()) {
            for (int p = w.first; p <= w.last; p++) {
                out.merge(p, p - w.first, Math::min);
            }
        }
        return out;
    }

    /**
     * Brings the picker's deadlines in line with {@link #desired}: sets new and changed ones, clears those no
     * longer wanted, skips had pieces. {@code force} sets every one again (after a check, pieces may have lost
     * their had state, and with it their deadline). Does nothing if nothing changed since the last call.
     */
    void apply(PiecePicker picker, boolean force) {
        if (!dirty && !force) {
            return;
        }
        dirty = false;
        Map<Integer, Integer> want = desired();
        for (Iterator<Map.Entry<Integer, Integer>> it = applied.entrySet().iterator(); it.hasNext(); ) {
            int piece = it.next().getKey();
            if (!want.containsKey(piece)) {
                picker.clearPieceDeadline(piece);
                it.remove();
            }
        }
        for (Map.Entry<Integer, Integer> e : want.entrySet()) {
            int piece = e.getKey();
            int rank = e.getValue();
            if (picker.hasPiece(piece)) {
                applied.remove(piece);
                continue;
            }
            Integer old = applied.put(piece, rank);
            if (force || old == null || old != rank) {
                picker.setPieceDeadline(piece, rank);
            }
        }
    }

    private int pieceAt(long payloadOffset) {
        return (int) (payloadOffset / geometry.pieceLength());
    }
}
