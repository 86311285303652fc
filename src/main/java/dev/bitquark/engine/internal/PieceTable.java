package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The bookkeeping behind {@link PiecePicker}: per piece its priority, availability and had flag, the open pieces
 * with their block states, the fresh-piece indexes, and the wanted totals. Keeps one invariant: a piece is in
 * {@link #fresh} exactly when it is wanted (priority above skip), not had and not open. Every operation is O(1)
 * per piece. Owned by one {@link PiecePicker}; not thread-safe.
 */
final class PieceTable {
    final TorrentGeometry geometry;
    final int pieceCount;
    final int maxRequesters;
    final byte[] priority;
    /** Non-seed peers that have each piece; seeds are counted once in {@link #seeds}. */
    final int[] availability;
    int seeds;
    final Bitfield have;
    final OpenPiece[] open;
    /** Open pieces in opening order. */
    final Set<OpenPiece> openPieces = new LinkedHashSet<>();
    /** Open pieces with at least one NONE block, oldest first. */
    final TreeSet<OpenPiece> withFree = new TreeSet<>(Comparator.comparingLong(p -> p.seq));
    final FreshPieces fresh;
    int wantedPiecesLeft;
    long wantedBytesLeft;
    /** No piece is started while this many are open (the engine's piece-buffer back-pressure). */
    int maxOpenPieces = Integer.MAX_VALUE;
    private long openSeq;

    PieceTable(TorrentGeometry geometry, RandomGenerator random, int maxRequesters) {
        this.geometry = geometry;
        this.pieceCount = geometry.pieceCount();
        this.maxRequesters = maxRequesters;
        this.priority = new byte[pieceCount];
        this.availability = new int[pieceCount];
        this.have = new Bitfield(pieceCount);
        this.open = new OpenPiece[pieceCount];
        this.fresh = new FreshPieces(pieceCount, random);
        for (int i = 0; i < pieceCount; i++) {
            priority[i] = (byte) Priority.NORMAL.level();
            fresh.add(i, priority[i], 0);
        }
        this.wantedPiecesLeft = pieceCount;
        this.wantedBytesLeft = geometry.totalLength();
    }

    boolean isWanted(int piece) {
        return priority[piece] > 0 && !have.get(piece);
    }

    void changeAvailability(int piece, int delta) {
        int old = availability[piece];
        // Never below zero even if the engine reports a loss it never reported as a gain: rarity is a hint.
        int now = Math.max(0, old + delta);
        if (now == old) {
            return;
        }
        availability[piece] = now;
        if (fresh.contains(piece)) {
            fresh.move(piece, priority[piece], old, now);
        }
    }

    void setPriority(int piece, int level) {
        int old = priority[piece];
        if (old == level) {
            return;
        }
        if (fresh.contains(piece)) {
            fresh.remove(piece, old, availability[piece]);
        }
        priority[piece] = (byte) level;
        if (have.get(piece)) {
            return;
        }
        if (old == 0) {
            wantedPiecesLeft++;
            wantedBytesLeft += geometry.pieceSize(piece);
        } else if (level == 0) {
            wantedPiecesLeft--;
            wantedBytesLeft -= geometry.pieceSize(piece);
        }
        if (level > 0 && open[piece] == null) {
            fresh.add(piece, level, availability[piece]);
        }
    }

    /** Returns false if the piece was had already. */
    boolean markHave(int piece) {
        if (!have.set(piece)) {
            return false;
        }
        OpenPiece op = open[piece];
        if (op != null) {
            closePiece(op);
        }
        if (fresh.contains(piece)) {
            fresh.remove(piece, priority[piece], availability[piece]);
        }
        if (priority[piece] > 0) {
            wantedPiecesLeft--;
            wantedBytesLeft -= geometry.pieceSize(piece);
        }
        return true;
    }

    /** Undoes {@link #markHave}: the piece is wanted again if its priority allows. Returns false if it was not had. */
    boolean clearHave(int piece) {
        if (!have.clear(piece)) {
            return false;
        }
        if (priority[piece] > 0) {
            wantedPiecesLeft++;
            wantedBytesLeft += geometry.pieceSize(piece);
            fresh.add(piece, priority[piece], availability[piece]);
        }
        return true;
    }

    OpenPiece openPiece(int piece) {
        if (fresh.contains(piece)) {
            fresh.remove(piece, priority[piece], availability[piece]);
        }
        OpenPiece op = new OpenPiece(piece, openSeq++, geometry.blocksInPiece(piece), maxRequesters);
        open[piece] = op;
        openPieces.add(op);
        return op;
    }

    boolean canOpen() {
        return openPieces.size() < maxOpenPieces;
    }

    /** Opens {@code piece} and requests its free blocks from {@code key}, up to {@code max}. */
    int startPiece(int piece, int key, int max, List<BlockRequest> out) {
        OpenPiece op = openPiece(piece);
        int taken = takeFree(op, key, max, out);
        syncFree(op);
        return taken;
    }

    /** Requests free blocks of an open piece from {@code key}, up to {@code max}; the caller syncs {@link #withFree}. */
    int takeFree(OpenPiece op, int key, int max, List<BlockRequest> out) {
        int taken = 0;
        for (int b = op.firstFree(); b >= 0 && taken < max; b = op.firstFree()) {
            op.request(b, key);
            out.add(request(op.piece, b));
            taken++;
        }
        return taken;
    }

    BlockRequest request(int piece, int block) {
        return new BlockRequest(piece, block * TorrentGeometry.BLOCK_SIZE, geometry.blockSize(piece, block));
    }

    /** Drops the block state; the piece becomes fresh again if still wanted. */
    void closePiece(OpenPiece op) {
        open[op.piece] = null;
        openPieces.remove(op);
        withFree.remove(op);
        if (isWanted(op.piece)) {
            fresh.add(op.piece, priority[op.piece], availability[op.piece]);
        }
    }

    /** A piece whose requests were all lost before any data came is fresh again (and ranked by rarity again). */
    void closeIfUntouched(OpenPiece op) {
        if (op.requested == 0 && op.received == 0 && open[op.piece] == op) {
            closePiece(op);
        }
    }

    /** Puts the piece in {@link #withFree} exactly when it is open and has a NONE block. */
    void syncFree(OpenPiece op) {
        if (op.none > 0 && open[op.piece] == op) {
            withFree.add(op);
        } else {
            withFree.remove(op);
        }
    }

    /**
     * Per-piece priority levels from file priorities: a piece gets the highest priority of the files it touches.
     * {@code fileLengths} are the torrent's files in order and must add up to the total length.
     */
    static byte[] pieceLevels(TorrentGeometry geometry, long[] fileLengths, Priority[] priorities) {
        if (fileLengths.length != priorities.length) {
            throw new IllegalArgumentException(
                    fileLengths.length + " file lengths but " + priorities.length + " priorities");
        }
        byte[] levels = new byte[geometry.pieceCount()];
        long offset = 0;
        int pieceLength = geometry.pieceLength();
        for (int f = 0; f < fileLengths.length; f++) {
            long length = fileLengths[f];
            if (length < 0 || length > geometry.totalLength() - offset) {
                throw new IllegalArgumentException("file " + f + " (length " + length + ") exceeds the torrent");
            }
            if (length > 0) {
                int level = priorities[f].level();
                int last = (int) ((offset + length - 1) / pieceLength);
                for (int p = (int) (offset / pieceLength); p <= last; p++) {
                    levels[p] = (byte) Math.max(levels[p], level);
                }
            }
            offset += length;
        }
        if (offset != geometry.totalLength()) {
            throw new IllegalArgumentException(
                    "file lengths add up to " + offset + ", torrent is " + geometry.totalLength());
        }
        return levels;
    }

    void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException("piece " + piece + " outside 0.." + (pieceCount - 1));
        }
    }

    void checkBlock(int piece, int block) {
        checkPiece(piece);
        if (block < 0 || block >= geometry.blocksInPiece(piece)) {
            throw new IllegalArgumentException("block " + block + " outside piece " + piece);
        }
    }
}
