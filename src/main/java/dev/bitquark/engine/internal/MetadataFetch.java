package dev.bitquark.engine.internal;

import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.Scheduler;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
public final class MetadataFetch implements PeerConnection.Events {
    private static final Logger LOG = Logger.getLogger(MetadataFetch.class.getName());
    /** BEP 3 {@code left} while the size is unknown: not 0, or trackers would take us for a seed. */
    static final long UNKNOWN_LEFT = 16 * 1024;
    /** Connections of this phase: enough to find peers with metadata without flooding the swarm. */
    static final int MAX_CONNECTIONS = 20;
    private static final int MAX_PROBLEMS = 20;
    /** Host names of {@code x.pe} peers looked up per start. */
    private static final int MAX_LOOKUPS = 10;

    final EngineRuntime rt;
    final Magnet magnet;
    final Notifier notifier;
    final PeerBook book;
    final Map<Integer, PeerConnection> peers = new HashMap<>();
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
    private int connecting;
    private long timer = -1;
    /** The trackers in force (the link's {@code tr}, then as the user changes them) and their announcer. */
    final TrackerList trackerList;
    /** Bumped by every stop: a late continuation of an abandoned step (a verification) does nothing. */
    int epoch;

    MetadataFetch(EngineRuntime rt, Magnet magnet, TorrentOptions options, TrackerClient trackers, TorrentSlot slot) {
        this.rt = rt;
        this.magnet = magnet;
        this.options = options;
        this.trackers = trackers;
        this.slot = slot;
        // The limits given at add hold for the torrent this becomes (metadataReady copies them over).
        this.downloadLimit = options.downloadLimit();
        this.uploadLimit = options.uploadLimit();
        this.notifier = new Notifier(rt, magnet.infoHash());
        this.book = new PeerBook(options.maxKnownPeers());
        this.requests = new MetadataRequests(this);
        // The link's trackers, one tier each (as libtorrent does: they are tried in turn).
        this.trackerList = new TrackerList(magnet.trackers().stream().map(List::of).toList(), tiers -> trackers == null
                ? null : new Announcer(trackers, Scheduler.of(rt.vertx()), magnet.infoHash(), rt.peerId(),
                        options.announcePort() > 0 ? options.announcePort() : rt.listenPort(), tiers,
                        () -> new Announcer.Transfer(0, 0, UNKNOWN_LEFT),
                        found -> addPeers(found, PeerBook.Source.TRACKER), Announcer.Options.DEFAULTS, random), random);
        if (rt.listenPort() > 0) {
            book.addSelf(new InetSocketAddress("127.0.0.1", rt.listenPort()));
        }
    }

    /** Starts fetching, or stays paused (a magnet restored paused). */
    void begin(boolean paused) {
        if (paused) {
            userPaused = true;
            notifier.stateChanged(TorrentState.PAUSED, null);
        } else {
            start();
        }
    }

    private void start() {
        enter(TorrentState.METADATA, null);
        timer = rt.vertx().setPeriodic(1000, id -> tick());
        trackerList.start();
        book.retryNow();
        addHintedPeers();
        addPeers(options.initialPeers(), PeerBook.Source.USER);
        connectMore();
    }

    /**
     * The magnet's {@code x.pe} peers: IP literals at once; host names are looked up on a disk
     * worker (a blocking lookup must not hold the event loop), at most {@value #MAX_LOOKUPS}.
     */
    private void addHintedPeers() {
        List<InetSocketAddress> names = new ArrayList<>();
        List<InetSocketAddress> literal = new ArrayList<>();
        for (InetSocketAddress a : magnet.peers()) {
            InetAddress ip = a.isUnresolved() ? ipLiteral(a.getHostString()) : a.getAddress();
            if (ip != null) {
                literal.add(new InetSocketAddress(ip, a.getPort()));
            } else if (names.size() < MAX_LOOKUPS) {
                names.add(a);
            }
        }
        addPeers(literal, PeerBook.Source.USER);
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
                    addPeers(found, PeerBook.Source.USER);
                }
            });
        }
    }

    /** An IPv4 or IPv6 literal as an address (no DNS lookup), or null for a host name. */
    static InetAddress ipLiteral(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                return InetAddress.getByName(host); // an IPv6 literal is parsed, never looked up
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The trackers in force: the link's, one tier each, and those the user added. */
    List<List<String>> tiers() {
        return trackerList.tiers();
    }

    /** Adds or removes trackers (see {@link TrackerList#change}); the announcer follows while fetching. */
    void changeTrackers(List<String> urls, boolean add) {
        trackerList.change(urls, add, state == TorrentState.METADATA);
        notifier.resumeDataChanged();
    }

    List<dev.bitquark.tracker.TrackerStatus> trackers() {
        return trackerList.status();
    }

    /**
     * The link as it stands now: its trackers in force and, as {@code x.pe}, the peers worth dialing (connected
     * ones first), so that a restart before the metadata arrives finds them again.
     */
    Magnet currentLink() {
        List<InetSocketAddress> keep = new ArrayList<>(book.worthKeeping(Magnet.MAX_PEERS));
        for (InetSocketAddress hinted : magnet.peers()) {
            if (keep.size() < Magnet.MAX_PEERS && keep.stream().noneMatch(k -> sameHint(k, hinted))) {
                keep.add(hinted);
            }
        }
        return magnet.withTrackersAndPeers(trackerList.urls(), keep);
    }

    private static boolean sameHint(InetSocketAddress known, InetSocketAddress hint) {
        return known.getPort() == hint.getPort() && (known.getHostString().equals(hint.getHostString())
                || known.getAddress() != null && known.getAddress().getHostAddress().equals(hint.getHostString()));
    }

    Future<Void> pause() {
        userPaused = true;
        if (state == TorrentState.PAUSED) {
            return Future.succeededFuture();
        }
        enter(TorrentState.PAUSED, null);
        Future<Void> stopped = halt("torrent paused");
        notifier.resumeDataChanged();
        return stopped;
    }

    Future<Void> resume() {
        boolean changed = userPaused;
        userPaused = false;
        if (state == TorrentState.PAUSED || state == TorrentState.ERROR) {
            changed = true;
            start();
        }
        if (changed) {
            notifier.resumeDataChanged();
        }
        return Future.succeededFuture();
    }

    /** Removal: stops everything; nothing was written to disk yet. */
    Future<Void> remove() {
        removed = true;
        state = TorrentState.PAUSED;
        return halt("torrent removed");
    }

    /** Shutdown: stops like a pause, the user's paused flag stays as it was. */
    Future<Void> close() {
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

    void reannounce() {
        if (state == TorrentState.METADATA) {
            if (trackerList.current() != null) {
                trackerList.current().reannounce();
            }
            book.retryNow();
            connectMore();
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
            rt.vertx().cancelTimer(timer);
            timer = -1;
        }
        for (PeerConnection c : new ArrayList<>(peers.values())) {
            c.close(reason);
        }
        requests.reset();
        return trackerList.stop();
    }

    /**
     * The info dictionary is verified and parsed: the fetch ends (its connections close and the
     * announcer says {@code stopped}) and the slot becomes a torrent that dials the same peers.
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

    void addPeers(List<InetSocketAddress> addresses, PeerBook.Source source) {
        if (book.add(addresses, source) > 0 && state == TorrentState.METADATA) {
            connectMore();
        }
    }

    /** The torrent's own limit, within this phase's cap. */
    private int connectionCap() {
        return Math.min(options.maxConnections(), MAX_CONNECTIONS);
    }

    void connectMore() {
        if (state != TorrentState.METADATA) {
            return;
        }
        int room = Math.min(connectionCap() - peers.size() - connecting, rt.connectionRoom());
        for (InetSocketAddress a : book.nextToDial(Math.min(room, 8), rt.now(), false)) {
            connecting++;
            Dialer.dial(rt, book, a, () -> state == TorrentState.METADATA, () -> connecting--,
                    socket -> attach(socket, a, true, null, null));
        }
    }

    /** Wraps a socket (dialed, or accepted for this info-hash) in a connection without a piece count. */
    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        if (!Dialer.admit(rt, book, socket, address, outgoing,
                state == TorrentState.METADATA && peers.size() < connectionCap())) {
            return;
        }
        rt.connectionOpened();
        Handshake ours = Handshake.of(magnet.infoHash(), rt.peerId(), true, true, false);
        PeerConnection c = new PeerConnection(rt.nextConnectionKey(), socket, address, outgoing, this, ours,
                PeerConnection.UNKNOWN_PIECE_COUNT, rt.now(), new OutstandingRequests());
        c.start(partial, rest);
    }

    /** Closes a connection and bans its peer for this torrent (it sent metadata that fails the hash). */
    void ban(String banKey) {
        for (PeerConnection c : new ArrayList<>(peers.values())) {
            if (PeerBook.banKey(c.address()).equals(banKey)) {
                book.ban(c.address());
                c.close("banned: sent metadata that does not match the info-hash");
            }
        }
        book.banKeys(Set.of(banKey));
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
        if (!c.extensionProtocol()) {
            // BEP 9 needs BEP 10: such a peer cannot give us metadata; try it again as a torrent.
            c.refuseReason("no extension protocol (BEP 10), so no metadata exchange (BEP 9)");
            return false;
        }
        peers.put(c.key(), c);
        if (c.outgoing()) {
            book.onConnected(c.address());
        }
        c.send(MetadataExchange.handshake(c, rt.listenPort(), 0));
        if (c.fast()) {
            // BEP 6: with the fast extension one of have all/have none/bitfield must come first.
            c.send(MessageWriter.haveNone());
        }
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
    public void onCancel(PeerConnection c, int piece, int begin, int length) {
    }

    @Override
    public void onReject(PeerConnection c, int piece, int begin, int length) {
    }

    @Override
    public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        if (extendedId == 0) {
            int port = c.extendedHandshake().listenPort();
            if (!c.outgoing() && port > 0) {
                // BEP 10 p: where a peer that dialed us listens, so the torrent can dial it back later.
                book.add(List.of(new InetSocketAddress(c.address().getAddress(), port)), PeerBook.Source.INCOMING);
            }
            requests.onExtendedHandshake(c);
        } else if (extendedId == MetadataExchange.LOCAL_ID) {
            requests.onMessage(c, payload);
        }
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
        rt.connectionClosed();
        if (peers.remove(c.key()) != c) {
            if (c.outgoing()) {
                book.onDisconnected(c.address(), true, rt.now());
            }
            if (reason != null && reason.startsWith("protocol error")) {
                problem(c + ": " + reason);
            }
            return;
        }
        if (reason != null && reason.startsWith("protocol error")) {
            problem(c + ": " + reason); // e.g. a malformed ut_metadata message or a metadata_size beyond 16 MiB
        }
        requests.onPeerGone(c);
        if (c.outgoing()) {
            book.onDisconnected(c.address(), false, rt.now());
        }
        connectMore();
    }

    private void tick() {
        for (PeerConnection c : new ArrayList<>(peers.values())) {
            c.onSecond();
        }
        requests.tick(rt.now());
        if (peers.size() + connecting < connectionCap()) {
            connectMore();
        }
    }

    // ---- views -----------------------------------------------------------------------------------

    InfoHash infoHash() {
        return magnet.infoHash();
    }

    String name() {
        return magnet.displayName().orElse(magnet.infoHash().toHex());
    }

    TorrentStats stats() {
        int seeds = 0;
        for (PeerConnection c : peers.values()) {
            seeds += c.hasAll() ? 1 : 0;
        }
        return new TorrentStats(magnet.infoHash(), name(), state, error, false, 0, 0, 0, 0, 0, 0,
                1.0, 0, 0, 0, 0, 0, peers.size(), book.knownCount(), seeds, -1, false, 0, options.saveDir().toString(),
                downloadLimit, uploadLimit, options.sequential(), addedAtMillis, 0, options.maxConnections());
    }

    MetadataProgress progress() {
        return new MetadataProgress(requests.size(), requests.piecesHave(), requests.piecesTotal(),
                requests.peersWithMetadata(), false, userPaused, List.copyOf(problems));
    }

    List<PeerStats> peerStats() {
        long now = rt.now();
        List<PeerStats> out = new ArrayList<>(peers.size());
        for (PeerConnection c : peers.values()) {
            out.add(new PeerStats(c.address().getAddress().getHostAddress() + ":" + c.address().getPort(), c.client(),
                    c.outgoing(), true, false, c.isChokingUs(), c.isInterested(), c.hasAll(), false, 0, 0, 0, 0,
                    requests.inFlight(c), 0, c.hasAll() ? 1.0 : 0.0, Math.max(0, now - c.connectedAtMillis())));
        }
        return out;
    }

    int connectionCount() {
        return peers.size();
    }
}
