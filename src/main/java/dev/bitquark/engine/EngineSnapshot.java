package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;
import java.util.List;
import java.util.Map;

/**
 * The session and every torrent at one instant, taken in a single hop onto the engine context (so
 * the parts agree with each other), for consumers that poll: live UI updates and metrics. Immutable.
 *
 * @param torrents stats of every torrent in the engine, in no particular order
 * @param peers the connections of the torrents that were asked for (and are still in the engine)
 */
public record EngineSnapshot(SessionStats session, List<TorrentStats> torrents, Map<InfoHash, List<PeerStats>> peers) {
    public EngineSnapshot {
        torrents = List.copyOf(torrents);
        peers = Map.copyOf(peers);
    }
}
