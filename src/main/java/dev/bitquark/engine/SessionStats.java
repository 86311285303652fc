package dev.bitquark.engine;

/**
 * The whole engine at one instant: torrent counts by state, and rates and totals summed over the
 * torrents in the engine. Immutable snapshot, taken on the engine context.
 *
 * @param seeding torrents {@link TorrentState#LIVE} and finished (also counted in {@code live})
 * @param downloadedTotal payload bytes received by the torrents in the engine (restored totals included)
 * @param downloadLimit session-wide limit in bytes/s, 0 = unlimited
 * @param metadata torrents added from magnet links that are fetching their metadata ({@link TorrentState#METADATA})
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
        int metadata) {
}
