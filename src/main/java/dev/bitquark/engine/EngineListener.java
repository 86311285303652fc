package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;

/**
 * Typed engine events for the service layer (persistence, live UI updates). Called on the engine
 * context: implementations must not block; hand work to another thread if needed.
 */
public interface EngineListener {
    /** The torrent moved to another lifecycle state (error carries the reason). */
    default void stateChanged(InfoHash torrent, TorrentState state, String error) {
    }

    /** New resume data is worth saving (pieces became durable, priorities or limits changed...). */
    default void resumeDataChanged(InfoHash torrent) {
    }

    /** Every selected piece is verified and flushed. */
    default void finished(InfoHash torrent) {
    }

    /** The torrent left the engine. */
    default void removed(InfoHash torrent) {
    }
}
