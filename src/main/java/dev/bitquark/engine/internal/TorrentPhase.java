package dev.bitquark.engine.internal;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.TrackerStatus;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The phase an info-hash is in: {@link MetadataFetch} (a magnet still fetching its info dictionary,
 * BEP 9) or {@link Torrent} (has metadata). A {@link TorrentSlot} holds the current one and asks it;
 * what only a torrent can do (file priorities, streaming) goes through the one switch in
 * {@link TorrentSlot#requireTorrent}. Each phase answers what it can: before the metadata there are
 * no files, no pieces and no transfer, and what needs them fails with {@code NO_METADATA}. The
 * transitions are in {@code engine/STATE.md}. Engine context.
 */
public sealed interface TorrentPhase permits MetadataFetch, Torrent {
    InfoHash infoHash();

    /** The torrent's name, or before the metadata the link's {@code dn} (else the info-hash in hex). */
    String name();

    TorrentState state();

    boolean isRemoved();

    // ---- lifecycle -------------------------------------------------------------------------------

    Future<Void> pause();

    /** From PAUSED or ERROR: into the queue ({@link TorrentState#QUEUED}) if {@code toQueue}, else running. */
    Future<Void> resume(boolean toQueue);

    /** The queue stops a running torrent (not one checking); it is not paused by the user. */
    Future<Void> queue();

    /** The queue starts a QUEUED torrent. */
    void dequeue();

    /** Paused by the user (kept across restarts), rather than stopped by the queue or by a failure. */
    boolean userPaused();

    /** Stops for good; the torrent's own files go too if {@code deleteFiles} (there are none before the metadata). */
    Future<Void> remove(boolean deleteFiles);

    /** Engine shutdown: stops, keeping what a restart needs. */
    Future<Void> close();

    /** Fails with {@code NO_METADATA} before the metadata. */
    Future<Void> recheck();

    void reannounce();

    /** Before the metadata nothing is on disk: only the folder the torrent will use changes. */
    Future<Void> moveStorage(Path dir);

    /** Fails with {@code NO_METADATA} before the metadata (the session keeps the magnet link instead). */
    Future<ResumeData> resumeData();

    // ---- settings --------------------------------------------------------------------------------

    /** Bytes/s, 0 = unlimited; before the metadata, those the torrent will start with. */
    void setRateLimits(long down, long up);

    /** A lower limit closes the least useful connections at once. */
    void setMaxConnections(int max);

    void setSequential(boolean inOrder);

    /** Peers the user gave: dialed now if there is room, and kept with the torrent (resume data, stored link). */
    void addUserPeers(List<InetSocketAddress> peers);

    /** Adds or removes tracker URLs (see {@link TrackerList#change}). */
    void changeTrackers(List<String> urls, boolean add);

    // ---- views -----------------------------------------------------------------------------------

    TorrentStats stats();

    List<FileStats> fileStats();

    List<FilePriority> filePriorities();

    List<PeerStats> peerStats();

    MetadataProgress metadataProgress();

    List<TrackerStatus> trackers();

    List<String> bannedPeers();

    /** The verified pieces; empty before the metadata (the piece count is unknown). */
    Bitfield have();

    long downloadRate();

    long uploadRate();

    long downloadedTotal();

    long uploadedTotal();

    int connectionCount();

    boolean isFinished();

    /** {@link #isFinished}, or before the first check what the resume data claims. */
    default boolean looksFinished() {
        return isFinished();
    }

    /** Bytes of the selected files; 0 before the metadata. */
    default long wantedBytes() {
        return 0;
    }

    /** Disk jobs queued or running; none before the metadata. */
    int diskJobsInFlight();
}
