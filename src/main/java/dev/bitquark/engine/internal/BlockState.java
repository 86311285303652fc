package dev.bitquark.engine.internal;

/**
 * Where one block of a piece being downloaded stands (see {@code STATE.md}, "Piece and block states"). A block only
 * moves forward, except that {@link #REQUESTED} falls back to {@link #NONE} when its last request is lost and a hash
 * failure sends every block of the piece back to {@link #NONE}. Immutable and thread-safe.
 */
public enum BlockState {
    /** Not requested from anyone and not received. */
    NONE,
    /** Requested from at least one peer (from up to the endgame limit of peers in endgame). */
    REQUESTED,
    /** Data received and handed to storage; not yet on disk. */
    RECEIVED,
    /** Data written to disk. */
    WRITTEN
}
