package dev.bitquark.engine;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-torrent settings given when the torrent is added. Immutable. Resume data given to
 * {@code Engine.add} overrides {@code saveDir} (it follows {@code moveStorage}) and {@code sequential}.
 *
 * @param saveDir folder the torrent's files go under ({@code <saveDir>/<name>/...})
 * @param initialPeers peers to dial at start, besides those the trackers return
 * @param sequential download pieces in order (streaming) instead of rarest first
 * @param maxConnections connections for this torrent
 * @param maxKnownPeers addresses remembered for this torrent
 * @param maxOpenFiles open file handles for this torrent's storage
 * @param announcePort port announced to trackers (0: the listen port)
 * @param pieceBufferBytes memory for pieces being downloaded (bounds pieces in flight)
 */
public record TorrentOptions(Path saveDir, List<InetSocketAddress> initialPeers, boolean sequential,
                             int maxConnections, int maxKnownPeers, int maxOpenFiles, int announcePort,
                             long pieceBufferBytes) {
    public TorrentOptions {
        initialPeers = List.copyOf(initialPeers);
        if (maxConnections < 1 || maxKnownPeers < 1 || maxOpenFiles < 1 || pieceBufferBytes < 1) {
            throw new IllegalArgumentException("torrent limits must be positive");
        }
    }

    public static TorrentOptions defaults(Path saveDir) {
        return new TorrentOptions(saveDir, List.of(), false, 50, 3000, 128, 0, 16L << 20);
    }

    public TorrentOptions withSaveDir(Path dir) {
        return new TorrentOptions(dir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes);
    }

    public TorrentOptions withMaxConnections(int max) {
        return new TorrentOptions(saveDir, initialPeers, sequential, max, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes);
    }

    public TorrentOptions withInitialPeers(List<InetSocketAddress> peers) {
        return new TorrentOptions(saveDir, peers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes);
    }
}
