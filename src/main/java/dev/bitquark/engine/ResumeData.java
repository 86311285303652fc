package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine needs to restart a torrent without a full check, and what the user set on it.
 * Immutable. {@code have} lists only pieces whose data was flushed to disk ({@code force}) before
 * this snapshot was taken: a "have" bit never outlives its data (see STATE.md). {@code unsynced}
 * lists pieces that were verified and written but not yet flushed: they survive a killed process
 * (the operating system still holds the writes) but maybe not a power cut, so a restart hashes each
 * of them again before having it, instead of downloading it again.
 *
 * @param have wire-form bitfield (BEP 3 bit order) of durable pieces; length ceil(pieceCount/8)
 * @param filePriorities one per file of the metainfo, in order
 * @param fileSizes on-disk size of each file when {@code have} was taken (-1: missing; -2: not known,
 *     e.g. saved before the first check finished, which makes the next start check every piece)
 * @param fileMtimes on-disk modification time (ms) of each file when {@code have} was taken (-1: missing;
 *     -2: not known)
 * @param downloadLimit per-torrent bytes/s, 0 = unlimited
 * @param uploadLimit per-torrent bytes/s, 0 = unlimited
 * @param error the last error, if the torrent was stopped by one (null otherwise)
 * @param unsynced wire-form bitfield of pieces written but not known durable, disjoint from {@code
 *     have}; same length as {@code have}
 * @param maxConnections this torrent's connection limit; 0 in data saved before it was kept, which
 *     means the options' limit
 * @param trackers the trackers in force (BEP 12 tiers), which the user may have changed; null: the metainfo's
 *     (also in data saved before they were kept)
 * @param peers peers worth dialing at the next start (connected, or added by the user), at most
 *     {@value #MAX_PEERS}: a torrent whose peers came from a magnet link's {@code x.pe} or the user, not from a
 *     tracker, would otherwise find none after a restart
 * @param policy category, tags, seeding goals, forced start
 * @param queueOrder the torrent's place in the queue: lower runs first (not a position: moves change one or two)
 * @param times time spent downloading and seeding, last activity
 * @param renamedFiles files renamed by the user: index → the path's components below the save folder (for a
 *     multi-file torrent, its own folder first); the others keep the metainfo's
 */
public record ResumeData(
        InfoHash infoHash,
        Path saveDir,
        int pieceCount,
        byte[] have,
        List<FilePriority> filePriorities,
        long[] fileSizes,
        long[] fileMtimes,
        long uploadedTotal,
        long downloadedTotal,
        long addedAtMillis,
        long completedAtMillis,
        boolean paused,
        boolean sequential,
        long downloadLimit,
        long uploadLimit,
        String error,
        byte[] unsynced,
        int maxConnections,
        List<List<String>> trackers,
        List<InetSocketAddress> peers,
        TorrentPolicy policy,
        long queueOrder,
        TorrentTimes times,
        Map<Integer, List<String>> renamedFiles) {
    /** Most peers kept. */
    public static final int MAX_PEERS = 200;

    public ResumeData {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(saveDir, "saveDir");
        filePriorities = List.copyOf(filePriorities);
        have = have.clone();
        unsynced = unsynced.clone();
        fileSizes = fileSizes.clone();
        fileMtimes = fileMtimes.clone();
        if (pieceCount < 0 || have.length != (pieceCount + 7) / 8) {
            throw new IllegalArgumentException("have bitfield of " + have.length + " bytes for " + pieceCount + " pieces");
        }
        if (unsynced.length != have.length) {
            throw new IllegalArgumentException("unsynced bitfield of " + unsynced.length + " bytes for " + pieceCount
                    + " pieces");
        }
        for (int i = 0; i < have.length; i++) {
            if ((have[i] & unsynced[i]) != 0) {
                throw new IllegalArgumentException("a piece is both durable and unsynced (byte " + i + ")");
            }
        }
        if (fileSizes.length != filePriorities.size() || fileMtimes.length != filePriorities.size()) {
            throw new IllegalArgumentException("file arrays disagree with the file count " + filePriorities.size());
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must be 0 (default) or positive, got " + maxConnections);
        }
        trackers = trackers == null ? null : trackers.stream().map(List::copyOf).toList();
        peers = peers == null ? List.of() : List.copyOf(peers);
        if (peers.size() > MAX_PEERS) {
            throw new IllegalArgumentException(peers.size() + " peers; at most " + MAX_PEERS);
        }
        policy = policy == null ? TorrentPolicy.DEFAULT : policy;
        times = times == null ? TorrentTimes.NONE : times;
        renamedFiles = renamedFiles == null ? Map.of() : renamedFiles.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        for (Map.Entry<Integer, List<String>> e : renamedFiles.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= filePriorities.size() || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("renamed file " + e.getKey() + " is not a file of the torrent");
            }
        }
    }

    /** The same resume data with the renamed files replaced. */
    public ResumeData withRenamedFiles(Map<Integer, List<String>> renamed) {
        return new ResumeData(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes,
                uploadedTotal, downloadedTotal, addedAtMillis, completedAtMillis, paused, sequential, downloadLimit,
                uploadLimit, error, unsynced, maxConnections, trackers, peers, policy, queueOrder, times, renamed);
    }

    /** Resume data without a policy, queue order or times of its own (data saved before they were kept). */
    public ResumeData(InfoHash infoHash, Path saveDir, int pieceCount, byte[] have, List<FilePriority> filePriorities,
                      long[] fileSizes, long[] fileMtimes, long uploadedTotal, long downloadedTotal, long addedAtMillis,
                      long completedAtMillis, boolean paused, boolean sequential, long downloadLimit, long uploadLimit,
                      String error, byte[] unsynced, int maxConnections, List<List<String>> trackers,
                      List<InetSocketAddress> peers) {
        this(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes, uploadedTotal, downloadedTotal,
                addedAtMillis, completedAtMillis, paused, sequential, downloadLimit, uploadLimit, error, unsynced,
                maxConnections, trackers, peers, TorrentPolicy.DEFAULT, 0, TorrentTimes.NONE, Map.of());
    }

    /** The same resume data with the queue's and session's parts replaced. */
    public ResumeData withSessionParts(TorrentPolicy newPolicy, long newQueueOrder, TorrentTimes newTimes) {
        return new ResumeData(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes,
                uploadedTotal, downloadedTotal, addedAtMillis, completedAtMillis, paused, sequential, downloadLimit,
                uploadLimit, error, unsynced, maxConnections, trackers, peers, newPolicy, newQueueOrder, newTimes,
                renamedFiles);
    }

    /** Resume data without trackers of its own (the metainfo's) and without peers. */
    public ResumeData(InfoHash infoHash, Path saveDir, int pieceCount, byte[] have, List<FilePriority> filePriorities,
                      long[] fileSizes, long[] fileMtimes, long uploadedTotal, long downloadedTotal, long addedAtMillis,
                      long completedAtMillis, boolean paused, boolean sequential, long downloadLimit, long uploadLimit,
                      String error, byte[] unsynced, int maxConnections) {
        this(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes, uploadedTotal, downloadedTotal,
                addedAtMillis, completedAtMillis, paused, sequential, downloadLimit, uploadLimit, error, unsynced,
                maxConnections, null, List.of());
    }

    /** The same resume data with {@code have} and {@code unsynced} replaced. */
    public ResumeData withPieces(byte[] newHave, byte[] newUnsynced) {
        return new ResumeData(infoHash, saveDir, pieceCount, newHave, filePriorities, fileSizes, fileMtimes,
                uploadedTotal, downloadedTotal, addedAtMillis, completedAtMillis, paused, sequential, downloadLimit,
                uploadLimit, error, newUnsynced, maxConnections, trackers, peers, policy, queueOrder, times,
                renamedFiles);
    }

    /** Resume data with the default connection limit. */
    public ResumeData(InfoHash infoHash, Path saveDir, int pieceCount, byte[] have, List<FilePriority> filePriorities,
                      long[] fileSizes, long[] fileMtimes, long uploadedTotal, long downloadedTotal, long addedAtMillis,
                      long completedAtMillis, boolean paused, boolean sequential, long downloadLimit, long uploadLimit,
                      String error, byte[] unsynced) {
        this(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes, uploadedTotal, downloadedTotal,
                addedAtMillis, completedAtMillis, paused, sequential, downloadLimit, uploadLimit, error, unsynced, 0);
    }

    /** Resume data without unsynced pieces. */
    public ResumeData(InfoHash infoHash, Path saveDir, int pieceCount, byte[] have, List<FilePriority> filePriorities,
                      long[] fileSizes, long[] fileMtimes, long uploadedTotal, long downloadedTotal, long addedAtMillis,
                      long completedAtMillis, boolean paused, boolean sequential, long downloadLimit, long uploadLimit,
                      String error) {
        this(infoHash, saveDir, pieceCount, have, filePriorities, fileSizes, fileMtimes, uploadedTotal, downloadedTotal,
                addedAtMillis, completedAtMillis, paused, sequential, downloadLimit, uploadLimit, error,
                new byte[have.length]);
    }

    @Override
    public byte[] unsynced() {
        return unsynced.clone();
    }

    @Override
    public byte[] have() {
        return have.clone();
    }

    @Override
    public long[] fileSizes() {
        return fileSizes.clone();
    }

    @Override
    public long[] fileMtimes() {
        return fileMtimes.clone();
    }
}
