package dev.bitquark.engine.internal;


import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.tracker.TrackerStatus;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MetadataMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;

/**
 * One torrent: its connections and swarm bookkeeping, and the parts it is made of: the lifecycle
 * ({@link Lifecycle}: checking, live, paused, error), downloading ({@link Downloads}), uploading
 * ({@link Uploads}), the durable have set ({@link DurableHave}), file selection
 * ({@link FileSelection}) and bandwidth limits ({@link RateLimits}). Every method runs on the
 * engine context (see {@code engine/STATE.md} for the states).
 */
public final class Torrent implements TorrentPhase, PeerConnection.Events, Swarm.Phase {
    private static final Logger LOG = Logger.getLogger(Torrent.class.getName());

    private final EngineRuntime rt;
    private final Metainfo meta;
    private final TorrentGeometry geometry;
    private final PieceStorage storage;
    private final FileNames names;
    private final PiecePicker picker;
    /** The peers: book, connections, dialing and bans (shared with the metadata phase before it). */
    private final Swarm swarm;
    private final TorrentOptions options;
    private final Notifier notifier;
    private final FileSelection selection;
    private final Downloads downloads;
    private final Uploads uploads;
    private final DurableHave durable;
    private final RateLimits limits;
    private final Lifecycle lifecycle;
    private final Streams streams;
    private final TrackerClient trackers;
    private final Random random = new Random();
    private Promise<Void> finishedPromise = Promise.promise();
    /** The trackers in force (the metainfo's, or those of the resume data) and their announcer. */
    private final TrackerList trackerList;

    private boolean removed;
    private Path saveDir;
    private int maxConnections; // from the options or resume data; changeable at run time
    private long addedAtMillis = System.currentTimeMillis();
    /** Resume data taken when the engine shut down (the disk pool is gone afterwards). */
    private ResumeData finalResume;

    /**
     * A torrent in the engine, not started yet ({@link #begin}). Resume data, if given, restores
     * what the user set (priorities, limits, sequential, save folder) and the transfer totals;
     * without it, {@code options} give the priorities and limits.
     */
    public Torrent(EngineRuntime rt, Metainfo meta, TorrentOptions options, TrackerClient trackers, ResumeData resume)
            throws StorageException {
        this(rt, meta, options, trackers, resume,
                new Swarm(rt, meta.infoHash(), options.maxKnownPeers(), rt.config().peerSources()));
    }

    /** A torrent that takes over {@code swarm} (its book and bans) from the metadata phase of a magnet. */
    Torrent(EngineRuntime rt, Metainfo meta, TorrentOptions options, TrackerClient trackers, ResumeData resume,
            Swarm swarm) throws StorageException {
        this.rt = rt;
        this.swarm = swarm;
        this.meta = meta;
        this.options = options;
        this.trackers = trackers;
        this.geometry = meta.geometry();
        this.saveDir = resume != null ? resume.saveDir() : options.saveDir();
        // Named after the info-hash (the part file, as libtorrent names it), so torrents sharing a folder never mix.
        this.names = new FileNames(rt, meta, resume);
        this.storage = rt.config().storage().create(saveDir, names.restoredLayout(), options.maxOpenFiles(),
                options.downloadRoot(), meta.infoHash().toHex());
        this.saveDir = storage.root();
        this.picker = new PiecePicker(geometry, new Random());
        this.picker.setSequential(resume != null ? resume.sequential() : options.sequential());
        this.maxConnections = resume != null && resume.maxConnections() > 0 ? resume.maxConnections()
                : options.maxConnections();
        this.notifier = new Notifier(rt, meta.infoHash());
        names.use(storage, notifier);
        this.selection = new FileSelection(rt, meta, picker, storage, TorrentSides.selection(this));
        this.downloads = new Downloads(rt, meta, picker, storage, swarm, options.pieceBufferBytes(),
                TorrentSides.downloads(this));
        this.uploads = new Uploads(TorrentSides.uploads(this), rt, new Choker(Choker.Config.defaults(), new Random()));
        this.durable = new DurableHave(rt, picker, storage, meta.name(), geometry.pieceCount(),
                TorrentSides.durable(this));
        this.limits = new RateLimits(rt);
        this.lifecycle = new Lifecycle(this);
        this.streams = new Streams(rt, meta, picker, storage, TorrentSides.streams(this));
        this.trackerList = new TrackerList(resume != null && resume.trackers() != null ? resume.trackers()
                : meta.announceTiers(), tiers -> trackers == null ? null : new Announcer(trackers,
                        rt.scheduler(), meta.infoHash(), rt.peerId(),
                        announcePort(), tiers,
                        () -> new Announcer.Transfer(uploads.uploadedTotal(), downloads.downloadedTotal(),
                                picker.wantedBytesLeft()),
                        found -> swarm.addPeers(found, PeerOrigin.TRACKER), Announcer.Options.DEFAULTS, random), random);
        if (resume != null) {
            swarm.book().add(resume.peers(), PeerOrigin.SAVED);
            selection.restore(resume.filePriorities());
            limits.set(resume.downloadLimit(), resume.uploadLimit());
            downloads.restore(resume.downloadedTotal(), resume.completedAtMillis());
            uploads.restore(resume.uploadedTotal());
            addedAtMillis = resume.addedAtMillis();
        } else {
            // Asked at add time: in force before the first check ends, so no unwanted piece is requested.
            if (!options.filePriorities().isEmpty()) {
                selection.restore(options.filePriorities());
            }
            limits.set(options.downloadLimit(), options.uploadLimit());
        }
        swarm.use(this);
    }

    /** The port we tell trackers and peer sources (the listen port, unless the options say otherwise). */
    int announcePort() {
        return options.announcePort() > 0 ? options.announcePort() : rt.listenPort();
    }

    /** Adds or removes tracker URLs (see {@link TrackerList#change}). @throws EngineException for a bad URL */
    @Override
    public void changeTrackers(List<String> urls, boolean add) {
        trackerList.change(urls, add, lifecycle.state() == TorrentState.LIVE);
        notifier.resumeDataChanged();
    }

    // ---- lifecycle (see Lifecycle) ----------------------------------------------------------------

    /** Starts the torrent after it was added: checks (or restores it paused, or queues it) and goes live. */
    public void begin(ResumeData resume, boolean queued) {
        rt.assertOnContext();
        lifecycle.begin(resume, queued);
    }

    @Override
    public Future<Void> resume(boolean toQueue) {
        return lifecycle.resume(toQueue);
    }

    @Override
    public Future<Void> queue() {
        return lifecycle.queue();
    }

    @Override
    public void dequeue() {
        lifecycle.dequeue();
    }

    @Override
    public boolean userPaused() {
        return lifecycle.userPaused;
    }

    @Override
    public Future<Void> pause() {
        return lifecycle.pause();
    }

    @Override
    public Future<Void> recheck() {
        return lifecycle.recheck();
    }

    @Override
    public void reannounce() {
        lifecycle.reannounce();
    }

    @Override
    public Future<Void> moveStorage(Path dir) {
        return lifecycle.moveStorage(dir);
    }

    /** Leaves the engine: stops, deletes the torrent's own files if asked, closes the storage. */
    @Override
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
    @Override
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

    @Override
    public List<FilePriority> filePriorities() {
        return selection.priorities();
    }

    /** Bytes/s, 0 = unlimited. */
    @Override
    public void setRateLimits(long down, long up) {
        limits.set(down, up);
        notifier.resumeDataChanged();
    }

    /** A lower limit closes the least useful connections at once. */
    @Override
    public void setMaxConnections(int max) {
        maxConnections = ConnectionTrim.positive(max);
        swarm.trimTo(max, "torrent connection limit lowered to " + max);
        notifier.resumeDataChanged();
    }

    /** In order (streaming) or rarest first, from the next request on; requests in flight stay. */
    @Override
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

    @Override
    public void addUserPeers(List<InetSocketAddress> addresses) {
        swarm.addPeers(addresses, PeerOrigin.USER);
        notifier.resumeDataChanged();
    }

    /** Wraps a socket (dialed, or accepted and matched by info-hash) in a connection. */
    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        swarm.attach(socket, address, outgoing, partial, rest);
    }

    // Swarm.Phase: live torrents want connections up to their limit; a complete one does not dial seeds.

    @Override
    public boolean wantsConnections() {
        return lifecycle.state() == TorrentState.LIVE;
    }

    @Override
    public int connectionCap() {
        return maxConnections;
    }

    @Override
    public boolean skipSeeds() {
        return downloads.isFinished();
    }

    @Override
    public PeerConnection connect(int key, NetSocket socket, InetSocketAddress address, boolean outgoing) {
        Handshake ours = Handshake.of(meta.infoHash(), rt.peerId(), true, true, swarm.dhtPort() > 0);
        return new PeerConnection(key, socket, address, outgoing, this, ours, geometry.pieceCount(), rt.now(),
                new OutstandingRequests());
    }

    @Override
    public boolean onHandshake(PeerConnection c, Handshake theirs) {
        if (!swarm.join(c, theirs)) {
            return false;
        }
        if (c.extensionProtocol()) {
            // BEP 9: offer ut_metadata with our metadata_size, so magnet users can fetch the info dictionary.
            c.send(MetadataExchange.handshake(c, rt.listenPort(), meta.rawInfoLength(), swarm.pexOn()));
        }
        downloads.sendHaves(c);
        swarm.afterHandshake(c);
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
        if (swarm.onExtended(c, extendedId, payload)) {
            return;
        }
        if (extendedId == MetadataExchange.LOCAL_ID) {
            MetadataExchange.serve(c, payload, meta);
        }
    }

    @Override
    public void onPort(PeerConnection c, int port) {
        swarm.onPort(c, port);
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
        limits.onClosed(c);
        if (!swarm.left(c)) {
            return;
        }
        LOG.fine(() -> meta.name() + ": " + c + " closed: " + reason);
        downloads.onPeerGone(c);
        uploads.onPeerGone(c);
        swarm.connectMore();
    }

    /** Bans the peers behind {@code banKeys} and closes their connections (smart ban, BEP 3 hash failures). */
    void ban(java.util.Set<String> keys) {
        if (!keys.isEmpty()) {
            LOG.info(() -> meta.name() + ": banned " + keys + " for sending corrupt data");
            swarm.ban(keys, "banned: sent corrupt data");
        }
    }

    // ---- periodic work ---------------------------------------------------------------------------

    void tick() {
        long now = rt.now();
        // Quiet (no connection, dial, peer to dial, hint due, flush or total to note): skip the empty work.
        if (swarm.isQuiet(now) && !durable.wantsFlush() && uploads.uploadedTotal() == totalsNotified) {
            return;
        }
        for (PeerConnection c : swarm.connections()) {
            c.cachedDownRate = c.downloadRate.bytesPerSecond(now);
            c.cachedUpRate = c.uploadRate.bytesPerSecond(now);
        }
        downloads.tick(now);
        uploads.tick(now);
        swarm.tick();
        // Batch the durability of new pieces: one flush a second at most while downloading.
        if (durable.wantsFlush()) {
            durable.flush();
        }
        // Seeding changes only the totals: save them now and then (a crash loses at most TOTALS_SAVE_MILLIS).
        if (uploads.uploadedTotal() != totalsNotified && now - totalsNotifiedAt >= TOTALS_SAVE_MILLIS) {
            totalsNotified = uploads.uploadedTotal();
            totalsNotifiedAt = now;
            notifier.resumeDataChanged();
        }
    }

    static final java.time.Duration TICK = java.time.Duration.ofSeconds(1); // rates, choking, dialing, flushes

    /** How often a change of the upload total alone makes the resume data worth saving. */
    static final long TOTALS_SAVE_MILLIS = 10_000;
    private long totalsNotified, totalsNotifiedAt;
    private final QuietStats quietStats = new QuietStats(); // stats kept while nothing moves

    // The parts, for the torrent's own helpers (TorrentSides, Lifecycle, TorrentViews, FastResume); parts see a Side.
    EngineRuntime rt() { return rt; }
    TorrentGeometry geometry() { return geometry; }
    PieceStorage storage() { return storage; }
    PiecePicker picker() { return picker; }
    Swarm swarm() { return swarm; }
    TorrentOptions options() { return options; }
    Notifier notifier() { return notifier; }
    FileSelection selection() { return selection; }
    Downloads downloads() { return downloads; }
    DurableHave durable() { return durable; }
    RateLimits limits() { return limits; }
    Lifecycle lifecycle() { return lifecycle; }
    Streams streams() { return streams; }
    TrackerList trackerList() { return trackerList; }
    long addedAtMillis() { return addedAtMillis; }

    /** The storage moved its files (Lifecycle, after {@code moveStorage}). */
    void storageMoved() {
        saveDir = storage.root();
        notifier.touch();
    }

    // ---- views -----------------------------------------------------------------------------------

    @Override
    public TorrentStats stats() {
        return quietStats.get(this);
    }

    @Override
    public List<FileStats> fileStats() {
        return TorrentViews.files(this);
    }

    @Override
    public List<PeerStats> peerStats() {
        return TorrentViews.peers(this);
    }

    /** Resume data (see {@link FastResume#of}); after shutdown, the snapshot taken then. */
    @Override
    public Future<ResumeData> resumeData() {
        return finalResume != null ? Future.succeededFuture(finalResume) : FastResume.of(this);
    }

    /**
     * Every tracker with the outcome of its last announce: from the current announcer, or the one
     * of the last live period; before the torrent was ever live, the metainfo's trackers, not contacted.
     */
    @Override
    public List<TrackerStatus> trackers() {
        return trackerList.status();
    }

    /** A copy of the had (hash-verified) pieces. */
    @Override
    public Bitfield have() {
        return picker.haveBitfield();
    }

    @Override
    public List<String> bannedPeers() {
        return swarm.bannedPeers();
    }

    public Metainfo metainfo() { return meta; }

    @Override
    public InfoHash infoHash() {
        return meta.infoHash();
    }

    /** The torrent's name: its own, or what the user renamed its content to (see {@link FileNames#name()}). */
    @Override
    public String name() {
        return names.name();
    }

    /** Its files' names and the user's renames. */
    public FileNames names() {
        return names;
    }

    /** Complete: the metadata is here (from the torrent file, or fetched before). */
    @Override
    public MetadataProgress metadataProgress() {
        int size = meta.rawInfoLength();
        int pieces = (size + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
        return new MetadataProgress(size, pieces, pieces, 0, true, lifecycle.userPaused, List.of());
    }

    public Path saveDir() { return saveDir; }

    @Override
    public TorrentState state() {
        return lifecycle.state();
    }

    @Override
    public boolean isFinished() {
        return downloads.isFinished();
    }

    /** What the resume data claims before the first check: computed once (the queue asks every second). */
    private Boolean claimedFinished;

    /**
     * Finished; before its first check, what its resume data claims: a seed restored into the queue waits as a
     * seed, not as a download.
     */
    @Override
    public boolean looksFinished() {
        if (lifecycle.checked) {
            return downloads.isFinished();
        }
        if (claimedFinished == null) {
            Bitfield claimed = lifecycle.claimedUnchecked();
            claimedFinished = claimed != null && TorrentViews.finishedIn(this, claimed);
        }
        return claimedFinished;
    }

    /** Bytes of the selected files: what a share ratio is measured against when nothing was downloaded. */
    @Override
    public long wantedBytes() {
        return downloads.wantedBytes();
    }

    @Override
    public boolean isRemoved() {
        return removed;
    }

    @Override
    public int connectionCount() {
        return swarm.size();
    }

    @Override
    public long downloadRate() {
        return downloads.downloadRate(rt.now());
    }

    @Override
    public long uploadRate() {
        return uploads.uploadRate(rt.now());
    }

    @Override
    public long downloadedTotal() {
        return downloads.downloadedTotal();
    }

    @Override
    public long uploadedTotal() {
        return uploads.uploadedTotal();
    }

    /** Piece writes and other disk jobs of this torrent queued or running on the disk pool. */
    @Override
    public int diskJobsInFlight() {
        return downloads.diskJobsInFlight();
    }

    Announcer announcer() {
        return trackerList.current();
    }
}
