package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.storage.StorageException;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MetadataMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One info-hash in the engine, for its whole life: a {@link Torrent}, or, for a magnet link, first
 * a {@link MetadataFetch} and then the torrent made from the fetched metadata. Handles and the
 * engine's routing of incoming connections hold the slot, so they follow that change.
 *
 * <p>Owned by the engine context: every method runs there, except {@link #torrent()} and
 * {@link #infoHash()}, which any thread may read.
 */
public final class TorrentSlot {
    private final InfoHash infoHash;
    private final EngineRuntime rt;
    private final TrackerClient trackers;
    private final MetadataFetch fetch;
    private final Promise<Torrent> ready = Promise.promise();
    private volatile Torrent torrent;

    private TorrentSlot(InfoHash infoHash, EngineRuntime rt, TrackerClient trackers, Magnet magnet,
                        TorrentOptions options) {
        this.infoHash = infoHash;
        this.rt = rt;
        this.trackers = trackers;
        this.fetch = magnet == null ? null : new MetadataFetch(rt, magnet, options, trackers, this);
    }

    /** A slot holding a torrent added with its metainfo. */
    public static TorrentSlot of(Torrent t) {
        TorrentSlot s = new TorrentSlot(t.metainfo().infoHash(), t.rt, null, null, null);
        s.torrent = t;
        s.ready.complete(t);
        return s;
    }

    /** A slot for a magnet link: fetches the metadata once {@link #beginMagnet} is called. */
    public static TorrentSlot magnet(EngineRuntime rt, Magnet magnet, TorrentOptions options, TrackerClient trackers) {
        return new TorrentSlot(magnet.infoHash(), rt, trackers, magnet, options);
    }

    public void beginMagnet(boolean paused) {
        fetch.begin(paused);
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** The torrent, or null while the metadata is being fetched. Any thread. */
    public Torrent torrent() {
        return torrent;
    }

    /** The magnet link the slot was added from, or null. */
    public Magnet magnet() {
        return fetch == null ? null : fetch.magnet;
    }

    /** Completes with the torrent once it exists; fails if the slot is removed first. */
    public Future<Torrent> whenTorrent() {
        return ready.future();
    }

    /**
     * The fetch verified the info dictionary (or the user supplied it): the torrent is made with
     * the fetch's settings, learns its peers and bans, the listener hears {@code metadataReceived}
     * (before any state change of the torrent), and it starts with a full check.
     */
    void metadataReady(Metainfo meta, MetadataFetch from) {
        Torrent t;
        try {
            t = new Torrent(rt, meta, from.options, trackers, null);
        } catch (StorageException | RuntimeException e) {
            from.fail("cannot set up the torrent's files: " + e.getMessage());
            return;
        }
        Magnet magnet = from.magnet;
        if (magnet.hasFileSelection()) {
            // BEP 53: so= selects files; the others are skipped (indexes past the file list are ignored).
            List<FilePriority> priorities = new ArrayList<>();
            for (int i = 0; i < meta.files().size(); i++) {
                priorities.add(magnet.isFileSelected(i) ? FilePriority.NORMAL : FilePriority.SKIP);
            }
            t.selection.restore(priorities);
        }
        t.limits.set(from.downloadLimit, from.uploadLimit);
        t.book.banKeys(from.book.banned());
        // Those worth keeping first (connected, from the link's x.pe or the user): they outlive a restart.
        t.book.add(from.book.worthKeeping(ResumeData.MAX_PEERS), PeerBook.Source.USER);
        t.book.add(from.book.addresses(), PeerBook.Source.TRACKER);
        torrent = t;
        t.notifier.metadataReceived(meta);
        t.begin(null);
        if (from.userPaused) {
            t.pause();
        }
        ready.tryComplete(t);
    }

    /** {@code Engine.add} with the metainfo of a magnet still fetching: the fetch ends with it. */
    public void supplyMetadata(Metainfo meta) {
        if (torrent == null && fetch != null && !fetch.removed) {
            fetch.completed(meta);
        }
    }

    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        Torrent t = torrent;
        if (t != null) {
            t.attach(socket, address, outgoing, partial, rest);
        } else {
            fetch.attach(socket, address, outgoing, partial, rest);
        }
    }

    public Future<Void> remove(boolean deleteFiles) {
        Torrent t = torrent;
        if (t != null) {
            return t.remove(deleteFiles);
        }
        ready.tryFail(new dev.bitquark.engine.EngineException(dev.bitquark.engine.EngineException.Kind.REMOVED,
                "torrent " + infoHash + " was removed before its metadata arrived"));
        return fetch.remove().onComplete(ar -> fetch.notifier.removed());
    }

    public Future<Void> close() {
        Torrent t = torrent;
        return t != null ? t.close() : fetch.close();
    }

    public boolean isRemoved() {
        Torrent t = torrent;
        return t != null ? t.isRemoved() : fetch.removed;
    }

    public TorrentState state() {
        Torrent t = torrent;
        return t != null ? t.state() : fetch.state;
    }

    public String name() {
        Torrent t = torrent;
        return t != null ? t.metainfo().name() : fetch.name();
    }

    public TorrentStats stats() {
        Torrent t = torrent;
        return t != null ? t.stats() : fetch.stats();
    }

    public List<FileStats> fileStats() {
        Torrent t = torrent;
        return t != null ? t.fileStats() : List.of();
    }

    public List<PeerStats> peerStats() {
        Torrent t = torrent;
        return t != null ? t.peerStats() : fetch.peerStats();
    }

    public MetadataProgress metadataProgress() {
        Torrent t = torrent;
        if (t != null) {
            int size = t.metainfo().rawInfoLength();
            int pieces = (size + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
            return new MetadataProgress(size, pieces, pieces, 0, true, t.lifecycle.userPaused, List.of());
        }
        return fetch.progress();
    }

    /** Resume data; there is none before the metadata (the session keeps the magnet link instead). */
    public Future<ResumeData> resumeData() {
        Torrent t = torrent;
        return t != null ? t.resumeData() : Future.failedFuture(noMetadata("resume data"));
    }

    public Future<Void> pause() {
        Torrent t = torrent;
        return t != null ? t.pause() : fetch.pause();
    }

    public Future<Void> resume() {
        Torrent t = torrent;
        return t != null ? t.resume() : fetch.resume();
    }

    public Future<Void> recheck() {
        Torrent t = torrent;
        return t != null ? t.recheck() : Future.failedFuture(noMetadata("a recheck"));
    }

    public void reannounce() {
        Torrent t = torrent;
        if (t != null) {
            t.reannounce();
        } else {
            fetch.reannounce();
        }
    }

    /** Before the metadata nothing is on disk: only the folder the torrent will use changes. */
    public Future<Void> moveStorage(Path dir) {
        Torrent t = torrent;
        if (t != null) {
            return t.moveStorage(dir);
        }
        fetch.options = fetch.options.withSaveDir(dir);
        return Future.succeededFuture();
    }

    public void setRateLimits(long down, long up) {
        Torrent t = torrent;
        if (t != null) {
            t.setRateLimits(down, up);
        } else {
            if (down < 0 || up < 0) {
                throw new IllegalArgumentException("rate limits must be 0 (unlimited) or positive");
            }
            fetch.downloadLimit = down;
            fetch.uploadLimit = up;
        }
    }

    /** Before the metadata: the limit the torrent will start with (the fetch keeps its own small cap). */
    public void setMaxConnections(int max) {
        Torrent t = torrent;
        if (t != null) {
            t.setMaxConnections(max);
        } else {
            fetch.options = fetch.options.withMaxConnections(ConnectionTrim.positive(max));
            ConnectionTrim.closeLeastUseful(connections(), fetch.peers.size() - max,
                    "torrent connection limit lowered to " + max);
        }
    }

    /** The open connections: the torrent's, or the metadata fetch's. */
    Collection<PeerConnection> connections() {
        Torrent t = torrent;
        return t != null ? t.peers.values() : fetch.peers.values();
    }

    public void setSequential(boolean inOrder) {
        Torrent t = torrent;
        if (t != null) {
            t.setSequential(inOrder);
        } else {
            fetch.options = fetch.options.withSequential(inOrder);
        }
    }

    public void setFilePriorities(List<FilePriority> priorities) {
        torrentOrFail("file priorities").setFilePriorities(priorities);
    }

    public void setFilePriority(int file, FilePriority priority) {
        torrentOrFail("file priorities").setFilePriority(file, priority);
    }

    public List<FilePriority> filePriorities() {
        Torrent t = torrent;
        return t != null ? t.filePriorities() : List.of();
    }

    /** Peers the user gave: dialed now if there is room, and kept with the torrent (resume data, the stored link). */
    public void addPeers(List<InetSocketAddress> peers) {
        Torrent t = torrent;
        if (t != null) {
            t.addPeers(peers, PeerBook.Source.USER);
            t.notifier.resumeDataChanged();
        } else {
            fetch.addPeers(peers, PeerBook.Source.USER);
            fetch.notifier.resumeDataChanged();
        }
    }

    public List<String> bannedPeers() {
        Torrent t = torrent;
        return t != null ? t.bannedPeers() : fetch.book.banned().stream().sorted().toList();
    }

    public Future<Void> whenFinished() {
        Torrent t = torrent;
        return t != null ? t.whenFinished() : ready.future().compose(Torrent::whenFinished);
    }

    // For the engine's session totals.

    public long downloadRate() {
        Torrent t = torrent;
        return t != null ? t.downloadRate() : 0;
    }

    public long uploadRate() {
        Torrent t = torrent;
        return t != null ? t.uploadRate() : 0;
    }

    public long downloadedTotal() {
        Torrent t = torrent;
        return t != null ? t.downloadedTotal() : 0;
    }

    public long uploadedTotal() {
        Torrent t = torrent;
        return t != null ? t.uploadedTotal() : 0;
    }

    public int connectionCount() {
        Torrent t = torrent;
        return t != null ? t.connectionCount() : fetch.connectionCount();
    }

    public boolean isFinished() {
        Torrent t = torrent;
        return t != null && t.isFinished();
    }

    /** Disk jobs of the torrent queued or running; none while the metadata is fetched. */
    public int diskJobsInFlight() {
        Torrent t = torrent;
        return t != null ? t.diskJobsInFlight() : 0;
    }

    /** The trackers' status: the torrent's, or while the metadata is fetched, the link's. */
    public List<dev.bitquark.tracker.TrackerStatus> trackers() {
        Torrent t = torrent;
        return t != null ? t.trackers() : fetch.trackers();
    }

    /** Adds or removes trackers, in either phase. @throws IllegalArgumentException (see {@link TrackerList}) */
    public void changeTrackers(List<String> urls, boolean add) {
        Torrent t = torrent;
        if (t != null) {
            t.changeTrackers(urls, add);
        } else {
            fetch.changeTrackers(urls, add);
        }
    }

    /**
     * While the metadata is fetched: the magnet link as it stands (its trackers in force, the peers worth dialing
     * as {@code x.pe}), for keeping it across a restart; null once the torrent has its metadata.
     */
    public Magnet currentLink() {
        return torrent == null && fetch != null ? fetch.currentLink() : null;
    }

    /** The verified pieces; an empty bitfield while the metadata is fetched (the piece count is unknown). */
    public dev.bitquark.metainfo.Bitfield have() {
        Torrent t = torrent;
        return t != null ? t.have() : new dev.bitquark.metainfo.Bitfield(0);
    }

    /** The torrent, for operations that need its metadata; {@link EngineException} NO_METADATA before it arrives. */
    public Torrent requireTorrent(String what) {
        return torrentOrFail(what);
    }

    private Torrent torrentOrFail(String what) {
        Torrent t = torrent;
        if (t == null) {
            throw noMetadata(what);
        }
        return t;
    }

    private EngineException noMetadata(String what) {
        return new EngineException(EngineException.Kind.NO_METADATA, "torrent " + name()
                + " has no metadata yet (fetching it from peers, BEP 9): no " + what + " before it arrives");
    }
}
