package dev.bitquark.engine;

/**
 * One file of a torrent. Immutable snapshot.
 *
 * @param path path inside the torrent ("dir/file.ext"); the name for single-file torrents
 * @param verifiedBytes bytes of this file inside verified pieces
 */
public record FileStats(int index, String path, long size, long verifiedBytes, FilePriority priority, boolean padding) {
    public double progress() {
        return size == 0 ? 1.0 : (double) verifiedBytes / size;
    }
}
