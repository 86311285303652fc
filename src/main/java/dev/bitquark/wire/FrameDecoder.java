package dev.bitquark.wire;

import static dev.bitquark.wire.MessageId.*;

import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Incremental decoder of the length-prefixed messages that follow the handshake (BEP 3). Fed the
 * byte slices a socket delivers, split anywhere, and calls a {@link MessageHandler} once per
 * complete message, in order.
 *
 * <p>Hostile lengths are refused from the header alone, before any body byte is buffered: a
 * length prefix above the frame cap (default 1 MiB; Transmission once buffered 4 GiB prefixes),
 * a piece frame above 16 KiB of block data, and a fixed-size message with the wrong length.
 *
 * <p>Copies: a frame that lies wholly in the fed buffer is decoded in place and its data
 * (block, bitfield, extended payload) is handed over as a read-only slice of the input. Only a
 * frame that straddles feeds is accumulated, in an internal buffer that grows with the bytes
 * actually received, never beyond the frame length. Either way the slice is valid only during
 * the callback.
 *
 * <p>Threading: one decoder per connection, not thread-safe; feed it from the connection's event
 * loop only. {@code feed} must not be called from inside a callback.
 */
public final class FrameDecoder {
    /** Default cap on a frame's length prefix: large enough for the bitfield of 4 M pieces. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;
    /** Largest piece frame: id + index + begin + one 16 KiB block (BEP 3 requests are one block). */
    public static final int MAX_PIECE_FRAME_LENGTH = TorrentGeometry.BLOCK_SIZE + 9;
    /** Upper bound for a configured cap, so buffer growth arithmetic cannot overflow. */
    public static final int LARGEST_ALLOWED_CAP = 64 << 20;

    /** First allocation for a straddling frame: one piece frame fits, so the buffer is reused. */
    private static final int INITIAL_BUFFER = 32 * 1024;
    /** A buffer grown larger than this for a rare big frame is dropped afterwards. */
    private static final int RETAIN_LIMIT = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private static final int HEADER = 0;
    private static final int BODY = 1;
    private static final int SKIP = 2;

    private final MessageHandler handler;
    private final int maxFrameLength;

    private int state = HEADER;
    /** Header bytes (4 length + 1 id) of the current frame read so far in the slow path. */
    private int headerFill;
    private int length;
    private int id;
    private byte[] body = EMPTY;
    private ByteBuffer bodyView = ByteBuffer.wrap(EMPTY);
    private int bodyFill;
    private int bodyLength;
    /** Stream offset of the current frame's first byte, for error messages. */
    private long frameStart;
    private boolean failed;
    private boolean closed;

    public FrameDecoder(MessageHandler handler) {
        this(handler, DEFAULT_MAX_FRAME_LENGTH);
    }

    /**
     * @param maxFrameLength cap on the length prefix, between {@link #MAX_PIECE_FRAME_LENGTH} (a
     *     piece must fit) and {@link #LARGEST_ALLOWED_CAP}
     */
    public FrameDecoder(MessageHandler handler, int maxFrameLength) {
        if (handler == null) {
            throw new IllegalArgumentException("handler is null");
        }
        if (maxFrameLength < MAX_PIECE_FRAME_LENGTH || maxFrameLength > LARGEST_ALLOWED_CAP) {
            throw new IllegalArgumentException("max frame length " + maxFrameLength + " outside "
                    + MAX_PIECE_FRAME_LENGTH + ".." + LARGEST_ALLOWED_CAP);
        }
        this.handler = handler;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Consumes all of {@code in} (heap or direct, any byte order; the wire is big-endian
     * regardless) and delivers every message it completes. Stops early, leaving the rest of
     * {@code in} unread, only if a callback calls {@link #close()}.
     *
     * @throws WireException if the stream violates the protocol (or a callback rejected a
     *     message); the decoder is then unusable, as it is after a callback threw anything
     * @throws IllegalStateException if an earlier call threw
     */
    public void feed(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("decoder failed earlier; the connection must be closed");
        }
        try {
            while (!closed && in.hasRemaining()) {
                if (state == HEADER) {
                    if (headerFill == 0 && in.remaining() >= 4) {
                        frameInPlace(in);
                    } else {
                        headerByte(in.get() & 0xFF);
                    }
                } else if (state == BODY) {
                    bodyBytes(in);
                } else {
                    skipBytes(in);
                }
            }
        } catch (RuntimeException e) {
            // A protocol error, or a callback that threw: the stream position is no longer trustworthy.
            failed = true;
            throw e;
        }
    }

    /** Stops delivery: the current {@code feed} returns after the running callback, later feeds do nothing. */
    public void close() {
        closed = true;
        body = EMPTY;
        bodyView = ByteBuffer.wrap(EMPTY);
    }

    /** True if no partial frame is pending (every byte fed so far has been delivered). */
    public boolean atFrameBoundary() {
        return state == HEADER && headerFill == 0;
    }

    /** Number of stream bytes that belong to delivered frames (during a callback: those before its frame). */
    public long deliveredBytes() {
        return frameStart;
    }

    /** Fast path: at least the length prefix is in {@code in}; decode in place if the frame is whole. */
    private void frameInPlace(ByteBuffer in) {
        int pos = in.position();
        int len = int32(in, pos);
        checkLength(len);
        if (len == 0) {
            in.position(pos + 4);
            handler.onKeepAlive();
            frameStart += 4;
            return;
        }
        if (in.remaining() == 4) {
            in.position(pos + 4);
            length = len;
            headerFill = 4;
            return;
        }
        int msgId = in.get(pos + 4) & 0xFF;
        checkFrame(msgId, len);
        if (in.remaining() - 4 >= len) {
            in.position(pos + 4 + len);
            dispatch(in, pos + 5, msgId, len - 1);
            frameStart += 4L + len;
        } else {
            in.position(pos + 5);
            startBody(msgId, len);
        }
    }

    private void headerByte(int b) {
        if (headerFill < 4) {
            length = (length << 8) | b;
            if (++headerFill == 4) {
                checkLength(length);
                if (length == 0) {
                    headerFill = 0;
                    handler.onKeepAlive();
                    frameStart += 4;
                }
            }
        } else {
            headerFill = 0;
            checkFrame(b, length);
            startBody(b, length);
        }
    }

    private void startBody(int msgId, int len) {
        id = msgId;
        length = len;
        bodyLength = len - 1;
        bodyFill = 0;
        if (bodyLength == 0) {
            dispatch(bodyView, 0, msgId, 0);
            frameStart += 4L + len;
        } else {
            // BEP 3: unknown messages are ignored, so their bodies are skipped, never buffered.
            state = MessageId.isKnown(msgId) ? BODY : SKIP;
        }
    }

    private void bodyBytes(ByteBuffer in) {
        int n = Math.min(in.remaining(), bodyLength - bodyFill);
        ensureCapacity(bodyFill + n);
        in.get(body, bodyFill, n);
        bodyFill += n;
        if (bodyFill == bodyLength) {
            state = HEADER;
            dispatch(bodyView, 0, id, bodyLength);
            frameStart += 4L + length;
            if (body.length > RETAIN_LIMIT) {
                body = EMPTY;
                bodyView = ByteBuffer.wrap(EMPTY);
            }
        }
    }

    private void skipBytes(ByteBuffer in) {
        int n = Math.min(in.remaining(), bodyLength - bodyFill);
        in.position(in.position() + n);
        bodyFill += n;
        if (bodyFill == bodyLength) {
            state = HEADER;
            handler.onUnknown(id, length);
            frameStart += 4L + length;
        }
    }

    /** Grows the body buffer to hold {@code need} bytes, geometrically, never beyond the frame. */
    private void ensureCapacity(int need) {
        if (need > body.length) {
            int cap = Math.min(bodyLength, Math.max(need, Math.max(INITIAL_BUFFER, body.length * 2)));
            body = Arrays.copyOf(body, cap);
            bodyView = ByteBuffer.wrap(body);
        }
    }

    private void checkLength(int len) {
        if (len < 0 || len > maxFrameLength) {
            throw new WireException("frame length " + Integer.toUnsignedString(len) + " exceeds limit "
                    + maxFrameLength, frameStart);
        }
    }

    /** Validates the length of a known message from its header, before its body is read. */
    private void checkFrame(int msgId, int len) {
        switch (msgId) {
            case CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED, HAVE_ALL, HAVE_NONE -> expect(msgId, len, 1);
            case HAVE, SUGGEST, ALLOWED_FAST -> expect(msgId, len, 5);
            case REQUEST, CANCEL, REJECT -> expect(msgId, len, 13);
            case PORT -> expect(msgId, len, 3);
            case PIECE -> {
                if (len < 9 || len > MAX_PIECE_FRAME_LENGTH) {
                    throw new WireException("piece: length " + len + ", expected 9.." + MAX_PIECE_FRAME_LENGTH,
                            frameStart);
                }
            }
            case EXTENDED -> {
                if (len < 2) {
                    throw new WireException("extended: length " + len + ", expected at least 2", frameStart);
                }
            }
            default -> {
                // bitfield: any length, the handler checks it against the piece count; unknown: skipped
            }
        }
    }

    private void expect(int msgId, int len, int expected) {
        if (len != expected) {
            throw new WireException(MessageId.name(msgId) + ": length " + len + ", expected " + expected, frameStart);
        }
    }

    /** Delivers one whole message whose body ({@code n} bytes after the id) starts at {@code off} of {@code b}. */
    private void dispatch(ByteBuffer b, int off, int msgId, int n) {
        long start = frameStart;
        switch (msgId) {
            case CHOKE -> handler.onChoke();
            case UNCHOKE -> handler.onUnchoke();
            case INTERESTED -> handler.onInterested();
            case NOT_INTERESTED -> handler.onNotInterested();
            case HAVE -> handler.onHave(u31(b, off, "have: piece", start));
            case BITFIELD -> handler.onBitfield(view(b, off, n));
            case REQUEST -> handler.onRequest(u31(b, off, "request: piece", start),
                    u31(b, off + 4, "request: begin", start), u31(b, off + 8, "request: length", start));
            case PIECE -> handler.onPiece(u31(b, off, "piece: piece", start),
                    u31(b, off + 4, "piece: begin", start), view(b, off + 8, n - 8));
            case CANCEL -> handler.onCancel(u31(b, off, "cancel: piece", start),
                    u31(b, off + 4, "cancel: begin", start), u31(b, off + 8, "cancel: length", start));
            case PORT -> handler.onPort(((b.get(off) & 0xFF) << 8) | (b.get(off + 1) & 0xFF));
            case SUGGEST -> handler.onSuggest(u31(b, off, "suggest: piece", start));
            case HAVE_ALL -> handler.onHaveAll();
            case HAVE_NONE -> handler.onHaveNone();
            case REJECT -> handler.onReject(u31(b, off, "reject: piece", start),
                    u31(b, off + 4, "reject: begin", start), u31(b, off + 8, "reject: length", start));
            case ALLOWED_FAST -> handler.onAllowedFast(u31(b, off, "allowed_fast: piece", start));
            case EXTENDED -> handler.onExtended(b.get(off) & 0xFF, view(b, off + 1, n - 1));
            default -> handler.onUnknown(msgId, n + 1);
        }
    }

    /** An unsigned 32-bit field that must fit an int: no valid index, offset or length exceeds 2^31-1. */
    private static int u31(ByteBuffer b, int off, String field, long start) {
        int v = int32(b, off);
        if (v < 0) {
            throw new WireException(field + " " + Integer.toUnsignedString(v) + " exceeds 2^31-1", start);
        }
        return v;
    }

    /** Big-endian int at absolute {@code off}, whatever order the caller set on {@code b}. */
    static int int32(ByteBuffer b, int off) {
        int v = b.getInt(off);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static ByteBuffer view(ByteBuffer b, int off, int n) {
        ByteBuffer s = b.slice(off, n);
        return s.isReadOnly() ? s : s.asReadOnlyBuffer();
    }
}
