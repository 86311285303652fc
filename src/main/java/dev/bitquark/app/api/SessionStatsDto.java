package dev.bitquark.app.api;

import dev.bitquark.engine.SessionStats;

/**
 * The whole session as the API shows it ({@code GET /api/v1/session/stats}, and the {@code session}
 * object of {@code /api/v1/events}): torrent counts by state, rates (bytes/s) and totals (bytes)
 * over all torrents, connections, limits in force and counters since the engine started. Flat, so
 * that live updates can carry just the fields that changed. Immutable.
 */
public record SessionStatsDto(
        int torrents,
        int metadata,
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
        int connections,
        long downloadLimit,
        long uploadLimit,
        int maxConnections,
        int maxConcurrentChecks,
        int checksWaiting,
        long hashFailures,
        int diskQueue,
        long announcesOk,
        long announcesFailed,
        long incomingPeers,
        int queued,
        boolean queueing) {

    public static SessionStatsDto of(SessionStats s) {
        return new SessionStatsDto(s.torrents(), s.metadata(), s.checking(), s.live(), s.seeding(), s.paused(), s.error(),
                s.downloadRate(), s.uploadRate(), s.downloadedTotal(), s.uploadedTotal(), s.peersConnected(),
                s.connections(), s.downloadLimit(), s.uploadLimit(), s.maxConnections(), s.maxConcurrentChecks(),
                s.checksWaiting(), s.hashFailures(), s.diskQueue(), s.announcesOk(), s.announcesFailed(), s.incomingPeers(),
                s.queued(), s.queueing());
    }
}
