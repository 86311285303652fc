package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.CheckJob;
import dev.bitquark.storage.FileStorage;
import dev.bitquark.storage.StorageChecker;
import dev.bitquark.storage.StorageFile;
import dev.bitquark.storage.StorageLayout;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.Scheduler;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MessageWriter;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One torrent: its lifecycle, its connections and its swarm bookkeeping. Downloading and uploading
 * live in {@link Downloads} and {@link Uploads}. Every method runs on the engine context (see
 * {@code engine/STATE.md} for the states).
 */
public final class Torrent implements PeerConnection.Events {
    private static final Logger LOG = Logger.getLogger(Torrent.class.getName());

    final EngineRuntime rt;
    final Metainfo meta;
    final TorrentGeometry geometry;
    final FileStorage storage;
    final PiecePicker picker;
    final Choker choker;
    final SmartBan<String> smartBan = new SmartBan<>();
    final PeerBook book;
    final TorrentOptions options;
    final Map<Integer, PeerConnection> peers = new HashMap<>();
    final Map<Integer, String> banKeys = new HashMap<>();
    final RateEstimator downRate = new RateEstimator();
    final RateEstimator upRate = new RateEstimator();
    final Downloads downloads;
    final Uploads uploads;
    private final Announcer announcer;
    private final Promise<Void> finishedPromise = Promise.promise();
    private final Random random = new Random();

    TorrentState state = TorrentState.PAUSED;
    String error;
    boolean finished;
    private CheckJob check;
    private double checkedFraction = 1.0;
    private long tickTimer = -1;
    private int nextKey;
    private int connecting;
    long downloadedTotal;
    long uploadedTotal;
    long wastedTotal;

    public Torrent(EngineRuntime rt, Metainfo meta, TorrentOptions options, TrackerClient trackers)
            throws dev.bitquark.storage.StorageException {
        this.rt = rt;
        this.meta = meta;
        this.options = options;
        this.geometry = meta.geometry();
        this.storage = new FileStorage(options.saveDir(), layoutOf(meta), options.maxOpenFiles());
        this.picker = new PiecePicker(geometry, new Random());
        this.picker.setSequential(options.sequential());
        this.choker = new Choker(Choker.Config.defaults(), new Random());
        this.book = new PeerBook(options.maxKnownPeers());
        this.downloads = new Downloads(this);
        this.uploads = new Uploads(this);
        this.announcer = meta.announceTiers().isEmpty() || trackers == null ? null
                : new Announcer(trackers, Scheduler.of(rt.vertx()), meta.infoHash(), rt.peerId(),
                        options.announcePort() > 0 ? options.announcePort() : rt.listenPort(), meta.announceTiers(),
                        () -> new Announcer.Transfer(uploadedTotal, downloadedTotal, picker.wantedBytesLeft()),
                        found -> addPeers(found, PeerBook.Source.TRACKER),
                        Announcer.Options.DEFAULTS, random);
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

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Checks the data on disk, then goes live. */
    public void start() {
        rt.assertOnContext();
        if (state == TorrentState.LIVE || state == TorrentState.CHECKING) {
            return;
        }
        error = null;
        state = TorrentState.CHECKING;
        checkedFraction = 0;
        check = StorageChecker.checkAll(storage, meta.pieceHashes(), rt.hashExecutor(), 2 * rt.hashThreads(),
                p -> rt.context().runOnContext(v -> checkedFraction = p.piecesTotal() == 0 ? 1.0
                        : (double) p.piecesDone() / p.piecesTotal()));
        Future.fromCompletionStage(check.result(), rt.context()).onComplete(ar -> {
            check = null;
            checkedFraction = 1.0;
            if (state != TorrentState.CHECKING) {
                return;
            }
            if (ar.failed()) {
                fail("checking the files failed: " + ar.cause().getMessage());
                return;
            }
            Bitfield have = ar.result();
            for (int i = have.nextSet(0); i >= 0; i = have.nextSet(i + 1)) {
                picker.markHave(i);
            }
            downloads.afterCheck(have);
            goLive();
        });
    }

    private void goLive() {
        state = TorrentState.LIVE;
        tickTimer = rt.vertx().setPeriodic(1000, id -> tick());
        if (announcer != null) {
            announcer.start();
        }
        addPeers(options.initialPeers(), PeerBook.Source.USER);
        if (picker.isComplete()) {
            downloads.onFinished();
        }
        LOG.fine(() -> meta.name() + ": live, " + picker.haveBitfield().cardinality() + "/" + geometry.pieceCount()
                + " pieces");
    }

    /** Stops connections and announces; files are closed; resume later with {@link #start()}. */
    public Future<Void> pause() {
        rt.assertOnContext();
        return stop(TorrentState.PAUSED, null);
    }

    /** Moves to {@link TorrentState#ERROR} with a reason, e.g. the disk is full. */
    void fail(String reason) {
        LOG.log(Level.WARNING, "{0}: {1}", new Object[] {meta.name(), reason});
        stop(TorrentState.ERROR, reason);
    }

    private Future<Void> stop(TorrentState target, String reason) {
        if (check != null) {
            check.cancel();
            check = null;
        }
        state = target;
        error = reason;
        if (tickTimer >= 0) {
            rt.vertx().cancelTimer(tickTimer);
            tickTimer = -1;
        }
        for (PeerConnection c : new ArrayList<>(peers.values())) {
            c.close(target == TorrentState.ERROR ? "torrent error" : "torrent paused");
        }
        downloads.releaseAll();
        Future<Void> announced = announcer == null ? Future.succeededFuture() : announcer.stop();
        return announced.transform(ar -> rt.onDisk(() -> {
            storage.flush();
            return null;
        })).mapEmpty();
    }

    /** Pauses and closes the storage (removal or shutdown). */
    public Future<Void> close() {
        return pause().eventually(() -> rt.onDisk(() -> {
            storage.close();
            return null;
        }));
    }

    /** Completes once every wanted piece is verified and flushed to disk. */
    public Future<Void> whenFinished() {
        return finishedPromise.future();
    }

    void markFinished() {
        finishedPromise.tryComplete();
    }

    // ---- peers -----------------------------------------------------------------------------------

    /** New peer addresses; dials some right away if below the connection limit. */
    public void addPeers(List<InetSocketAddress> addresses, PeerBook.Source source) {
        if (book.add(addresses, source) > 0 && state == TorrentState.LIVE) {
            connectMore();
        }
    }

    private void connectMore() {
        int room = options.maxConnections() - peers.size() - connecting;
        // Once complete, dialing seeds is pointless: neither side has anything for the other.
        for (InetSocketAddress a : book.nextToDial(Math.min(room, 8), rt.now(), finished)) {
            connecting++;
            rt.netClient().connect(a.getPort(), a.getAddress().getHostAddress()).onComplete(ar -> {
                connecting--;
                if (ar.failed()) {
                    book.onDisconnected(a, true, rt.now());
                } else if (state != TorrentState.LIVE) {
                    ar.result().close();
                    book.onDisconnected(a, false, rt.now());
                } else {
                    attach(ar.result(), a, true, null, null);
                }
            });
        }
    }

    /** Wraps a socket (dialed, or accepted and matched by info-hash) in a connection. */
    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        if (state != TorrentState.LIVE || peers.size() >= options.maxConnections() || book.isBanned(address)) {
            socket.close();
            if (outgoing) {
                book.onDisconnected(address, false, rt.now());
            }
            return;
        }
        int key = nextKey++;
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
            c.send(MessageWriter.extended(0, new ExtendedHandshake(Map.of(), "bitquark 0.1",
                    Downloads.MAX_PEER_REQUESTS, c.address().getAddress(), rt.listenPort(), 0, false,
                    ExtendedHandshake.NOT_SENT).encode()));
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
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
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
        if (state == TorrentState.LIVE) {
            connectMore();
        }
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

    private void tick() {
        long now = rt.now();
        for (PeerConnection c : peers.values()) {
            c.cachedDownRate = c.downloadRate.bytesPerSecond(now);
            c.cachedUpRate = c.uploadRate.bytesPerSecond(now);
        }
        downloads.tick(now);
        uploads.tick(now);
        if (peers.size() + connecting < options.maxConnections()) {
            connectMore();
        }
    }

    // ---- views -----------------------------------------------------------------------------------

    public TorrentStats stats() {
        long now = rt.now();
        Bitfield have = picker.haveBitfield();
        long haveBytes = 0;
        for (int i = have.nextSet(0); i >= 0; i = have.nextSet(i + 1)) {
            haveBytes += geometry.pieceSize(i);
        }
        long wanted = downloads.wantedBytes();
        long left = picker.wantedBytesLeft();
        long down = downRate.bytesPerSecond(now);
        int seeds = 0;
        for (PeerConnection c : peers.values()) {
            if (c.hasAll()) {
                seeds++;
            }
        }
        return new TorrentStats(meta.infoHash(), meta.name(), state, error, finished, meta.totalLength(), wanted,
                Math.max(0, wanted - left), haveBytes, geometry.pieceCount(), have.cardinality(), checkedFraction, down,
                upRate.bytesPerSecond(now), downloadedTotal, uploadedTotal, wastedTotal, peers.size(),
                book.knownCount(), seeds, left == 0 ? 0 : down > 0 ? left / down : -1);
    }

    public List<String> bannedPeers() {
        return book.banned().stream().sorted().toList();
    }

    public Metainfo metainfo() {
        return meta;
    }

    public Path saveDir() {
        return options.saveDir();
    }

    public TorrentState state() {
        return state;
    }

    Announcer announcer() {
        return announcer;
    }
}
