package dev.bitquark.engine;

/**
 * The queue: how many torrents run at once, by kind. Torrents past a limit wait {@link TorrentState#QUEUED} in
 * their queue order until a slot frees; a torrent started with "force" runs whatever the limits and is not
 * counted. A limit below 0 means none. With {@code ignoreSlow}, a torrent running slower than the thresholds (both
 * ways) for {@code slowAfterSeconds} does not count, so a dead torrent does not hold a slot (libtorrent's
 * {@code dont_count_slow_torrents}).
 *
 * @param enabled whether there is a queue at all; off: every torrent that is not paused runs
 * @param maxDownloads torrents downloading (or fetching metadata, or checking to download) at once
 * @param maxSeeds torrents seeding at once
 * @param maxActive torrents running at once, both kinds
 * @param ignoreSlow slow torrents do not count against the limits
 * @param slowDownload bytes/s below which a torrent's download is slow
 * @param slowUpload bytes/s below which a torrent's upload is slow
 * @param slowAfterSeconds how long a torrent must be slow before it stops counting
 */
public record QueueSettings(boolean enabled, int maxDownloads, int maxSeeds, int maxActive, boolean ignoreSlow,
                            long slowDownload, long slowUpload, int slowAfterSeconds) {
    /** Off; when turned on, qBittorrent's limits (3 downloads, 3 seeds, 5 in all) and its slow thresholds. */
    public static final QueueSettings OFF = new QueueSettings(false, 3, 3, 5, false, 2048, 2048, 60);
    /** Most torrents a limit can name. */
    public static final int MAX_LIMIT = 1_000_000;

    public QueueSettings {
        limit("maximum active downloads", maxDownloads);
        limit("maximum active seeds", maxSeeds);
        limit("maximum active torrents", maxActive);
        if (slowDownload < 0 || slowUpload < 0) {
            throw new IllegalArgumentException("slow torrent thresholds must be 0 or more bytes/s");
        }
        if (slowAfterSeconds < 0 || slowAfterSeconds > 86_400) {
            throw new IllegalArgumentException("slow torrent timer must be 0..86400 s, got " + slowAfterSeconds);
        }
    }

    private static void limit(String what, int n) {
        if (n < -1 || n > MAX_LIMIT) {
            throw new IllegalArgumentException(what + " must be -1 (no limit) or 0.." + MAX_LIMIT + ", got " + n);
        }
    }

    public QueueSettings withEnabled(boolean on) {
        return new QueueSettings(on, maxDownloads, maxSeeds, maxActive, ignoreSlow, slowDownload, slowUpload,
                slowAfterSeconds);
    }
}
