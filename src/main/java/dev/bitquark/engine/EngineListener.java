package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;

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

    /**
     * A downloaded piece passed its hash check and was written (not yet flushed to disk). Called once
     * per piece, so it must be cheap; a journal of these bounds what a crash before the next resume
     * data save costs.
     */
    default void pieceWritten(InfoHash torrent, int piece) {
    }

    /**
     * A torrent added from a magnet link has its verified info dictionary (BEP 9) and is now a
     * normal torrent; {@code metainfo.torrentBytes()} is a .torrent file to keep in its place.
     * Comes before the torrent's first state change (CHECKING).
     */
    default void metadataReceived(InfoHash torrent, Metainfo metainfo) {
    }

    /** Every selected piece is verified and flushed. */
    default void finished(InfoHash torrent) {
    }

    /** The torrent left the engine. */
    default void removed(InfoHash torrent) {
    }
}
