package dev.bitquark.engine.internal;

import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerSource;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.HandshakeDecoder;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
    private final List<PeerSource> sources;
    private final List<PeerSource.Lookup> lookups = new ArrayList<>();
    private Phase phase;
    private int dialing;

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
    void tick() {
        if (wanted() && connections.size() + dialing < phase.connectionCap()) {
            connectMore();
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
     * The peer's handshake arrived: refuses a connection to ourselves and a second one to the same
     * peer id; otherwise the connection joins the swarm. Returns whether it did.
     */
    boolean join(PeerConnection c, Handshake theirs) {
        if (theirs.peerId().equals(rt.peerId())) {
            c.refuseReason("connected to ourselves");
            book.addSelf(c.address());
            return false;
        }
        for (PeerConnection other : connections.values()) {
            if (theirs.peerId().equals(other.peerId())) {
                c.refuseReason("already connected to this peer");
                return false;
            }
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
        if (c.outgoing()) {
            book.onDisconnected(c.address(), !joined, rt.now());
        }
        return joined;
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
