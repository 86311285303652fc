package dev.bitquark.engine;

/**
 * Why a {@link FileStream} cannot open, wait or read. The {@link Kind} says what the caller can do about it
 * (an HTTP server maps it to a status code); the message says what and where, for a person. Immutable.
 */
public final class StreamException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The file is deselected ({@link FilePriority#SKIP}): its missing bytes will not be downloaded. */
        FILE_SKIPPED,
        /** The torrent is paused or failed: bytes not downloaded yet will not arrive until it is resumed. */
        TORRENT_STOPPED,
        /** The torrent left the engine, or the engine shut down. */
        TORRENT_REMOVED,
        /** The stream was closed (its reader went away); waiting reads end with this. */
        CLOSED,
        /** The torrent already has {@link FileStream#MAX_STREAMS_PER_TORRENT} open streams. */
        TOO_MANY_STREAMS,
        /** Reading the downloaded bytes from disk failed. */
        READ_FAILED
    }

    private final Kind kind;

    public StreamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
