package dev.bitquark.tracker.codec;

/**
 * Why a tracker exchange failed. The only exception the tracker codecs throw for remote input, and
 * the failure the tracker transports complete their futures with. Immutable.
 */
public final class TrackerException extends Exception {
    /** Broad classes of failure, so callers can tell a tracker's refusal from a broken one. */
    public enum Kind {
        /** The tracker answered with a {@code failure reason} (BEP 3) or a UDP error packet (BEP 15). */
        REFUSED,
        /** The tracker's answer violates the protocol or our caps. */
        MALFORMED,
        /** The announce URL cannot be used (bad syntax, unsupported scheme, no scrape convention). */
        INVALID_URL,
        /** Network trouble: refused connection, timeout, HTTP error status, refused redirect. */
        TRANSPORT
    }

    private final Kind kind;

    public TrackerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TrackerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static TrackerException malformed(String message) {
        return new TrackerException(Kind.MALFORMED, message);
    }
}
