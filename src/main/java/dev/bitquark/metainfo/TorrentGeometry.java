package dev.bitquark.metainfo;

/**
 * Piece and block arithmetic of one torrent (BEP 3): the payload is cut into pieces of
 * {@code pieceLength} bytes (the last one may be shorter) and every piece into blocks of
 * {@value #BLOCK_SIZE} bytes, the unit of a request (the last block of a piece may be shorter).
 * Immutable and thread-safe. All offsets are payload offsets (files concatenated in order).
 */
public record TorrentGeometry(long totalLength, int pieceLength) {
    /** The request size every client uses; BEP 3 allows more, but peers drop requests above 16 KiB. */
    public static final int BLOCK_SIZE = 16 * 1024;
    /** Upper bound on the piece count we accept (libtorrent's limit is similar); keeps bitfields bounded. */
    public static final int MAX_PIECES = 4 * 1024 * 1024;

    public TorrentGeometry {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
        }
        if (totalLength < 0) {
            throw new IllegalArgumentException("total length must not be negative, got " + totalLength);
        }
        long pieces = ceilDiv(totalLength, pieceLength);
        if (pieces > MAX_PIECES) {
            throw new IllegalArgumentException("too many pieces: " + pieces + " > " + MAX_PIECES);
        }
    }

    public int pieceCount() {
        return (int) ceilDiv(totalLength, pieceLength);
    }

    /** Ceiling division without the overflow of {@code (a + b - 1) / b} near {@code Long.MAX_VALUE}. */
    private static long ceilDiv(long a, int b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    /** Payload offset of the first byte of {@code piece}. */
    public long pieceOffset(int piece) {
        return (long) piece * pieceLength;
    }

    /** Length of {@code piece}: {@link #pieceLength} except for the last piece. */
    public int pieceSize(int piece) {
        checkPiece(piece);
        long remaining = totalLength - pieceOffset(piece);
        return (int) Math.min(pieceLength, remaining);
    }

    public int blocksInPiece(int piece) {
        return (pieceSize(piece) + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /** Length of block {@code block} of {@code piece}. */
    public int blockSize(int piece, int block) {
        int size = pieceSize(piece);
        int begin = block * BLOCK_SIZE;
        if (block < 0 || begin >= size) {
            throw new IllegalArgumentException("block " + block + " outside piece " + piece);
        }
        return Math.min(BLOCK_SIZE, size - begin);
    }

    /** Largest number of blocks any piece has. */
    public int maxBlocksPerPiece() {
        return (pieceLength + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /**
     * True if a request for {@code length} bytes at {@code begin} of {@code piece} lies fully inside
     * the piece and is at most one block long (BEP 3 requests; we refuse larger ones).
     */
    public boolean isValidRequest(int piece, int begin, int length) {
        if (piece < 0 || piece >= pieceCount() || begin < 0 || length <= 0 || length > BLOCK_SIZE) {
            return false;
        }
        return (long) begin + length <= pieceSize(piece);
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " outside 0.." + (pieceCount() - 1));
        }
    }
}
