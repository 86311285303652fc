package dev.bitquark.wire;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A BEP 9 {@code ut_metadata} message: fetching the info dictionary from peers in 16 KiB
 * pieces. The payload is a bencoded dictionary with {@code msg_type} and {@code piece}; a
 * {@code data} message adds {@code total_size} and is followed by the piece's bytes. Immutable
 * and thread-safe.
 *
 * <p>Decoding checks everything the message itself determines: the piece index against
 * {@code total_size}, the data length against the piece's size. Whether {@code total_size}
 * matches the peer's {@code metadata_size} is for the engine to check.
 */
public sealed interface MetadataMessage {
    String EXTENSION_NAME = "ut_metadata";
    /** BEP 9: metadata is exchanged in pieces of 16 KiB, the last one shorter. */
    int PIECE_SIZE = 16 * 1024;
    /** Largest metadata we fetch; real info dictionaries stay far below (a 4 M-piece torrent is ~80 MiB, refused). */
    int MAX_METADATA_SIZE = 16 * 1024 * 1024;
    int MAX_PIECES = MAX_METADATA_SIZE / PIECE_SIZE;

    int TYPE_REQUEST = 0;
    int TYPE_DATA = 1;
    int TYPE_REJECT = 2;

    /** The metadata piece the message is about. */
    int piece();

    /** Asks for metadata piece {@code piece}. */
    record Request(int piece) implements MetadataMessage {
        public Request {
            checkPieceArgument(piece);
        }
    }

    /** Piece {@code piece} of metadata that is {@code totalSize} bytes long. */
    record Data(int piece, int totalSize, byte[] data) implements MetadataMessage {
        public Data {
            checkPieceArgument(piece);
            if (totalSize <= 0 || totalSize > MAX_METADATA_SIZE) {
                throw new IllegalArgumentException("total size " + totalSize + " outside 1.." + MAX_METADATA_SIZE);
            }
            if (piece >= pieceCount(totalSize) || data.length != pieceSize(totalSize, piece)) {
                throw new IllegalArgumentException("piece " + piece + " of " + data.length + " bytes does not fit "
                        + totalSize + " bytes of metadata");
            }
            data = data.clone();
        }

        /** A copy of the piece's bytes. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data other && other.piece == piece && other.totalSize == totalSize
                    && Arrays.equals(other.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + totalSize) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Data[piece=" + piece + ", totalSize=" + totalSize + ", " + data.length + " bytes]";
        }
    }

    /** The peer will not send metadata piece {@code piece}. */
    record Reject(int piece) implements MetadataMessage {
        public Reject {
            checkPieceArgument(piece);
        }
    }

    /** A {@code msg_type} this version does not know; BEP 9 says to ignore it. */
    record Unknown(int piece, long msgType) implements MetadataMessage {
    }

    /** Number of 16 KiB pieces metadata of {@code totalSize} bytes has. */
    static int pieceCount(int totalSize) {
        return (totalSize + PIECE_SIZE - 1) / PIECE_SIZE;
    }

    /** Size of metadata piece {@code piece}: 16 KiB except the last one. */
    static int pieceSize(int totalSize, int piece) {
        return Math.min(PIECE_SIZE, totalSize - piece * PIECE_SIZE);
    }

    /** The payload after the extended id byte (the id is the one the peer gave {@code ut_metadata}). */
    default byte[] encode() {
        BDict.Builder d = BDict.builder();
        switch (this) {
            case Request r -> d.put("msg_type", TYPE_REQUEST).put("piece", r.piece());
            case Data data -> d.put("msg_type", TYPE_DATA).put("piece", data.piece()).put("total_size", data.totalSize());
            case Reject r -> d.put("msg_type", TYPE_REJECT).put("piece", r.piece());
            case Unknown u -> d.put("msg_type", u.msgType()).put("piece", u.piece());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BEncoder.encode(d.build()));
        if (this instanceof Data data) {
            out.writeBytes(data.data);
        }
        return out.toByteArray();
    }

    /** Decodes the payload of a {@code ut_metadata} extended message; {@code payload}'s position is unchanged. */
    static MetadataMessage decode(ByteBuffer payload) {
        String what = "ut_metadata";
        BencodedPayload.Prefix p = BencodedPayload.decode(payload, what);
        BDict d = p.dict();
        long type = BencodedPayload.requiredInt(d, "msg_type", what);
        long piece = BencodedPayload.requiredInt(d, "piece", what);
        if (piece < 0 || piece >= MAX_PIECES) {
            throw new WireException(what + ": piece " + piece + " outside 0.." + (MAX_PIECES - 1));
        }
        int trailing = p.bytes().length - p.end();
        // Only data carries bytes after the dictionary; unknown types may, in some future version.
        if ((type == TYPE_REQUEST || type == TYPE_REJECT) && trailing != 0) {
            throw new WireException(what + ": " + trailing + " bytes after a msg_type " + type + " dictionary");
        }
        return switch ((int) Math.clamp(type, -1, 3)) {
            case TYPE_REQUEST -> new Request((int) piece);
            case TYPE_REJECT -> new Reject((int) piece);
            case TYPE_DATA -> {
                long total = BencodedPayload.requiredInt(d, "total_size", what);
                if (total <= 0 || total > MAX_METADATA_SIZE) {
                    throw new WireException(what + ": total_size " + total + " outside 1.." + MAX_METADATA_SIZE);
                }
                int count = pieceCount((int) total);
                if (piece >= count) {
                    throw new WireException(what + ": piece " + piece + " outside 0.." + (count - 1)
                            + " for total_size " + total);
                }
                int expected = pieceSize((int) total, (int) piece);
                if (trailing != expected) {
                    throw new WireException(what + ": piece " + piece + " has " + trailing + " bytes, expected "
                            + expected + " for total_size " + total);
                }
                yield new Data((int) piece, (int) total, Arrays.copyOfRange(p.bytes(), p.end(), p.bytes().length));
            }
            default -> new Unknown((int) piece, type);
        };
    }

    private static void checkPieceArgument(int piece) {
        if (piece < 0 || piece >= MAX_PIECES) {
            throw new IllegalArgumentException("metadata piece " + piece + " outside 0.." + (MAX_PIECES - 1));
        }
    }
}
