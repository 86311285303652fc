package dev.bitquark.wire;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;

/**
 * The checks of decoded messages that need the torrent's geometry, which the
 * {@link FrameDecoder} does not know. The engine calls them from its {@link MessageHandler};
 * each throws {@link WireException} naming the message and the offending value. Stateless and
 * thread-safe.
 */
public final class WireChecks {
    private WireChecks() {
    }

    /**
     * Copies a received bitfield (BEP 3): exactly ceil(pieceCount / 8) bytes with the spare bits
     * at the end clear. Leaves {@code bits}' position unchanged.
     */
    public static Bitfield bitfield(ByteBuffer bits, int pieceCount) {
        int expected = Bitfield.byteLength(pieceCount);
        if (bits.remaining() != expected) {
            throw new WireException("bitfield: " + bits.remaining() + " bytes, expected " + expected
                    + " for " + pieceCount + " pieces");
        }
        byte[] wire = new byte[expected];
        bits.duplicate().get(wire);
        int spare = expected * 8 - pieceCount;
        if (spare > 0 && (wire[expected - 1] & ((1 << spare) - 1)) != 0) {
            throw new WireException("bitfield: spare bits set in last byte 0x"
                    + Integer.toHexString(wire[expected - 1] & 0xFF) + " for " + pieceCount + " pieces");
        }
        return Bitfield.fromBytes(wire, pieceCount);
    }

    /** {@code piece} is an index of a torrent with {@code pieceCount} pieces ({@code what}: message name). */
    public static void checkPiece(String what, int piece, int pieceCount) {
        if (piece < 0 || piece >= pieceCount) {
            throw new WireException(what + ": piece " + piece + " outside 0.." + (pieceCount - 1));
        }
    }

    /**
     * A request, cancel or reject names 1..16 KiB inside one piece (BEP 3 lets a request be
     * larger, but every client drops such requests and so do we).
     */
    public static void checkBlockRef(String what, TorrentGeometry geometry, int piece, int begin, int length) {
        checkPiece(what, piece, geometry.pieceCount());
        if (length <= 0 || length > TorrentGeometry.BLOCK_SIZE) {
            throw new WireException(what + ": length " + length + " outside 1.." + TorrentGeometry.BLOCK_SIZE);
        }
        checkInsidePiece(what, geometry, piece, begin, length);
    }

    /** A received block (piece message) lies inside its piece and is not empty. */
    public static void checkBlock(TorrentGeometry geometry, int piece, int begin, int length) {
        checkPiece("piece", piece, geometry.pieceCount());
        if (length == 0) {
            throw new WireException("piece: empty block at piece " + piece + " begin " + begin);
        }
        checkInsidePiece("piece", geometry, piece, begin, length);
    }

    private static void checkInsidePiece(String what, TorrentGeometry geometry, int piece, int begin, int length) {
        int size = geometry.pieceSize(piece);
        if (begin < 0 || (long) begin + length > size) {
            throw new WireException(what + ": begin " + begin + " + length " + length + " exceeds piece " + piece
                    + " size " + size);
        }
    }
}
