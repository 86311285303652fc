package dev.bitquark.wire;

/**
 * A peer sent bytes that violate the peer wire protocol (BEP 3 and its extensions). The message
 * names the message and field and, where the decoder knows it, the byte offset of the offending
 * frame in the connection's stream. The connection must be closed: decoders that threw are
 * unusable. Immutable.
 */
public final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stream offset unknown (the bytes did not come from a stream decoder). */
    public static final long NO_OFFSET = -1;

    private final long streamOffset;

    public WireException(String message) {
        this(message, NO_OFFSET);
    }

    /** {@code streamOffset} is the position of the offending frame's first byte in the stream. */
    public WireException(String message, long streamOffset) {
        super(streamOffset < 0 ? message : message + " (frame at byte " + streamOffset + ")");
        this.streamOffset = streamOffset;
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
        this.streamOffset = NO_OFFSET;
    }

    /** Offset of the offending frame in the connection's stream, or {@link #NO_OFFSET}. */
    public long streamOffset() {
        return streamOffset;
    }
}
