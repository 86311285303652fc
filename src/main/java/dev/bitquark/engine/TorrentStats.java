package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;

/**
 * An immutable snapshot of one torrent, taken on the engine context.
 *
 * @param wantedBytes bytes of the selected files (padding excluded)
 * @param verifiedBytes bytes of had pieces that belong to selected files
 * @param haveBytes bytes of all had pieces
 * @param checkedFraction progress of the running check, 0..1 (1 when not checking)
 * @param finished every selected piece is verified on disk (seeding if still live)
 * @param etaSeconds estimated seconds to finish at the current rate, or -1 if unknown
 * @param fastResumed the last check trusted resume data after a spot check instead of reading every piece
 * @param checkedPieces pieces the running check has examined so far (in step with {@code checkedFraction}), or
 *     those the last check examined (all of them for a full check, a few for fast resume)
 * @param saveDir the folder the torrent's files are saved under
 * @param contentName where the data is in {@code saveDir}: a multi-file torrent's folder, a single-file torrent's
 *     file, after the user's renames (the name is only a label; see {@link TorrentPolicy#name()})
 * @param downloadLimit this torrent's limit in bytes/s, 0 = unlimited
 * @param uploadLimit this torrent's limit in bytes/s, 0 = unlimited
 * @param sequential pieces are requested in order (streaming-friendly) rather than rarest first
 * @param addedAtMillis when the torrent was added (epoch ms)
 * @param completedAtMillis when every selected piece was first verified (epoch ms), 0 if not yet
 * @param maxConnections this torrent's connection limit
 * @param peersBySource connected peers by where they were learned (tracker, DHT, PEX, LSD, incoming…); origins
 *     without a connection are left out
 * @param policy category, tags, seeding goals (the torrent's own, see {@code effectiveGoals}), forced
 * @param queuePosition place in the queue, 0 first, among all torrents
 * @param queueOrder the key the queue sorts by (kept in resume data)
 * @param times time downloading and seeding (in whole minutes, counted in seconds), last activity
 * @param effectiveGoals the seeding goals in force (the torrent's, the session's where it has none)
 * @param goalReached which seeding goal the torrent has reached (why it stopped, or will at the next pass), or null
 */
public record TorrentStats(
        InfoHash infoHash,
        String name,
        TorrentState state,
        String error,
        boolean finished,
        long totalBytes,
        long wantedBytes,
        long verifiedBytes,
        long haveBytes,
        int pieceCount,
        int havePieces,
        double checkedFraction,
        long downloadRate,
        long uploadRate,
        long downloadedTotal,
        long uploadedTotal,
        long wastedTotal,
        int peersConnected,
        int peersKnown,
        int seedsConnected,
        long etaSeconds,
        boolean fastResumed,
        long checkedPieces,
        String saveDir,
        String contentName,
        long downloadLimit,
        long uploadLimit,
        boolean sequential,
        long addedAtMillis,
        long completedAtMillis,
        int maxConnections,
        java.util.Map<PeerOrigin, Integer> peersBySource,
        TorrentPolicy policy,
        int queuePosition,
        long queueOrder,
        TorrentTimes times,
        SeedGoals effectiveGoals,
        String goalReached) {

    public TorrentStats {
        peersBySource = peersBySource == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(peersBySource);
        policy = policy == null ? TorrentPolicy.DEFAULT : policy;
        times = times == null ? TorrentTimes.NONE : times;
        effectiveGoals = effectiveGoals == null ? SeedGoals.UNLIMITED : effectiveGoals;
    }

    /** Stats as a phase of the torrent knows them, before the session's parts (policy, queue, times) are added. */
    public TorrentStats(InfoHash infoHash, String name, TorrentState state, String error, boolean finished,
                        long totalBytes, long wantedBytes, long verifiedBytes, long haveBytes, int pieceCount,
                        int havePieces, double checkedFraction, long downloadRate, long uploadRate,
                        long downloadedTotal, long uploadedTotal, long wastedTotal, int peersConnected, int peersKnown,
                        int seedsConnected, long etaSeconds, boolean fastResumed, long checkedPieces, String saveDir,
                        long downloadLimit, long uploadLimit, boolean sequential, long addedAtMillis,
                        long completedAtMillis, int maxConnections, java.util.Map<PeerOrigin, Integer> peersBySource,
                        String contentName) {
        this(infoHash, name, state, error, finished, totalBytes, wantedBytes, verifiedBytes, haveBytes, pieceCount,
                havePieces, checkedFraction, downloadRate, uploadRate, downloadedTotal, uploadedTotal, wastedTotal,
                peersConnected, peersKnown, seedsConnected, etaSeconds, fastResumed, checkedPieces, saveDir,
                contentName, downloadLimit, uploadLimit, sequential, addedAtMillis, completedAtMillis, maxConnections,
                peersBySource, TorrentPolicy.DEFAULT, 0, 0, TorrentTimes.NONE, SeedGoals.UNLIMITED, null);
    }

    /**
     * These stats with the parts the engine keeps per info-hash, whatever the phase; named as the policy says if the
     * user gave the torrent a name.
     */
    public TorrentStats withSessionParts(TorrentPolicy newPolicy, int newQueuePosition, long newQueueOrder,
                                         TorrentTimes newTimes,
                                         SeedGoals newEffectiveGoals, String newGoalReached) {
        return new TorrentStats(infoHash, newPolicy.name() != null ? newPolicy.name() : name, state, error, finished,
                totalBytes, wantedBytes, verifiedBytes,
                haveBytes, pieceCount, havePieces, checkedFraction, downloadRate, uploadRate, downloadedTotal,
                uploadedTotal, wastedTotal, peersConnected, peersKnown, seedsConnected, etaSeconds, fastResumed,
                checkedPieces, saveDir, contentName, downloadLimit, uploadLimit, sequential, addedAtMillis, completedAtMillis,
                maxConnections, peersBySource, newPolicy, newQueuePosition, newQueueOrder, newTimes, newEffectiveGoals,
                newGoalReached);
    }

    /** The share ratio seeding goals are measured by ({@link SeedGoals#ratioOf}). */
    public double shareRatio() {
        return SeedGoals.ratioOf(uploadedTotal, downloadedTotal, wantedBytes);
    }

    /**
     * Share of the selected bytes that are verified, 0..1: 0 while a magnet link's metadata is missing (its pieces
     * are not even known; {@code pieceCount} is 0), 1 when every file is skipped (nothing is wanted).
     */
    public double progress() {
        if (pieceCount == 0) {
            return 0.0;
        }
        return wantedBytes == 0 ? 1.0 : (double) verifiedBytes / wantedBytes;
    }
}
