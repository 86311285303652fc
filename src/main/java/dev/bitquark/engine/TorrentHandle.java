package dev.bitquark.engine;

import dev.bitquark.engine.internal.PeerBook;
import dev.bitquark.engine.internal.Torrent;
import dev.bitquark.engine.internal.TorrentPhase;
import dev.bitquark.engine.internal.TorrentSlot;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.TrackerStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A torrent in the engine, seen from outside. Thread-safe: every call hops onto the engine context
 * and returns a {@link Future} completed there (failed with {@link EngineException} {@code REMOVED} once the
 * torrent was removed). Holds no torrent state itself.
 *
 * <p>A torrent added from a magnet link has no metadata at first ({@link TorrentState#METADATA}):
 * then {@link #metainfo()} is null, the file list is empty, and resume data, rechecks and file
 * priorities fail with {@link EngineException} {@code NO_METADATA}. The same handle follows it once the metadata
 * arrives.
 */
public final class TorrentHandle {
    private final Context context;
    private final TorrentSlot slot;

    TorrentHandle(Context context, TorrentSlot slot) {
        this.context = context;
        this.slot = slot;
    }

    public InfoHash infoHash() {
        return slot.infoHash();
    }

    /** The torrent's metainfo (immutable), or null while its metadata is being fetched (magnet). */
    public Metainfo metainfo() {
        var t = slot.torrent();
        return t == null ? null : t.metainfo();
    }

    /** Whether the torrent has its metadata (always, unless added from a magnet link still fetching it). */
    public boolean hasMetadata() {
        return slot.hasMetadata();
    }

    /** The magnet link the torrent was added from, or null if it was added with its metainfo. */
    public Magnet magnet() {
        return slot.magnet();
    }

    /** Progress of the BEP 9 metadata fetch and the problems met with peers; complete once it has metadata. */
    public Future<MetadataProgress> metadataProgress() {
        return call(() -> phase().metadataProgress());
    }

    /** Completes once the torrent has its metadata (at once if it had it); fails if it is removed first. */
    public Future<Void> whenMetadata() {
        return callAsync(() -> slot.whenTorrent().mapEmpty());
    }

    public Future<TorrentStats> stats() {
        return call(() -> slot.stats());
    }

    /** Per file: size, bytes inside verified pieces, priority. */
    public Future<List<FileStats>> fileStats() {
        return call(() -> phase().fileStats());
    }

    /** Per connection: flags, rates, totals, the peer's client (BEP 10 {@code v}) and progress. */
    public Future<List<PeerStats>> peerStats() {
        return call(() -> phase().peerStats());
    }

    /**
     * Every tracker (BEP 12 tier, last announce, its outcome, swarm counts, next announce). While
     * paused, the status of the last live period; before the first, the trackers in force, not contacted. While a
     * magnet link's metadata is fetched, the link's trackers.
     */
    public Future<List<TrackerStatus>> trackers() {
        return call(() -> phase().trackers());
    }

    /**
     * Adds trackers, each in a tier of its own after the others (already present ones are skipped); also while
     * the metadata of a magnet link is fetched. While live, the new ones are announced to soon. Kept in resume data.
     *
     * @throws EngineException (failing the future) {@code INVALID_ARGUMENT} naming a URL that is not an http, https
     *     or udp tracker
     */
    public Future<Void> addTrackers(List<String> urls) {
        return call(() -> {
            phase().changeTrackers(urls, true);
            return null;
        });
    }

    /**
     * Removes trackers; those that know us get {@code stopped}. Kept in resume data.
     *
     * @throws EngineException (failing the future) {@code NOT_FOUND} if none of {@code urls} is a tracker of it
     */
    public Future<Void> removeTrackers(List<String> urls) {
        return call(() -> {
            phase().changeTrackers(urls, false);
            return null;
        });
    }

    /**
     * The magnet link as it stands, while the metadata is fetched (its trackers in force and the peers worth
     * dialing as {@code x.pe}); null once the torrent has its metadata.
     */
    public Future<dev.bitquark.metainfo.Magnet> currentLink() {
        return call(slot::currentLink);
    }

    /** The pieces verified so far (a copy; {@link Bitfield#toBytes()} gives the BEP 3 wire form). */
    public Future<Bitfield> pieces() {
        return call(() -> phase().have());
    }

    /**
     * Resume data to save: the pieces flushed to disk, file sizes and times, settings and totals.
     * After the engine closed: the snapshot taken at shutdown.
     */
    public Future<ResumeData> resumeData() {
        return callAsync(() -> slot.resumeData());
    }

    /**
     * Stops connections, announces and checks; files are flushed. Completes once all that is done.
     * Kept in resume data: a paused torrent comes back paused.
     */
    public Future<Void> pause() {
        return callAsync(() -> {
            Future<Void> f = phase().pause();
            slot.queueSoon(); // a slot frees
            return f;
        });
    }

    /**
     * From PAUSED or ERROR ("start from error retries"), into the queue if the queue is on (the torrent is not
     * forced); otherwise live again at once when the pieces on
     * disk are known, else after a check. Completes once the transition has begun.
     */
    public Future<Void> resume() {
        return callAsync(() -> slot.resume());
    }

    /**
     * Checks every piece again, also while live (the torrent is CHECKING meanwhile, without
     * connections); damaged pieces are downloaded again. Completes when the check is done.
     */
    public Future<Void> recheck() {
        return callAsync(() -> phase().recheck());
    }

    /** Announces to the trackers now (within their minimum interval) and retries known peers; only while live. */
    public Future<Void> reannounce() {
        return call(() -> {
            phase().reannounce();
            return null;
        });
    }

    /**
     * Changes the torrent's category, tags, seeding goals or forced start; kept in resume data. A forced torrent
     * leaves the queue at once; one no longer forced may go back to it.
     */
    public Future<Void> setPolicy(TorrentPolicy policy) {
        java.util.Objects.requireNonNull(policy, "policy");
        return call(() -> {
            slot.setPolicy(policy);
            slot.queueSoon();
            return null;
        });
    }

    /**
     * Renames a file or a folder inside the torrent (paths as {@link FileStats#path()} shows them; the torrent's
     * own folder stays); the data on disk moves with it. Fails with {@code NOT_FOUND} for a path that is not in
     * the torrent, {@code INVALID_ARGUMENT} for a bad new path, {@code STORAGE} if the disk refuses (a file is
     * already there, a link leads out of the download folder).
     */
    public Future<Void> rename(String from, String to) {
        return callAsync(() -> slot.requireTorrent("renaming files").names().rename(from, to));
    }

    /**
     * Renames the torrent's content on disk: a multi-file torrent's own folder, a single-file torrent's file
     * ({@link TorrentStats#contentName()}), to {@code newName}; the torrent's shown name follows unless the user
     * named it ({@link TorrentPolicy#name()}). Fails as {@link #rename} does.
     */
    public Future<Void> renameContent(String newName) {
        return callAsync(() -> slot.requireTorrent("renaming files").names().renameContent(newName));
    }

    /**
     * Changes the policy with {@code change} applied to the one in force, in one step on the engine context (two
     * concurrent changes both take effect); completes with the policy before and after.
     */
    public Future<List<TorrentPolicy>> updatePolicy(java.util.function.UnaryOperator<TorrentPolicy> change) {
        return call(() -> {
            TorrentPolicy before = slot.policy();
            TorrentPolicy after = java.util.Objects.requireNonNull(change.apply(before), "policy");
            slot.setPolicy(after);
            slot.queueSoon();
            return List.of(before, after);
        });
    }

    /** The torrent's category, tags, seeding goals and forced start. */
    public Future<TorrentPolicy> policy() {
        return call(slot::policy);
    }

    /** Sets every file's priority, one per file in metainfo order; changeable while live. */
    public Future<Void> setFilePriorities(List<FilePriority> priorities) {
        List<FilePriority> copy = List.copyOf(priorities);
        return call(() -> {
            slot.requireTorrent("file priorities").setFilePriorities(copy);
            return null;
        });
    }

    /**
     * Sets the priorities of some files (file index to priority) in one step: every index is
     * checked first (failing with {@link IllegalArgumentException}, nothing changed), then all
     * apply together, so a concurrent change cannot interleave.
     */
    public Future<Void> changeFilePriorities(Map<Integer, FilePriority> changes) {
        Map<Integer, FilePriority> copy = Map.copyOf(changes);
        return call(() -> {
            List<FilePriority> all = new ArrayList<>(phase().filePriorities());
            copy.forEach((file, priority) -> {
                if (file < 0 || file >= all.size()) {
                    throw new EngineException(EngineException.Kind.INVALID_ARGUMENT, "file " + file + " outside 0.."
                            + (all.size() - 1));
                }
                all.set(file, priority);
            });
            slot.requireTorrent("file priorities").setFilePriorities(all);
            return null;
        });
    }

    public Future<Void> setFilePriority(int fileIndex, FilePriority priority) {
        return call(() -> {
            slot.requireTorrent("file priorities").setFilePriority(fileIndex, priority);
            return null;
        });
    }

    public Future<List<FilePriority>> filePriorities() {
        return call(() -> phase().filePriorities());
    }

    /**
     * Moves the torrent's files under {@code newSaveDir}: I/O stops, the files move on a disk
     * worker, then the torrent returns to its state. On failure the old copy stays in use.
     */
    public Future<Void> moveStorage(Path newSaveDir) {
        return callAsync(() -> phase().moveStorage(newSaveDir));
    }

    /** This torrent's bandwidth limits in bytes/s (0 = unlimited), on top of the session's. */
    public Future<Void> setRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond) {
        return call(() -> {
            phase().setRateLimits(downloadBytesPerSecond, uploadBytesPerSecond);
            return null;
        });
    }

    /**
     * This torrent's connection limit (at least 1); a lower one closes the least useful connections
     * at once. Kept in resume data.
     */
    public Future<Void> setMaxConnections(int max) {
        return call(() -> {
            phase().setMaxConnections(max);
            return null;
        });
    }

    /** Pieces in order (streaming) or rarest first, from the next request on. Kept in resume data. */
    public Future<Void> setSequential(boolean inOrder) {
        return call(() -> {
            phase().setSequential(inOrder);
            return null;
        });
    }

    /** Dials these peers (e.g. given on the command line) besides those the trackers return. */
    public Future<Void> addPeers(List<InetSocketAddress> peers) {
        return call(() -> {
            phase().addUserPeers(peers);
            return null;
        });
    }

    /** Peers banned for sending corrupt data (ban keys: IP, or IP:port on loopback), sorted. */
    public Future<List<String>> bannedPeers() {
        return call(() -> phase().bannedPeers());
    }

    /**
     * Opens a reader of file {@code fileIndex} for streaming while the torrent downloads, with the default
     * read-ahead ({@link FileStream#DEFAULT_READ_AHEAD}).
     *
     * @see #openStream(int, long)
     */
    public Future<FileStream> openStream(int fileIndex) {
        return openStream(fileIndex, FileStream.DEFAULT_READ_AHEAD);
    }

    /**
     * Opens a reader of file {@code fileIndex}: its reads prioritize the pieces they need and the next
     * {@code readAheadBytes} (at least 4 pieces). Close it when done.
     *
     * @throws StreamException (failing the future) if the file is skipped or the torrent has too many streams
     * @throws IllegalArgumentException (failing the future) for an index outside the torrent or a padding file
     */
    public Future<FileStream> openStream(int fileIndex, long readAheadBytes) {
        return call(() -> {
            Torrent t = slot.requireTorrent("streaming");
            return new FileStream(context, t, t.openStream(fileIndex, readAheadBytes), fileIndex);
        });
    }

    /** Completes once every selected piece is verified and flushed to disk. */
    public Future<Void> whenFinished() {
        return callAsync(slot::whenFinished);
    }

    private void checkNotRemoved() {
        if (phase().isRemoved()) {
            throw new EngineException(EngineException.Kind.REMOVED, "torrent " + phase().name()
                    + " was removed from the engine");
        }
    }

    private TorrentPhase phase() {
        return slot.phase();
    }

    /** Runs {@code action} on the engine context; failures reach the future as {@link EngineException}s. */
    private <T> Future<T> call(Supplier<T> action) {
        return callAsync(() -> Future.succeededFuture(action.get()));
    }

    /** As {@link #call}, for an action that completes later. */
    private <T> Future<T> callAsync(Supplier<Future<T>> action) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                checkNotRemoved();
                action.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        p.complete(ar.result());
                    } else {
                        p.fail(EngineException.atBoundary(ar.cause()));
                    }
                });
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }
}
