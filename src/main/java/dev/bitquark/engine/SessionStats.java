package dev.bitquark.engine;

/**
 * The whole engine at one instant: torrent counts by state, rates and totals summed over the
 * torrents in the engine, the session-wide limits, and counters since the engine started. Immutable
 * snapshot, taken on the engine context.
 *
 * @param seeding torrents {@link TorrentState#LIVE} and finished (also counted in {@code live})
 * @param downloadedTotal payload bytes received by the torrents in the engine (restored totals included)
 * @param peersConnected established connections (handshake done) of all torrents
 * @param downloadLimit session-wide limit in bytes/s, 0 = unlimited
 * @param connections connections dialing, handshaking or established, counted against {@code maxConnections}
 * @param maxConnections the session-wide connection limit in force
 * @param maxConcurrentChecks torrents allowed to check their files at once
 * @param checksWaiting torrents in {@link TorrentState#CHECKING} waiting for a check slot
 * @param hashFailures downloaded pieces that failed their SHA-1 check (BEP 3) since the engine started
 * @param diskQueue piece writes and other disk jobs queued or running on the disk pool
 * @param announcesOk tracker announces answered since the engine started (any event)
 * @param announcesFailed tracker announces that failed (timeout, network, tracker failure reason)
 * @param metadata torrents added from magnet links that are fetching their metadata ({@link TorrentState#METADATA})
 * @param incomingPeers connections from outside whose handshake named one of our torrents, since the engine
 *     started: above 0, the peer port is reachable from somewhere (as qBittorrent's "connection status")
 * @param queued torrents waiting in the queue ({@link TorrentState#QUEUED})
 * @param queueing whether the queue is on
 */
public record SessionStats(
        int torrents,
        int checking,
        int live,
        int seeding,
        int paused,
        int error,
        long downloadRate,
        long uploadRate,
        long downloadedTotal,
        long uploadedTotal,
        int peersConnected,
        long downloadLimit,
        long uploadLimit,
        int connections,
        int maxConnections,
        int maxConcurrentChecks,
        int checksWaiting,
        long hashFailures,
        int diskQueue,
        long announcesOk,
        long announcesFailed,
        int metadata,
        long incomingPeers,
        int queued,
        boolean queueing) {
}
