package dev.bitquark.engine.internal;

import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerSource;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.PexMessage;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peers of one info-hash for its whole life, in both phases (Transmission's {@code tr_swarm}):
 * the peer book (every address with its {@link PeerOrigin}), the open connections, dialing,
 * admission against the torrent's and the session's limits, refusal of ourselves and of a second
 * connection to the same peer, and bans. The phase using it (the metadata fetch, then the torrent)
 * is its {@link Phase}: it says whether connections are wanted and how many, and makes the
 * connection object; when the phase changes, the book and the bans stay.
 *
 * <p>Peer sources feed {@link #addPeers}: the trackers (through {@link TrackerList}), the user,
 * incoming connections, and every {@link PeerSource} plugged into the engine (DHT, LSD…), which the
 * swarm starts and stops with the phase ({@link #startSources}, {@link #stopSources}).
 *
 * <p>Owned by the engine context; not thread-safe.
 */
public final class Swarm {
    /** Dials started per call of {@link #connectMore}: bursts stay small, the tick dials the rest. */
    static final int DIALS_PER_ROUND = 8;

    /** What the phase using the swarm decides. */
    interface Phase {
        /** Whether the phase wants connections now (fetching metadata, or live). */
        boolean wantsConnections();

        /** The most connections this phase keeps. */
        int connectionCap();

        /** Whether known seeds are not worth dialing (we are complete). */
        boolean skipSeeds();

        /** Makes the connection for an admitted socket; the swarm starts it. */
        PeerConnection connect(int key, NetSocket socket, InetSocketAddress address, boolean outgoing);
    }

    private final EngineRuntime rt;
    private final InfoHash infoHash;
    private final PeerBook book;
    private final Map<Integer, PeerConnection> connections = new HashMap<>();
    /** A read-only view made once: asked for on every piece and tick, it should not allocate. */
    private final Collection<PeerConnection> connectionsView = Collections.unmodifiableCollection(connections.values());
    private final Map<Integer, String> banKeys = new HashMap<>();
    /** Where peers that dialed us listen (BEP 10 {@code p}), by connection key, while those connections last. */
    private final Map<Integer, InetSocketAddress> listenAddresses = new HashMap<>();
    private final List<PeerSource> sources;
    private final List<PeerSource.Lookup> lookups = new ArrayList<>();
    private Phase phase;
    private int dialing;
    /** BEP 27: false for a private torrent, which gets its peers only from its trackers (no DHT, PEX or LSD). */
    private boolean publicTorrent;
    /** Peer exchange (BEP 11), or null when off (configured off, or a private torrent). */
    private PeerExchange pex;
    /** When the peer sources were last told whether we have few peers. */
    private long lastHintAt;
    /** Seconds between hints to the peer sources; and the connection count below which a swarm has "few". */
    static final long HINT_INTERVAL_MS = 30_000;
    static final int FEW_PEERS = 10;

    Swarm(EngineRuntime rt, InfoHash infoHash, int maxKnownPeers, List<PeerSource> sources) {
        this.rt = rt;
        this.infoHash = infoHash;
        this.book = new PeerBook(maxKnownPeers);
        this.sources = List.copyOf(sources);
        if (rt.listenPort() > 0) {
            book.addSelf(new InetSocketAddress("127.0.0.1", rt.listenPort()));
        }
    }

    /** The phase that uses the swarm from now on; connections of the one before are closed by then. */
    void use(Phase p) {
        this.phase = p;
    }

    PeerBook book() {
        return book;
    }

    // ---- peer sources ----------------------------------------------------------------------------

    /** New addresses from {@code origin}; dials some at once if the phase wants connections. */
    void addPeers(List<InetSocketAddress> addresses, PeerOrigin origin) {
        rt.assertOnContext();
        if (book.add(addresses, origin) > 0 && wanted()) {
            connectMore();
        }
    }

    /**
     * Starts a lookup at every plugged-in source, unless the torrent is private (BEP 27: its
     * trackers are its only peer source). Found peers arrive on the engine context.
     */
    void startSources(boolean privateTorrent, int port) {
        publicTorrent = !privateTorrent;
        pex = publicTorrent && rt.config().pex() ? (pex != null ? pex : new PeerExchange()) : null;
        if (privateTorrent || !lookups.isEmpty()) {
            return;
        }
        for (PeerSource s : sources) {
            PeerOrigin origin = s.origin();
            lookups.add(s.start(infoHash, port, found -> rt.context().runOnContext(v -> addPeers(found, origin))));
        }
    }

    void stopSources() {
        for (PeerSource.Lookup l : lookups) {
            l.stop();
        }
        lookups.clear();
    }

    /** Whether connections of this swarm offer {@code ut_pex} in their extended handshake. */
    boolean pexOn() {
        return pex != null;
    }

    /** BEP 5: our DHT's UDP port if the DHT may be used for this torrent, else 0. */
    int dhtPort() {
        return publicTorrent ? rt.dhtPort() : 0;
    }

    /**
     * After the phase answered a handshake (BEP 6: have all/none or a bitfield first): a peer that
     * sets the DHT bit hears our DHT port (BEP 5 {@code port} message).
     */
    void afterHandshake(PeerConnection c) {
        int port = dhtPort();
        if (port > 0 && c.theirHandshake() != null && c.theirHandshake().supportsDht()) {
            c.send(MessageWriter.port(port));
        }
    }

    /** BEP 5 {@code port} message: the peer's DHT node, for our routing table. */
    void onPort(PeerConnection c, int port) {
        if (dhtPort() > 0 && port > 0) {
            rt.config().dht().dhtNode(new InetSocketAddress(c.address().getAddress(), port));
        }
    }

    /**
     * The extended messages both phases handle alike: the BEP 10 handshake (an incoming peer's listen
     * port {@code p} goes into the book; PEX starts) and {@code ut_pex}. Returns whether it was one of them.
     */
    boolean onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        if (extendedId == ExtendedHandshake.ID) {
            ExtendedHandshake h = c.extendedHandshake();
            if (!c.outgoing() && h != null && h.listenPort() > 0) {
                // BEP 10 p: where a peer that dialed us listens, so the torrent can dial it back later. Not
                // while this connection lasts: a second one to the same peer is a duplicate that one side
                // closes, and a peer that applies another rule than ours (Swarm.join) may close both.
                InetSocketAddress listen = new InetSocketAddress(c.address().getAddress(), h.listenPort());
                book.add(List.of(listen), PeerOrigin.INCOMING);
                if (connections.get(c.key()) == c) {
                    book.onConnected(listen);
                    listenAddresses.put(c.key(), listen);
                }
            }
            if (pex != null) {
                pex.onExtendedHandshake(c, rt.now());
            }
            return false; // the phase has more to do with the handshake
        }
        if (extendedId == PeerExchange.LOCAL_ID) {
            if (pex != null) {
                List<PexMessage.Peer> added = pex.onMessage(c, payload, rt.now());
                List<InetSocketAddress> addresses = new ArrayList<>(added.size());
                for (PexMessage.Peer p : added) {
                    addresses.add(p.address());
                }
                addPeers(addresses, PeerOrigin.PEX);
                for (PexMessage.Peer p : added) {
                    if ((p.flags() & PexMessage.FLAG_SEED) != 0) {
                        book.markSeed(p.address());
                    }
                }
            }
            return true;
        }
        return false;
    }

    /** Where the peer of a joined connection came from: the book's origin if we dialed it, else incoming. */
    PeerOrigin origin(PeerConnection c) {
        return c.outgoing() ? book.origin(c.address()) : PeerOrigin.INCOMING;
    }

    /** Joined connections by where their peer came from (Transmission's "peers from"). */
    Map<PeerOrigin, Integer> connectedBySource() {
        if (connections.isEmpty()) {
            return Map.of(); // most torrents of a large session, sampled every second: no map made for them
        }
        Map<PeerOrigin, Integer> out = new EnumMap<>(PeerOrigin.class);
        for (PeerConnection c : connections.values()) {
            out.merge(origin(c), 1, Integer::sum);
        }
        return out;
    }

    // ---- connections -----------------------------------------------------------------------------

    private boolean wanted() {
        return phase != null && phase.wantsConnections();
    }

    /** Dials known peers while both the phase's and the session's connection limits allow. */
    void connectMore() {
        if (!wanted()) {
            return;
        }
        int room = Math.min(phase.connectionCap() - connections.size() - dialing, rt.connectionRoom());
        // Once complete, dialing seeds is pointless: neither side has anything for the other.
        for (InetSocketAddress a : book.nextToDial(Math.min(room, DIALS_PER_ROUND), rt.now(), phase.skipSeeds())) {
            dialing++;
            Phase dialedFor = phase;
            Dialer.dial(rt, book, a, () -> phase == dialedFor && wanted(), () -> dialing--,
                    socket -> attach(socket, a, true, null, null));
        }
    }

    /** Called every second: dials more while below the phase's cap. */
    /** No connection, no dial under way, no known peer, no discovery hint due: {@link #tick} would do nothing. */
    boolean isQuiet(long now) {
        return connections.isEmpty() && dialing == 0 && book.knownCount() == 0
                && (lookups.isEmpty() || now - lastHintAt < HINT_INTERVAL_MS);
    }

    void tick() {
        if (wanted() && connections.size() + dialing < phase.connectionCap()) {
            connectMore();
        }
        long now = rt.now();
        if (pex != null) {
            pex.tick(connections.values(), now);
        }
        if (!lookups.isEmpty() && now - lastHintAt >= HINT_INTERVAL_MS) {
            lastHintAt = now;
            boolean few = wanted() && !phase.skipSeeds() && connections.size() < FEW_PEERS;
            for (PeerSource.Lookup l : lookups) {
                l.fewPeers(few);
            }
        }
    }

    /** Wraps a socket (dialed, or accepted and matched by info-hash) in a connection of the current phase. */
    void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                ByteBuffer rest) {
        boolean room = wanted() && connections.size() < phase.connectionCap();
        if (!Dialer.admit(rt, book, socket, address, outgoing, room)) {
            return;
        }
        rt.connectionOpened();
        // Keys are unique in the engine: the session-wide throttles tell connections apart by them.
        PeerConnection c = phase.connect(rt.nextConnectionKey(), socket, address, outgoing);
        c.start(partial, rest);
    }

    /**
     * The peer's handshake arrived: refuses a connection to ourselves, and keeps one connection per
     * peer id; otherwise the connection joins the swarm. Returns whether it did.
     *
     * <p>Two peers that learn each other at the same moment (PEX, DHT) dial each other, and each side
     * sees a second connection. If each kept its first one, both could be closed. So both sides decide
     * alike: the connection dialed by the peer with the lower peer id stays, whichever came first.
     */
    boolean join(PeerConnection c, Handshake theirs) {
        if (theirs.peerId().equals(rt.peerId())) {
            c.refuseReason("connected to ourselves");
            book.addSelf(c.address());
            return false;
        }
        PeerConnection other = null;
        for (PeerConnection o : connections.values()) {
            if (theirs.peerId().equals(o.peerId())) {
                other = o;
                break;
            }
        }
        if (other != null) {
            boolean keepOurs = compare(rt.peerId(), theirs.peerId()) < 0;
            if (other.outgoing() == c.outgoing() || c.outgoing() != keepOurs) {
                c.refuseReason("already connected to this peer");
                return false;
            }
            other.close("duplicate connection: the one dialed by the lower peer id stays");
        }
        connections.put(c.key(), c);
        banKeys.put(c.key(), PeerBook.banKey(c.address()));
        if (c.outgoing()) {
            book.onConnected(c.address());
        }
        return true;
    }

    /**
     * A connection of this swarm closed (joined or not); returns whether it had joined. The phase
     * cleans up its own state for it, then calls {@link #connectMore}.
     */
    boolean left(PeerConnection c) {
        rt.connectionClosed();
        boolean joined = connections.remove(c.key()) == c;
        if (pex != null) {
            pex.onLeft(c);
        }
        if (c.outgoing()) {
            book.onDisconnected(c.address(), !joined, rt.now());
        }
        InetSocketAddress listen = listenAddresses.remove(c.key());
        if (listen != null) {
            book.onDisconnected(listen, false, rt.now());
        }
        return joined;
    }

    /** Orders peer ids as unsigned bytes, the same on both sides of a connection. */
    static int compare(dev.bitquark.metainfo.PeerId a, dev.bitquark.metainfo.PeerId b) {
        return java.util.Arrays.compareUnsigned(a.toBytes(), b.toBytes());
    }

    /** Closes every connection with {@code reason} (a phase stops). */
    void closeAll(String reason) {
        for (PeerConnection c : new ArrayList<>(connections.values())) {
            c.close(reason);
        }
    }

    /** Closes the least useful connections beyond {@code max} (a lowered limit; see {@link ConnectionTrim}). */
    void trimTo(int max, String reason) {
        ConnectionTrim.closeLeastUseful(connections.values(), connections.size() - max, reason);
    }

    /**
     * Bans the peers behind {@code keys} ({@link PeerBook#banKey}) and closes their connections
     * with {@code reason}; the keys stay banned even for peers not connected now.
     */
    void ban(Set<String> keys, String reason) {
        if (keys.isEmpty()) {
            return;
        }
        for (PeerConnection c : new ArrayList<>(connections.values())) {
            if (keys.contains(PeerBook.banKey(c.address()))) {
                book.ban(c.address());
                c.close(reason);
            }
        }
        book.banKeys(keys);
    }

    /** The ban key of a connection that joined (kept after it closed, for smart ban's late verdicts). */
    String banKeyOf(int connectionKey) {
        return banKeys.getOrDefault(connectionKey, "unknown");
    }

    /** The joined connections (a live view: copy it before closing any). */
    Collection<PeerConnection> connections() {
        return connectionsView;
    }

    PeerConnection connection(int key) {
        return connections.get(key);
    }

    int size() {
        return connections.size();
    }

    /** Dials in progress. */
    int dialing() {
        return dialing;
    }

    List<String> bannedPeers() {
        return book.banned().stream().sorted().toList();
    }
}
