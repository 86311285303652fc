package dev.bitquark.engine;

/**
 * How long a torrent has run, kept across restarts (seeding goals count seeding time in total, as qBittorrent
 * and Transmission do).
 *
 * @param downloadingSeconds seconds running while not finished (fetching metadata, checking, downloading)
 * @param seedingSeconds seconds running while finished
 * @param lastActivityMillis when it last sent or received data (epoch ms), 0 if never
 */
public record TorrentTimes(long downloadingSeconds, long seedingSeconds, long lastActivityMillis) {
    public static final TorrentTimes NONE = new TorrentTimes(0, 0, 0);

    public TorrentTimes {
        if (downloadingSeconds < 0 || seedingSeconds < 0 || lastActivityMillis < 0) {
            throw new IllegalArgumentException("torrent times cannot be negative");
        }
    }
}
