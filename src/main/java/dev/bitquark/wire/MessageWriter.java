package dev.bitquark.wire;

import static dev.bitquark.wire.MessageId.*;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encoders for every peer wire message, length prefix included. Each message has a
 * {@code write*} form that puts it at a buffer's position (and advances it; the wire is
 * big-endian whatever the buffer's order) and a {@code byte[]} form. Arguments we would never
 * send (negative indexes, blocks over 16 KiB) are programming errors and throw
 * {@link IllegalArgumentException}. Stateless and thread-safe.
 *
 * <p>Uploads use {@link #writePieceHeader} and read the block into the same buffer right after
 * it, so block data is never copied through here.
 */
public final class MessageWriter {
    /** Length prefix + id + index + begin: what precedes the block in a piece frame. */
    public static final int PIECE_HEADER_LENGTH = 13;
    /** Whole frame sizes of the fixed-length messages. */
    public static final int SIMPLE_FRAME_LENGTH = 5;
    public static final int INDEX_FRAME_LENGTH = 9;
    public static final int BLOCK_REF_FRAME_LENGTH = 17;
    public static final int PORT_FRAME_LENGTH = 7;

    private MessageWriter() {
    }

    // ---- byte[] forms

    public static byte[] keepAlive() {
        return new byte[4];
    }

    public static byte[] choke() {
        return simple(CHOKE);
    }

    public static byte[] unchoke() {
        return simple(UNCHOKE);
    }

    public static byte[] interested() {
        return simple(INTERESTED);
    }

    public static byte[] notInterested() {
        return simple(NOT_INTERESTED);
    }

    public static byte[] haveAll() {
        return simple(HAVE_ALL);
    }

    public static byte[] haveNone() {
        return simple(HAVE_NONE);
    }

    public static byte[] have(int piece) {
        return indexed(HAVE, piece);
    }

    public static byte[] suggest(int piece) {
        return indexed(SUGGEST, piece);
    }

    public static byte[] allowedFast(int piece) {
        return indexed(ALLOWED_FAST, piece);
    }

    public static byte[] request(int piece, int begin, int length) {
        return blockRef(REQUEST, piece, begin, length);
    }

    public static byte[] cancel(int piece, int begin, int length) {
        return blockRef(CANCEL, piece, begin, length);
    }

    public static byte[] reject(int piece, int begin, int length) {
        return blockRef(REJECT, piece, begin, length);
    }

    public static byte[] port(int port) {
        byte[] out = new byte[PORT_FRAME_LENGTH];
        writePort(ByteBuffer.wrap(out), port);
        return out;
    }

    public static byte[] bitfield(Bitfield bits) {
        byte[] wire = bits.toBytes();
        byte[] out = new byte[5 + wire.length];
        writeBitfield(ByteBuffer.wrap(out), ByteBuffer.wrap(wire));
        return out;
    }

    /** A whole piece frame; copies {@code block} (its remaining bytes, position unchanged). */
    public static byte[] piece(int piece, int begin, ByteBuffer block) {
        byte[] out = new byte[PIECE_HEADER_LENGTH + block.remaining()];
        writePiece(ByteBuffer.wrap(out), piece, begin, block);
        return out;
    }

    /** The 13 bytes that precede {@code length} bytes of block data in a piece frame. */
    public static byte[] pieceHeader(int piece, int begin, int length) {
        byte[] out = new byte[PIECE_HEADER_LENGTH];
        writePieceHeader(ByteBuffer.wrap(out), piece, begin, length);
        return out;
    }

    /** A BEP 10 extended message; copies {@code payload} (its remaining bytes, position unchanged). */
    public static byte[] extended(int extendedId, ByteBuffer payload) {
        byte[] out = new byte[6 + payload.remaining()];
        writeExtended(ByteBuffer.wrap(out), extendedId, payload);
        return out;
    }

    public static byte[] extended(int extendedId, byte[] payload) {
        return extended(extendedId, ByteBuffer.wrap(payload));
    }

    // ---- ByteBuffer forms

    public static ByteBuffer writeKeepAlive(ByteBuffer out) {
        return putInt(out, 0);
    }

    /** One of the id-only messages: choke, unchoke, interested, not_interested, have_all, have_none. */
    public static ByteBuffer writeSimple(ByteBuffer out, int id) {
        switch (id) {
            case CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED, HAVE_ALL, HAVE_NONE -> { }
            default -> throw new IllegalArgumentException(MessageId.name(id) + " is not an id-only message");
        }
        return putInt(out, 1).put((byte) id);
    }

    /** One of the piece-index messages: have, suggest, allowed_fast. */
    public static ByteBuffer writeIndexed(ByteBuffer out, int id, int piece) {
        switch (id) {
            case HAVE, SUGGEST, ALLOWED_FAST -> { }
            default -> throw new IllegalArgumentException(MessageId.name(id) + " is not a piece-index message");
        }
        nonNegative("piece", piece);
        return putInt(putInt(out, 5).put((byte) id), piece);
    }

    /** One of the block-reference messages: request, cancel, reject. */
    public static ByteBuffer writeBlockRef(ByteBuffer out, int id, int piece, int begin, int length) {
        switch (id) {
            case REQUEST, CANCEL, REJECT -> { }
            default -> throw new IllegalArgumentException(MessageId.name(id) + " is not a block-reference message");
        }
        nonNegative("piece", piece);
        nonNegative("begin", begin);
        nonNegative("length", length);
        putInt(putInt(out, 13).put((byte) id), piece);
        return putInt(putInt(out, begin), length);
    }

    public static ByteBuffer writePort(ByteBuffer out, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
        return putInt(out, 3).put((byte) PORT).put((byte) (port >>> 8)).put((byte) port);
    }

    /** A bitfield frame from the raw wire bits (remaining bytes of {@code bits}, position unchanged). */
    public static ByteBuffer writeBitfield(ByteBuffer out, ByteBuffer bits) {
        return putInt(out, 1 + bits.remaining()).put((byte) BITFIELD).put(bits.duplicate());
    }

    public static ByteBuffer writePieceHeader(ByteBuffer out, int piece, int begin, int length) {
        nonNegative("piece", piece);
        nonNegative("begin", begin);
        if (length < 0 || length > TorrentGeometry.BLOCK_SIZE) {
            throw new IllegalArgumentException("block length " + length + " outside 0.." + TorrentGeometry.BLOCK_SIZE);
        }
        putInt(putInt(out, 9 + length).put((byte) PIECE), piece);
        return putInt(out, begin);
    }

    /** A whole piece frame; copies the remaining bytes of {@code block}, leaving its position unchanged. */
    public static ByteBuffer writePiece(ByteBuffer out, int piece, int begin, ByteBuffer block) {
        return writePieceHeader(out, piece, begin, block.remaining()).put(block.duplicate());
    }

    /** A BEP 10 extended frame; copies the remaining bytes of {@code payload}, position unchanged. */
    public static ByteBuffer writeExtended(ByteBuffer out, int extendedId, ByteBuffer payload) {
        if (extendedId < 0 || extendedId > 0xFF) {
            throw new IllegalArgumentException("extended id " + extendedId + " outside 0..255");
        }
        return putInt(out, 2 + payload.remaining()).put((byte) EXTENDED).put((byte) extendedId).put(payload.duplicate());
    }

    // ---- helpers

    private static byte[] simple(int id) {
        byte[] out = new byte[SIMPLE_FRAME_LENGTH];
        writeSimple(ByteBuffer.wrap(out), id);
        return out;
    }

    private static byte[] indexed(int id, int piece) {
        byte[] out = new byte[INDEX_FRAME_LENGTH];
        writeIndexed(ByteBuffer.wrap(out), id, piece);
        return out;
    }

    private static byte[] blockRef(int id, int piece, int begin, int length) {
        byte[] out = new byte[BLOCK_REF_FRAME_LENGTH];
        writeBlockRef(ByteBuffer.wrap(out), id, piece, begin, length);
        return out;
    }

    private static void nonNegative(String field, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + v);
        }
    }

    private static ByteBuffer putInt(ByteBuffer out, int v) {
        return out.putInt(out.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }
}
