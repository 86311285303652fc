package dev.bitquark.engine.internal;

/**
 * Download priority of a file or a piece, lowest first. {@link #SKIP} means "do not download". A piece's
 * priority is the highest priority of the files it touches, so a piece shared by a skipped and a wanted file is
 * still downloaded. Immutable and thread-safe.
 */
public enum Priority {
    SKIP,
    LOW,
    NORMAL,
    HIGH;

    private static final Priority[] LEVELS = values();

    /** The stored per-piece level: 0 (skip) to 3 (high). */
    int level() {
        return ordinal();
    }

    static Priority ofLevel(int level) {
        return LEVELS[level];
    }
}
