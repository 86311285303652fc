package dev.bitquark.engine;

/**
 * Why an engine call failed, as a kind a caller can act on (an HTTP server maps it to a status code) and a message
 * for a person. Every future of {@link Engine} and {@link TorrentHandle} fails with one of these for the failures
 * the caller causes or must expect; anything else is a defect. Immutable.
 */
public final class EngineException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** No such torrent (or tracker, or file) in the engine. */
        NOT_FOUND,
        /** The torrent left the engine (removed, or the engine shut down) while the call was on its way. */
        REMOVED,
        /** The torrent was added from a magnet link and has no metadata yet (BEP 9): no files, no pieces. */
        NO_METADATA,
        /** A value the caller gave is not acceptable (a file index past the end, a negative limit, ...). */
        INVALID_ARGUMENT,
        /** The torrent's files could not be set up, read or written. */
        STORAGE
    }

    private final Kind kind;

    public EngineException(Kind kind, String message) {
        this(kind, message, null);
    }

    public EngineException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * {@code e} as the engine reports it at its boundary: an {@link IllegalArgumentException} (an argument checked
     * deep inside) becomes {@link Kind#INVALID_ARGUMENT}; an {@link EngineException} stays; anything else is left
     * as it is (a defect, or a failure with a type of its own such as {@code StreamException}).
     */
    public static Throwable atBoundary(Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return new EngineException(Kind.INVALID_ARGUMENT, e.getMessage(), e);
        }
        if (e instanceof dev.bitquark.storage.StorageException se) {
            return new EngineException(Kind.STORAGE, se.getMessage(), se);
        }
        return e;
    }
}
