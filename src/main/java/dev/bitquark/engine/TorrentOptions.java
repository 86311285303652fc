package dev.bitquark.engine;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-torrent settings given when the torrent is added. Immutable. Resume data given to
 * {@code Engine.add} overrides {@code saveDir} (it follows {@code moveStorage}), {@code sequential},
 * {@code filePriorities}, the rate limits and {@code startPaused}: what the user changed later wins
 * over what was asked at add time.
 *
 * @param saveDir folder the torrent's files go under ({@code <saveDir>/<name>/...})
 * @param initialPeers peers to dial at start, besides those the trackers return
 * @param sequential download pieces in order (streaming) instead of rarest first
 * @param maxConnections connections for this torrent
 * @param maxKnownPeers addresses remembered for this torrent
 * @param maxOpenFiles open file handles for this torrent's storage
 * @param announcePort port announced to trackers (0: the listen port)
 * @param pieceBufferBytes memory for pieces being downloaded (bounds pieces in flight)
 * @param filePriorities one per file of the metainfo, in order, in force before the first piece is
 *     requested; empty: every file {@link FilePriority#NORMAL}
 * @param downloadLimit this torrent's download limit in bytes/s from the start, 0 = unlimited
 * @param uploadLimit this torrent's upload limit in bytes/s from the start, 0 = unlimited
 * @param startPaused added PAUSED: no check, no connection, no announce until {@code resume()}
 * @param downloadRoot the folder the torrent's writes, moves and deletes must stay inside once symbolic links are
 *     resolved (checked when each happens); null: {@code saveDir} itself. A server passes its download folder.
 * @param policy category, tags, seeding goals and forced start, from the start (resume data's wins)
 */
public record TorrentOptions(Path saveDir, List<InetSocketAddress> initialPeers, boolean sequential,
                             int maxConnections, int maxKnownPeers, int maxOpenFiles, int announcePort,
                             long pieceBufferBytes, List<FilePriority> filePriorities, long downloadLimit,
                             long uploadLimit, boolean startPaused, Path downloadRoot, TorrentPolicy policy) {
    public TorrentOptions {
        initialPeers = List.copyOf(initialPeers);
        filePriorities = List.copyOf(filePriorities);
        policy = policy == null ? TorrentPolicy.DEFAULT : policy;
        if (maxConnections < 1 || maxKnownPeers < 1 || maxOpenFiles < 1 || pieceBufferBytes < 1) {
            throw new IllegalArgumentException("torrent limits must be positive");
        }
        if (downloadLimit < 0 || uploadLimit < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (unlimited) or positive, got download "
                    + downloadLimit + ", upload " + uploadLimit);
        }
    }

    public static TorrentOptions defaults(Path saveDir) {
        return new TorrentOptions(saveDir, List.of(), false, 50, 3000, 128, 0, 16L << 20, List.of(), 0, 0, false, null, TorrentPolicy.DEFAULT);
    }

    public TorrentOptions withSaveDir(Path dir) {
        return new TorrentOptions(dir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, downloadRoot, policy);
    }

    public TorrentOptions withMaxConnections(int max) {
        return new TorrentOptions(saveDir, initialPeers, sequential, max, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, downloadRoot, policy);
    }

    public TorrentOptions withInitialPeers(List<InetSocketAddress> peers) {
        return new TorrentOptions(saveDir, peers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, downloadRoot, policy);
    }

    public TorrentOptions withSequential(boolean inOrder) {
        return new TorrentOptions(saveDir, initialPeers, inOrder, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, downloadRoot, policy);
    }

    /** One priority per file of the metainfo, in order (checked against the file count by {@code Engine.add}). */
    public TorrentOptions withFilePriorities(List<FilePriority> priorities) {
        return new TorrentOptions(saveDir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, priorities, downloadLimit, uploadLimit, startPaused, downloadRoot, policy);
    }

    /** Bytes/s, 0 = unlimited. */
    public TorrentOptions withRateLimits(long down, long up) {
        return new TorrentOptions(saveDir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, down, up, startPaused, downloadRoot, policy);
    }

    public TorrentOptions withStartPaused(boolean paused) {
        return new TorrentOptions(saveDir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, paused, downloadRoot, policy);
    }

    /** The folder writes must stay inside (see {@code downloadRoot}). */
    public TorrentOptions withDownloadRoot(Path root) {
        return new TorrentOptions(saveDir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, root, policy);
    }

    public TorrentOptions withPolicy(TorrentPolicy newPolicy) {
        return new TorrentOptions(saveDir, initialPeers, sequential, maxConnections, maxKnownPeers, maxOpenFiles,
                announcePort, pieceBufferBytes, filePriorities, downloadLimit, uploadLimit, startPaused, downloadRoot,
                newPolicy);
    }

    /** {@code downloadRoot}, or the save folder when none was given. */
    public Path confinement() {
        return downloadRoot != null ? downloadRoot : saveDir;
    }
}
