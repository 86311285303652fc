package dev.bitquark.engine.internal;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import dev.bitquark.storage.StorageFile;
import dev.bitquark.storage.StorageLayout;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.Scheduler;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.tracker.TrackerStatus;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;

/**
 * One torrent: its connections and swarm bookkeeping, and the parts it is made of: the lifecycle
 * ({@link Lifecycle}: checking, live, paused, error), downloading ({@link Downloads}), uploading
 * ({@link Uploads}), the durable have set ({@link DurableHave}), file selection
 * ({@link FileSelection}) and bandwidth limits ({@link RateLimits}). Every method runs on the
 * engine context (see {@code engine/STATE.md} for the states).
 */
public final class Torrent implements PeerConnection.Events {
    private static final Logger LOG = Logger.getLogger(Torrent.class.getName());

    final EngineRuntime rt;
    final Metainfo meta;
    final TorrentGeometry geometry;
    final PieceStorage storage;
    final PiecePicker picker;
    final Choker choker;
    final SmartBan<String> smartBan = new SmartBan<>();
    final PeerBook book;
    final TorrentOptions options;
    final Map<Integer, PeerConnection> peers = new HashMap<>();
    final Map<Integer, String> banKeys = new HashMap<>();
    final RateEstimator downRate = new RateEstimator();
    final RateEstimator upRate = new RateEstimator();
    final Notifier notifier;
    final FileSelection selection;
    final Downloads downloads;
    final Uploads uploads;
    final DurableHave durable;
    final RateLimits limits;
    final Lifecycle lifecycle;
    final Streams streams;
    private final TrackerClient trackers;
    private final Random random = new Random();
    private Promise<Void> finishedPromise = Promise.promise();
    /** The trackers in force (the metainfo's, or those of the resume data) and their announcer. */
    final TrackerList trackerList;

    TorrentState state = TorrentState.PAUSED;
    String error;
    boolean finished;
    boolean removed;
    Path saveDir;
    private int connecting;
    int maxConnections; // from the options or resume data; changeable at run time
    long downloadedTotal;
    long uploadedTotal;
    long wastedTotal;
    long addedAtMillis = System.currentTimeMillis();
    long completedAtMillis;
    /** Resume data taken when the engine shut down (the disk pool is gone afterwards). */
    private ResumeData finalResume;

    /**
     * A torrent in the engine, not started yet ({@link #begin}). Resume data, if given, restores
     * what the user set (priorities, limits, sequential, save folder) and the transfer totals;
     * without it, {@code options} give the priorities and limits.
     */
    public Torrent(EngineRuntime rt, Metainfo meta, TorrentOptions options, TrackerClient trackers, ResumeData resume)
            throws StorageException {
        this.rt = rt;
        this.meta = meta;
        this.options = options;
        this.trackers = trackers;
        this.geometry = meta.geometry();
        this.saveDir = resume != null ? resume.saveDir() : options.saveDir();
        // Named after the info-hash (the part file, as libtorrent names it), so torrents sharing a folder never mix.
        this.storage = rt.config().storage().create(saveDir, layoutOf(meta), options.maxOpenFiles(),
                options.downloadRoot(), meta.infoHash().toHex());
        this.saveDir = storage.root();
        this.picker = new PiecePicker(geometry, new Random());
        this.picker.setSequential(resume != null ? resume.sequential() : options.sequential());
        this.maxConnections = resume != null && resume.maxConnections() > 0 ? resume.maxConnections()
                : options.maxConnections();
        this.choker = new Choker(Choker.Config.defaults(), new Random());
        this.book = new PeerBook(options.maxKnownPeers());
        this.notifier = new Notifier(rt, meta.infoHash());
        this.selection = new FileSelection(this);
        this.downloads = new Downloads(this);
        this.uploads = new Uploads(this);
        this.durable = new DurableHave(this, geometry.pieceCount());
        this.limits = new RateLimits(rt);
        this.lifecycle = new Lifecycle(this);
        this.streams = new Streams(this);
        this.trackerList = new TrackerList(resume != null && resume.trackers() != null ? resume.trackers()
                : meta.announceTiers(), tiers -> trackers == null ? null : new Announcer(trackers,
                        Scheduler.of(rt.vertx()), meta.infoHash(), rt.peerId(),
                        options.announcePort() > 0 ? options.announcePort() : rt.listenPort(), tiers,
                        () -> new Announcer.Transfer(uploadedTotal, downloadedTotal, picker.wantedBytesLeft()),
                        found -> addPeers(found, PeerBook.Source.TRACKER), Announcer.Options.DEFAULTS, random), random);
        if (resume != null) {
            book.add(resume.peers(), PeerBook.Source.SAVED);
            selection.restore(resume.filePriorities());
            limits.set(resume.downloadLimit(), resume.uploadLimit());
            downloadedTotal = resume.downloadedTotal();
            uploadedTotal = resume.uploadedTotal();
            addedAtMillis = resume.addedAtMillis();
            completedAtMillis = resume.completedAtMillis();
        } else {
            // Asked at add time: in force before the first check ends, so no unwanted piece is requested.
            if (!options.filePriorities().isEmpty()) {
                selection.restore(options.filePriorities());
            }
            limits.set(options.downloadLimit(), options.uploadLimit());
        }
        if (rt.listenPort() > 0) {
            book.addSelf(new InetSocketAddress("127.0.0.1", rt.listenPort()));
        }
    }

    /** The storage layout of a torrent: every file under {@code <save dir>/<name>/...}. */
    static StorageLayout layoutOf(Metainfo meta) {
        List<StorageFile> files = new ArrayList<>();
        for (FileEntry f : meta.files()) {
            files.add(new StorageFile(f.index(), meta.storagePath(f.index()), f.length(), f.offset(), f.padding()));
        }
        return new StorageLayout(meta.geometry(), files);
    }

    /** Adds or removes tracker URLs (see {@link TrackerList#change}). @throws EngineException for a bad URL */
    public void changeTrackers(List<String> urls, boolean add) {
        trackerList.change(urls, add, state == TorrentState.LIVE);
        notifier.resumeDataChanged();
    }

    // ---- lifecycle (see Lifecycle) ----------------------------------------------------------------

    /** Starts the torrent after it was added: checks (or restores it paused) and goes live. */
    public void begin(ResumeData resume) {
        rt.assertOnContext();
        lifecycle.begin(resume);
    }

    public Future<Void> resume() {
        return lifecycle.resume();
    }

    public Future<Void> pause() {
        return lifecycle.pause();
    }

    public Future<Void> recheck() {
        return lifecycle.recheck();
    }

    public void reannounce() {
        lifecycle.reannounce();
    }

    public Future<Void> moveStorage(Path dir) {
        return lifecycle.moveStorage(dir);
    }

    /** Leaves the engine: stops, deletes the torrent's own files if asked, closes the storage. */
    public Future<Void> remove(boolean deleteFiles) {
        removed = true;
        streams.closeAll("torrent " + meta.name() + " was removed");
        return lifecycle.remove().compose(v -> rt.<Void>onDisk(() -> {
            try {
                if (deleteFiles) {
                    storage.deleteFiles();
                }
            } finally {
                storage.close();
            }
            return null;
        })).onComplete(ar -> notifier.removed());
    }

    /** Shutdown: stops, keeps a last resume data snapshot, closes the storage. */
    public Future<Void> close() {
        streams.closeAll("the engine is shutting down");
        return lifecycle.close()
                .compose(v -> resumeData())
                .transform(ar -> {
                    finalResume = ar.succeeded() ? ar.result() : null;
                    return rt.<Void>onDisk(() -> {
                        storage.close();
                        return null;
                    });
                });
    }

    /**
     * The check's verdict replaces the have set; {@code durableNow} (a subset of {@code valid}, or null):
     * pieces trusted from resume data as already flushed to disk.
     */
    void applyCheck(Bitfield valid, Bitfield durableNow) {
        for (int p = 0; p < geometry.pieceCount(); p++) {
            boolean had = picker.hasPiece(p);
            if (had && !valid.get(p)) {
                picker.clearHave(p);
                durable.pieceLost(p);
                downloads.pieceLost(p);
            } else if (!had && valid.get(p)) {
                picker.markHave(p);
                downloads.pieceHad(p, false);
            }
        }
        if (durableNow != null) {
            durable.trust(durableNow);
        }
        if (finished && !picker.isComplete()) {
            downloads.unfinish();
        }
    }

    /** Completes once every wanted piece is verified and flushed to disk. */
    public Future<Void> whenFinished() {
        return finishedPromise.future();
    }

    /** Every wanted piece is had and flushed; {@code firstTime}: not known complete before (listener event). */
    void markFinished(boolean firstTime) {
        finishedPromise.tryComplete();
        if (firstTime) {
            notifier.finished();
            notifier.resumeDataChanged();
        }
    }

    void newFinishedPromise() {
        if (finishedPromise.future().isComplete()) {
            finishedPromise = Promise.promise();
        }
    }

    // ---- settings ----------------------------------------------------------------------------------

    public void setFilePriorities(List<FilePriority> priorities) {
        selection.setAll(priorities);
    }

    public void setFilePriority(int file, FilePriority priority) {
        selection.set(file, priority);
    }

    public List<FilePriority> filePriorities() {
        return selection.priorities();
    }

    /** Bytes/s, 0 = unlimited. */
    public void setRateLimits(long down, long up) {
        limits.set(down, up);
        notifier.resumeDataChanged();
    }

    /** A lower limit closes the least useful connections at once. */
    public void setMaxConnections(int max) {
        maxConnections = ConnectionTrim.positive(max);
        ConnectionTrim.closeLeastUseful(peers.values(), peers.size() - max, "torrent connection limit lowered to " + max);
        notifier.resumeDataChanged();
    }

    /** In order (streaming) or rarest first, from the next request on; requests in flight stay. */
    public void setSequential(boolean inOrder) {
        picker.setSequential(inOrder);
        notifier.resumeDataChanged();
    }

    // ---- streams (see Streams) ---------------------------------------------------------------------

    /** Opens a reader of {@code file}; returns its id. @throws dev.bitquark.engine.StreamException if it cannot */
    public int openStream(int file, long readAhead) {
        return streams.open(file, readAhead);
    }

    public Future<Void> awaitStream(int id, long offset, long length) {
        return streams.await(id, offset, length);
    }

    /** @throws dev.bitquark.engine.StreamException if the range cannot arrive (see {@code Streams.reachable}) */
    public void checkStreamReachable(int id, long offset, long length) {
        streams.reachable(id, offset, length);
    }

    public Future<io.vertx.core.buffer.Buffer> readStream(int id, long offset, int length) {
        return streams.read(id, offset, length);
    }

    public void closeStream(int id) {
        streams.close(id);
    }

    // ---- peers -----------------------------------------------------------------------------------

    /** New peer addresses; dials some right away if below the connection limit. */
    public void addPeers(List<InetSocketAddress> addresses, PeerBook.Source source) {
        if (book.add(addresses, source) > 0 && state == TorrentState.LIVE) {
            connectMore();
        }
    }

    /** Dials known peers while both this torrent's and the engine's connection limits allow. */
    void connectMore() {
        if (state != TorrentState.LIVE) {
            return;
        }
        int room = Math.min(maxConnections - peers.size() - connecting, rt.connectionRoom());
        // Once complete, dialing seeds is pointless: neither side has anything for the other.
        for (InetSocketAddress a : book.nextToDial(Math.min(room, 8), rt.now(), finished)) {
            connecting++;
            Dialer.dial(rt, book, a, () -> state == TorrentState.LIVE, () -> connecting--,
                    socket -> attach(socket, a, true, null, null));
        }
    }

    /** Wraps a socket (dialed, or accepted and matched by info-hash) in a connection. */
    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        boolean room = state == TorrentState.LIVE && peers.size() < maxConnections;
        if (!Dialer.admit(rt, book, socket, address, outgoing, room)) {
            return;
        }
        // Keys are unique in the engine: the session-wide throttles tell connections apart by them.
        int key = rt.nextConnectionKey();
        rt.connectionOpened();
        Handshake ours = Handshake.of(meta.infoHash(), rt.peerId(), true, true, false);
        PeerConnection c = new PeerConnection(key, socket, address, outgoing, this, ours, geometry.pieceCount(),
                rt.now(), new OutstandingRequests());
        c.start(partial, rest);
    }

    @Override
    public boolean onHandshake(PeerConnection c, Handshake theirs) {
        if (theirs.peerId().equals(rt.peerId())) {
            c.refuseReason("connected to ourselves");
            book.addSelf(c.address());
            return false;
        }
        for (PeerConnection other : peers.values()) {
            if (theirs.peerId().equals(other.peerId())) {
                c.refuseReason("already connected to this peer");
                return false;
            }
        }
        peers.put(c.key(), c);
        banKeys.put(c.key(), PeerBook.banKey(c.address()));
        if (c.outgoing()) {
            book.onConnected(c.address());
        }
        if (c.extensionProtocol()) {
            // BEP 9: offer ut_metadata with our metadata_size, so magnet users can fetch the info dictionary.
            c.send(MetadataExchange.handshake(c, rt.listenPort(), meta.rawInfoLength()));
        }
        downloads.sendHaves(c);
        return true;
    }

    @Override
    public void onMessage(PeerConnection c, PeerConnection.Message m) {
        switch (m) {
            case BITFIELD, HAVE_ALL, HAVE, HAVE_NONE -> downloads.onPeerPieces(c, m);
            case UNCHOKE, ALLOWED_FAST -> downloads.requestMore(c);
            case CHOKE -> downloads.onChoked(c);
            case INTERESTED -> uploads.onInterested(c);
            case NOT_INTERESTED -> uploads.onNotInterested(c);
        }
    }

    @Override
    public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        downloads.onBlock(c, piece, begin, data);
    }

    @Override
    public void onRequest(PeerConnection c, int piece, int begin, int length) {
        uploads.onRequest(c, piece, begin, length);
    }

    @Override
    public void onCancel(PeerConnection c, int piece, int begin, int length) {
        uploads.onCancel(c, piece, begin, length);
    }

    @Override
    public void onReject(PeerConnection c, int piece, int begin, int length) {
        downloads.onReject(c, piece, begin, length);
    }

    @Override
    public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        // BEP 10 handshake: the peer's request queue depth feeds our pipelining (PeerConnection keeps it).
        if (extendedId == MetadataExchange.LOCAL_ID) {
            MetadataExchange.serve(c, payload, meta);
        }
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
        rt.connectionClosed();
        limits.onClosed(c);
        if (peers.remove(c.key()) != c) {
            if (c.outgoing()) {
                book.onDisconnected(c.address(), true, rt.now());
            }
            return;
        }
        LOG.fine(() -> meta.name() + ": " + c + " closed: " + reason);
        downloads.onPeerGone(c);
        uploads.onPeerGone(c);
        if (c.outgoing()) {
            book.onDisconnected(c.address(), false, rt.now());
        }
        connectMore();
    }

    /** Bans the peers behind {@code banKeys} and closes their connections (smart ban, BEP 3 hash failures). */
    void ban(java.util.Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        for (PeerConnection c : new ArrayList<>(peers.values())) {
            if (keys.contains(PeerBook.banKey(c.address()))) {
                LOG.info(() -> meta.name() + ": banned " + c + " for sending corrupt data");
                book.ban(c.address());
                c.close("banned: sent corrupt data");
            }
        }
    }

    // ---- periodic work ---------------------------------------------------------------------------

    void tick() {
        long now = rt.now();
        for (PeerConnection c : peers.values()) {
            c.cachedDownRate = c.downloadRate.bytesPerSecond(now);
            c.cachedUpRate = c.uploadRate.bytesPerSecond(now);
        }
        downloads.tick(now);
        uploads.tick(now);
        if (peers.size() + connecting < maxConnections) {
            connectMore();
        }
        // Batch the durability of new pieces: one flush a second at most while downloading.
        if (durable.wantsFlush()) {
            durable.flush();
        }
        // Seeding changes nothing but the totals: have them saved now and then, so that a crash
        // loses at most TOTALS_SAVE_MILLIS of the upload count (and not every upload since start).
        if (uploadedTotal != totalsNotified && now - totalsNotifiedAt >= TOTALS_SAVE_MILLIS) {
            totalsNotified = uploadedTotal;
            totalsNotifiedAt = now;
            notifier.resumeDataChanged();
        }
    }

    /** How often a change of the upload total alone makes the resume data worth saving. */
    static final long TOTALS_SAVE_MILLIS = 10_000;
    private long totalsNotified;
    private long totalsNotifiedAt;

    // ---- views -----------------------------------------------------------------------------------

    public TorrentStats stats() {
        return TorrentViews.stats(this);
    }

    public List<FileStats> fileStats() {
        return TorrentViews.files(this);
    }

    public List<PeerStats> peerStats() {
        return TorrentViews.peers(this);
    }

    /**
     * Resume data: the durable pieces, then the files' sizes and times read on a disk worker. Before
     * the first check has finished, the resume data given at add time is carried over (or, without
     * any, the times are unknown, which forces a full check next time). After shutdown: the snapshot
     * taken then.
     */
    public Future<ResumeData> resumeData() {
        if (finalResume != null) {
            return Future.succeededFuture(finalResume);
        }
        ResumeData pending = lifecycle.pendingResume();
        if (!lifecycle.checked && pending != null && FastResume.unusable(pending, meta) == null) {
            return Future.succeededFuture(FastResume.build(this, FastResume.claimed(pending),
                    FastResume.unsynced(pending), new FastResume.FileStamps(pending.fileSizes(), pending.fileMtimes())));
        }
        Bitfield have = durable.snapshot();
        Bitfield unsynced = durable.unsyncedSnapshot();
        if (!lifecycle.checked) {
            return Future.succeededFuture(FastResume.build(this, have, unsynced,
                    FastResume.unknownStamps(meta.files().size())));
        }
        return rt.onDisk(() -> FastResume.stamp(storage)).map(stamps -> FastResume.build(this, have, unsynced, stamps));
    }

    /**
     * Every tracker with the outcome of its last announce: from the current announcer, or the one
     * of the last live period; before the torrent was ever live, the metainfo's trackers, not contacted.
     */
    public List<TrackerStatus> trackers() {
        return trackerList.status();
    }

    /** A copy of the had (hash-verified) pieces. */
    public Bitfield have() {
        return picker.haveBitfield();
    }

    public List<String> bannedPeers() {
        return book.banned().stream().sorted().toList();
    }

    public Metainfo metainfo() {
        return meta;
    }

    public Path saveDir() {
        return saveDir;
    }

    public TorrentState state() {
        return state;
    }

    public boolean isFinished() {
        return finished;
    }

    public boolean isRemoved() {
        return removed;
    }

    public int connectionCount() {
        return peers.size();
    }

    public long downloadRate() {
        return downRate.bytesPerSecond(rt.now());
    }

    public long uploadRate() {
        return upRate.bytesPerSecond(rt.now());
    }

    public long downloadedTotal() {
        return downloadedTotal;
    }

    public long uploadedTotal() {
        return uploadedTotal;
    }

    /** Piece writes and other disk jobs of this torrent queued or running on the disk pool. */
    public int diskJobsInFlight() {
        return downloads.diskJobsInFlight();
    }

    Announcer announcer() {
        return trackerList.current();
    }
}
