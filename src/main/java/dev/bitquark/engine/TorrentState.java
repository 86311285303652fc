package dev.bitquark.engine;

/**
 * Lifecycle of a torrent in the engine. See {@code STATE.md} beside this file for the transitions.
 */
public enum TorrentState {
    /** Added from a magnet link: fetching the info dictionary from peers (BEP 9); pausable. */
    METADATA,
    /** Verifying data already on disk (initial check or recheck); pausable. */
    CHECKING,
    /** Connected to the swarm: downloading, or seeding once every wanted piece is had. */
    LIVE,
    /**
     * Waiting for a slot in the queue ({@link QueueSettings}): stopped like PAUSED, started by the queue in its
     * order once fewer torrents run than the limits allow. Not checked until then.
     */
    QUEUED,
    /** Stopped by the user: no connections, no announces, files closed. */
    PAUSED,
    /** Stopped by a failure (e.g. disk full); the reason is in the stats; resume retries. */
    ERROR
}
