package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.TrackerStatus;
import dev.bitquark.metainfo.Bitfield;
import java.util.List;
import java.util.Map;

/**
 * The session and every torrent at one instant, taken in a single hop onto the engine context (so
 * the parts agree with each other), for consumers that poll: live UI updates and metrics. Immutable.
 *
 * @param torrents stats of every torrent in the engine, in no particular order
 * @param details the parts asked for of some torrents (those still in the engine)
 */
public record EngineSnapshot(SessionStats session, List<TorrentStats> torrents, Map<InfoHash, Details> details) {
    public EngineSnapshot {
        torrents = List.copyOf(torrents);
        details = Map.copyOf(details);
    }

    /** A part of a torrent a snapshot may include besides its stats: what a details view follows. */
    public enum Part { PEERS, FILES, TRACKERS, PIECES }

    /**
     * The parts of one torrent that were asked for; the others are null. {@code pieces} is a copy.
     */
    public record Details(List<PeerStats> peers, List<FileStats> files, List<TrackerStatus> trackers,
                          Bitfield pieces) {
    }
}
