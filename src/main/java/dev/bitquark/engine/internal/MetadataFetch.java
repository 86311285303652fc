package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineException;
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
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The metadata phase of a torrent added from a magnet link ({@link TorrentState#METADATA}): it
 * announces to the magnet's trackers, dials its {@code x.pe} peers and those the trackers return,
 * and fetches the info dictionary with BEP 9 {@code ut_metadata} over the BEP 10 extension
 * protocol from the peers that announce a {@code metadata_size}. The pieces and the check of the
 * result are {@link MetadataRequests}' business; once the info dictionary is verified its
 * {@link TorrentSlot} turns into a normal {@link Torrent}.
 *
 * <p>Connections of this phase do not survive it: they are closed when the torrent is created
 * (they were made without a piece count), and the torrent dials the same peers again.
 *
 * <p>Owned by the engine context: every method runs there; not thread-safe.
 */
public final class MetadataFetch implements TorrentPhase, PeerConnection.Events, Swarm.Phase {
    private static final Logger LOG = Logger.getLogger(MetadataFetch.class.getName());
    /** BEP 3 {@code left} while the size is unknown: not 0, or trackers would take us for a seed. */
    static final long UNKNOWN_LEFT = 16 * 1024;
    /** Connections of this phase: enough to find peers with metadata without flooding the swarm. */
    static final int MAX_CONNECTIONS = 20;
    private static final int MAX_PROBLEMS = 20;
    /** How often request timeouts are checked and more peers dialed. */
    static final java.time.Duration TICK = java.time.Duration.ofSeconds(1);
    /** Host names of {@code x.pe} peers looked up per start. */
    private static final int MAX_LOOKUPS = 10;

    final EngineRuntime rt;
    final Magnet magnet;
    final Notifier notifier;
    /** The peers; the torrent made from the metadata takes the swarm over (its book and bans). */
    final Swarm swarm;
    private final TrackerClient trackers;
    private final TorrentSlot slot;
    private final ArrayDeque<String> problems = new ArrayDeque<>();
    private final MetadataRequests requests;
    private final Random random = new Random();
    TorrentOptions options;
    TorrentState state = TorrentState.PAUSED;
    String error;
    boolean userPaused;
    boolean removed;
    long downloadLimit;
    long uploadLimit;
    final long addedAtMillis = System.currentTimeMillis();
    private long timer = -1;
    /** The trackers in force (the link's {@code tr}, then as the user changes them) and their announcer. */
    final TrackerList trackerList;
    /** Bumped by every stop: a late continuation of an abandoned step (a verification) does nothing. */
    int epoch;

    MetadataFetch(EngineRuntime rt, Magnet magnet, TorrentOptions options, TrackerClient trackers, TorrentSlot slot,
                  Swarm swarm) {
        this.rt = rt;
        this.swarm = swarm;
        this.magnet = magnet;
        this.options = options;
        this.trackers = trackers;
        this.slot = slot;
        // The limits given at add hold for the torrent this becomes (metadataReady copies them over).
        this.downloadLimit = options.downloadLimit();
        this.uploadLimit = options.uploadLimit();
        this.notifier = new Notifier(rt, magnet.infoHash());
        this.requests = new MetadataRequests(this);
        // The link's trackers, one tier each (as libtorrent does: they are tried in turn).
        this.trackerList = new TrackerList(magnet.trackers().stream().map(List::of).toList(), tiers -> trackers == null
                ? null : new Announcer(trackers, rt.scheduler(), magnet.infoHash(), rt.peerId(),
                        options.announcePort() > 0 ? options.announcePort() : rt.listenPort(), tiers,
                        () -> new Announcer.Transfer(0, 0, UNKNOWN_LEFT),
                        found -> swarm.addPeers(found, PeerOrigin.TRACKER), Announcer.Options.DEFAULTS, random), random);
        swarm.use(this);
    }

    /** Starts fetching, or stays paused (a magnet restored paused), or waits in the queue. */
    void begin(boolean paused, boolean queued) {
        if (paused) {
            userPaused = true;
            notifier.stateChanged(TorrentState.PAUSED, null);
        } else if (queued) {
            enter(TorrentState.QUEUED, null);
        } else {
            start();
        }
    }

    private void start() {
        enter(TorrentState.METADATA, null);
        timer = rt.scheduler().every(TICK, this::tick);
        trackerList.start();
        // A magnet has no "private" flag until its metadata arrives: BEP 27 cannot apply yet.
        swarm.startSources(false, options.announcePort() > 0 ? options.announcePort() : rt.listenPort());
        swarm.book().retryNow();
        addHintedPeers();
        swarm.addPeers(options.initialPeers(), PeerOrigin.USER);
        swarm.connectMore();
    }

    /**
     * The magnet's {@code x.pe} peers: IP literals at once; host names are looked up on a disk
     * worker (a blocking lookup must not hold the event loop), at most {@value #MAX_LOOKUPS}.
     */
    private void addHintedPeers() {
        List<InetSocketAddress> names = new ArrayList<>();
        List<InetSocketAddress> literal = new ArrayList<>();
        for (InetSocketAddress a : magnet.peers()) {
            InetAddress ip = a.isUnresolved() ? PeerHints.ipLiteral(a.getHostString()) : a.getAddress();
            if (ip != null) {
                literal.add(new InetSocketAddress(ip, a.getPort()));
            } else if (names.size() < MAX_LOOKUPS) {
                names.add(a);
            }
        }
        swarm.addPeers(literal, PeerOrigin.USER);
        if (!names.isEmpty()) {
            int e = epoch;
            rt.onDisk(() -> {
                List<InetSocketAddress> found = new ArrayList<>();
                for (InetSocketAddress a : names) {
                    InetSocketAddress r = new InetSocketAddress(a.getHostString(), a.getPort());
                    if (!r.isUnresolved()) {
                        found.add(r);
                    }
                }
                return found;
            }).onSuccess(found -> {
                if (e == epoch) {
                    swarm.addPeers(found, PeerOrigin.USER);
                }
            });
        }
    }

    /** The trackers in force: the link's, one tier each, and those the user added. */
    List<List<String>> tiers() {
        return trackerList.tiers();
    }

    /** Adds or removes trackers (see {@link TrackerList#change}); the announcer follows while fetching. */
    @Override
    public void changeTrackers(List<String> urls, boolean add) {
        trackerList.change(urls, add, state == TorrentState.METADATA);
        notifier.resumeDataChanged();
    }

    @Override
    public List<dev.bitquark.tracker.TrackerStatus> trackers() {
        return trackerList.status();
    }

    /**
     * The link as it stands now: its trackers in force and, as {@code x.pe}, the peers worth dialing (connected
     * ones first), so that a restart before the metadata arrives finds them again.
     */
    Magnet currentLink() {
        List<InetSocketAddress> keep = new ArrayList<>(swarm.book().worthKeeping(Magnet.MAX_PEERS));
        for (InetSocketAddress hinted : magnet.peers()) {
            if (keep.size() < Magnet.MAX_PEERS && keep.stream().noneMatch(k -> PeerHints.same(k, hinted))) {
                keep.add(hinted);
            }
        }
        return magnet.withTrackersAndPeers(trackerList.urls(), keep);
    }

    @Override
    public Future<Void> pause() {
        userPaused = true;
        if (state == TorrentState.PAUSED) {
            return Future.succeededFuture();
        }
        enter(TorrentState.PAUSED, null);
        Future<Void> stopped = halt("torrent paused");
        notifier.resumeDataChanged();
        return stopped;
    }

    @Override
    public Future<Void> resume(boolean toQueue) {
        boolean changed = userPaused;
        userPaused = false;
        if (state == TorrentState.PAUSED || state == TorrentState.ERROR) {
            changed = true;
            if (toQueue) {
                enter(TorrentState.QUEUED, null);
            } else {
                start();
            }
        }
        if (changed) {
            notifier.resumeDataChanged();
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> queue() {
        if (state != TorrentState.METADATA) {
            return Future.succeededFuture();
        }
        enter(TorrentState.QUEUED, null);
        return halt("queued");
    }

    @Override
    public void dequeue() {
        if (state == TorrentState.QUEUED) {
            start();
        }
    }

    @Override
    public boolean userPaused() {
        return userPaused;
    }

    /** Removal: stops everything; nothing was written to disk yet. */
    @Override
    public Future<Void> remove(boolean deleteFiles) {
        removed = true;
        state = TorrentState.PAUSED;
        return halt("torrent removed").onComplete(ar -> notifier.removed());
    }

    /** Shutdown: stops like a pause, the user's paused flag stays as it was. */
    @Override
    public Future<Void> close() {
        if (state == TorrentState.METADATA) {
            enter(TorrentState.PAUSED, null);
        }
        return halt("engine shutting down");
    }

    /** Moves to ERROR: the verified metadata cannot be used (the torrent itself is bad). */
    void fail(String reason) {
        LOG.warning(() -> magnet.infoHash() + ": " + reason);
        enter(TorrentState.ERROR, reason);
        halt("torrent error");
    }

    @Override
    public void reannounce() {
        if (state == TorrentState.METADATA) {
            if (trackerList.current() != null) {
                trackerList.current().reannounce();
            }
            swarm.book().retryNow();
            swarm.connectMore();
        }
    }

    private void enter(TorrentState s, String reason) {
        boolean changed = state != s || !Objects.equals(error, reason);
        state = s;
        error = reason;
        if (changed) {
            notifier.stateChanged(s, reason);
        }
    }

    /** Stops connections, the announcer ({@code stopped}) and the timer; the caller left METADATA first. */
    private Future<Void> halt(String reason) {
        epoch++;
        if (timer >= 0) {
            rt.scheduler().cancel(timer);
            timer = -1;
        }
        swarm.stopSources();
        swarm.closeAll(reason);
        requests.reset();
        return trackerList.stop();
    }

    /**
     * The info dictionary is verified and parsed: the fetch ends (its connections close and the
     * announcer says {@code stopped}) and the slot becomes a torrent that takes over the swarm and dials the same peers.
     */
    void completed(Metainfo meta) {
        state = TorrentState.PAUSED; // no event: CHECKING follows at once, from the torrent
        halt("metadata received; reconnecting as a torrent");
        slot.metadataReady(meta, this);
    }

    /** A problem worth showing (kept: the last {@value #MAX_PROBLEMS}), and logged. */
    void problem(String text) {
        LOG.info(() -> magnet.infoHash() + ": " + text);
        if (problems.size() == MAX_PROBLEMS) {
            problems.removeFirst();
        }
        problems.addLast(text);
    }

    // ---- peers -----------------------------------------------------------------------------------

    // Swarm.Phase: a small cap of connections while fetching; they carry no piece count.

    @Override
    public boolean wantsConnections() {
        return state == TorrentState.METADATA;
    }

    /** The torrent's own limit, within this phase's cap. */
    @Override
    public int connectionCap() {
        return Math.min(options.maxConnections(), MAX_CONNECTIONS);
    }

    @Override
    public boolean skipSeeds() {
        return false;
    }

    @Override
    public PeerConnection connect(int key, NetSocket socket, InetSocketAddress address, boolean outgoing) {
        Handshake ours = Handshake.of(magnet.infoHash(), rt.peerId(), true, true, swarm.dhtPort() > 0);
        return new PeerConnection(key, socket, address, outgoing, this, ours, PeerConnection.UNKNOWN_PIECE_COUNT,
                rt.now(), new OutstandingRequests());
    }

    /** Closes a connection and bans its peer for this torrent (it sent metadata that fails the hash). */
    void ban(String banKey) {
        swarm.ban(Set.of(banKey), "banned: sent metadata that does not match the info-hash");
    }

    @Override
    public boolean onHandshake(PeerConnection c, Handshake theirs) {
        if (!c.extensionProtocol()) {
            // BEP 9 needs BEP 10: such a peer cannot give us metadata; try it again as a torrent.
            c.refuseReason("no extension protocol (BEP 10), so no metadata exchange (BEP 9)");
            return false;
        }
        if (!swarm.join(c, theirs)) {
            return false;
        }
        c.send(MetadataExchange.handshake(c, rt.listenPort(), 0, swarm.pexOn()));
        if (c.fast()) {
            // BEP 6: with the fast extension one of have all/have none/bitfield must come first.
            c.send(MessageWriter.haveNone());
        }
        swarm.afterHandshake(c);
        return true;
    }

    @Override
    public void onMessage(PeerConnection c, PeerConnection.Message m) {
        // Piece availability means nothing before the metadata; we neither request nor upload blocks.
    }

    @Override
    public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        // Never requested: dropped.
    }

    @Override
    public void onRequest(PeerConnection c, int piece, int begin, int length) {
        if (c.fast()) {
            c.send(MessageWriter.reject(piece, begin, length)); // BEP 6: we choke everyone
        }
    }

    @Override
    public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        if (swarm.onExtended(c, extendedId, payload)) {
            return;
        }
        if (extendedId == 0) {
            requests.onExtendedHandshake(c);
        } else if (extendedId == MetadataExchange.LOCAL_ID) {
            requests.onMessage(c, payload);
        }
    }

    @Override
    public void onPort(PeerConnection c, int port) {
        swarm.onPort(c, port);
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
        boolean joined = swarm.left(c);
        if (reason != null && reason.startsWith("protocol error")) {
            problem(c + ": " + reason); // e.g. a malformed ut_metadata message or a metadata_size beyond 16 MiB
        }
        if (joined) {
            requests.onPeerGone(c);
            swarm.connectMore();
        }
    }

    private void tick() {
        for (PeerConnection c : new ArrayList<>(swarm.connections())) {
            c.onSecond();
        }
        requests.tick(rt.now());
        swarm.tick();
    }

    // ---- views -----------------------------------------------------------------------------------

    @Override
    public InfoHash infoHash() {
        return magnet.infoHash();
    }

    @Override
    public String name() {
        return magnet.displayName().orElse(magnet.infoHash().toHex());
    }

    @Override
    public TorrentStats stats() {
        int seeds = 0;
        for (PeerConnection c : swarm.connections()) {
            seeds += c.hasAll() ? 1 : 0;
        }
        return new TorrentStats(magnet.infoHash(), name(), state, error, false, 0, 0, 0, 0, 0, 0,
                1.0, 0, 0, 0, 0, 0, swarm.size(), swarm.book().knownCount(), seeds, -1, false, 0, options.saveDir().toString(),
                downloadLimit, uploadLimit, options.sequential(), addedAtMillis, 0, options.maxConnections(),
                swarm.connectedBySource(), name());
    }

    @Override
    public MetadataProgress metadataProgress() {
        return new MetadataProgress(requests.size(), requests.piecesHave(), requests.piecesTotal(),
                requests.peersWithMetadata(), false, userPaused, List.copyOf(problems));
    }

    @Override
    public List<PeerStats> peerStats() {
        long now = rt.now();
        List<PeerStats> out = new ArrayList<>(swarm.size());
        for (PeerConnection c : swarm.connections()) {
            out.add(new PeerStats(c.address().getAddress().getHostAddress() + ":" + c.address().getPort(), c.client(),
                    c.outgoing(), true, false, c.isChokingUs(), c.isInterested(), c.hasAll(), false, 0, 0, 0, 0,
                    requests.inFlight(c), 0, c.hasAll() ? 1.0 : 0.0, Math.max(0, now - c.connectedAtMillis()),
                    swarm.origin(c)));
        }
        return out;
    }

    @Override
    public int connectionCount() {
        return swarm.size();
    }

    @Override
    public TorrentState state() {
        return state;
    }

    @Override
    public boolean isRemoved() {
        return removed;
    }

    // ---- what needs the metadata: nothing yet, or the settings the torrent will start with ------

    @Override
    public Future<Void> recheck() {
        return Future.failedFuture(noMetadata("a recheck"));
    }

    @Override
    public Future<ResumeData> resumeData() {
        return Future.failedFuture(noMetadata("resume data"));
    }

    EngineException noMetadata(String what) {
        return new EngineException(EngineException.Kind.NO_METADATA, "torrent " + name()
                + " has no metadata yet (fetching it from peers, BEP 9): no " + what + " before it arrives");
    }

    /** Nothing is on disk yet: only the folder the torrent will use changes. */
    @Override
    public Future<Void> moveStorage(Path dir) {
        options = options.withSaveDir(dir);
        return Future.succeededFuture();
    }

    @Override
    public void setRateLimits(long down, long up) {
        if (down < 0 || up < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (unlimited) or positive");
        }
        downloadLimit = down;
        uploadLimit = up;
    }

    /** The limit the torrent will start with; this phase keeps its own small cap too. */
    @Override
    public void setMaxConnections(int max) {
        options = options.withMaxConnections(ConnectionTrim.positive(max));
        swarm.trimTo(max, "torrent connection limit lowered to " + max);
    }

    @Override
    public void setSequential(boolean inOrder) {
        options = options.withSequential(inOrder);
    }

    @Override
    public void addUserPeers(List<InetSocketAddress> addresses) {
        swarm.addPeers(addresses, PeerOrigin.USER);
        notifier.resumeDataChanged();
    }

    @Override
    public List<String> bannedPeers() {
        return swarm.bannedPeers();
    }

    @Override
    public List<FileStats> fileStats() {
        return List.of();
    }

    @Override
    public List<FilePriority> filePriorities() {
        return List.of();
    }

    @Override
    public Bitfield have() {
        return new Bitfield(0);
    }

    @Override
    public long downloadRate() {
        return 0;
    }

    @Override
    public long uploadRate() {
        return 0;
    }

    @Override
    public long downloadedTotal() {
        return 0;
    }

    @Override
    public long uploadedTotal() {
        return 0;
    }

    @Override
    public boolean isFinished() {
        return false;
    }

    @Override
    public int diskJobsInFlight() {
        return 0;
    }
}
