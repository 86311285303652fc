package dev.bitquark.wire;

import java.nio.ByteBuffer;

/**
 * Receives the messages a {@link FrameDecoder} decodes, in stream order, on the thread that
 * calls {@link FrameDecoder#feed}. A visitor rather than message objects so the hot path (have,
 * request, piece) allocates nothing but a buffer view.
 *
 * <p>Buffers passed to a callback ({@code bits}, {@code block}, {@code payload}) are read-only
 * views of the fed input or of the decoder's internal buffer: they are valid only until the
 * callback returns. A handler that needs the bytes later must copy them (or write them to disk)
 * inside the callback. Their position is 0 and limit is the data length.
 *
 * <p>Piece indexes, offsets and lengths are unsigned 32-bit on the wire; the decoder rejects
 * values above {@link Integer#MAX_VALUE}, so every int here is non-negative. Whether an index is
 * inside the torrent is for the handler to check ({@link WireChecks}). A handler may throw
 * {@link WireException} to reject a message; it propagates out of {@code feed}.
 */
public interface MessageHandler {
    /** A zero-length frame (BEP 3 keep-alive). */
    void onKeepAlive();

    void onChoke();

    void onUnchoke();

    void onInterested();

    void onNotInterested();

    void onHave(int piece);

    /** BEP 3 bitfield; {@code bits} is the raw wire form, check it with {@link WireChecks#bitfield}. */
    void onBitfield(ByteBuffer bits);

    void onRequest(int piece, int begin, int length);

    /** A block of a piece; {@code block} has at most 16 KiB and is valid only during the call. */
    void onPiece(int piece, int begin, ByteBuffer block);

    void onCancel(int piece, int begin, int length);

    /** BEP 5: the peer's DHT port, 0..65535. */
    void onPort(int port);

    /** BEP 6 suggest piece. */
    void onSuggest(int piece);

    /** BEP 6 have all: replaces a bitfield with every bit set. */
    void onHaveAll();

    /** BEP 6 have none: replaces an empty bitfield. */
    void onHaveNone();

    /** BEP 6 reject request: the peer will not serve this request. */
    void onReject(int piece, int begin, int length);

    /** BEP 6 allowed fast: we may request blocks of {@code piece} even while choked. */
    void onAllowedFast(int piece);

    /**
     * BEP 10 extended message. {@code extendedId} 0 is the extended handshake, others are the ids
     * we assigned in our handshake's {@code m} dictionary. {@code payload} is what follows the id byte.
     */
    void onExtended(int extendedId, ByteBuffer payload);

    /**
     * A message with an id this decoder does not know, already skipped (BEP 3: implementations
     * ignore unknown messages). {@code length} is the frame length including the id byte.
     */
    void onUnknown(int id, int length);
}
