package dev.bitquark.engine.internal;

import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.PexMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer exchange (BEP 11, {@code ut_pex}) for one swarm: tells each connected peer that offers it which
 * peers we are connected to, and learns theirs.
 *
 * <p>Sending: a first message a few seconds after the peer's extended handshake (so it lists the
 * connections made at start), then one a minute ({@value #INTERVAL_MS} ms, BEP 11's "no more than
 * once a minute"), each with the peers connected since the last one to that peer ({@code added},
 * with flags: {@code 0x02} seed, {@code 0x10} reachable — we dialed it) and those gone since
 * ({@code dropped}), at most {@value PexMessage#MAX_SENT} of each; the rest waits for the next
 * message. A peer that dialed us is listed only with the listen port of its BEP 10 handshake
 * ({@code p}); without one nobody could dial it. The recipient never hears about itself.
 *
 * <p>Receiving: a message arriving less than {@value #MIN_GAP_MS} ms after the last accepted one
 * from the same connection is ignored (a peer flooding PEX gains nothing); the codec already keeps
 * at most {@value PexMessage#MAX_ACCEPTED} entries, and the peer book has its own cap. Dropped
 * entries are ignored: the address may still be good, and the book backs off failed dials itself.
 *
 * <p>Owned by the engine context; not thread-safe.
 */
final class PeerExchange {
    /** The extended message id we receive {@code ut_pex} as (BEP 10: the receiver chooses; libtorrent uses 1 too). */
    static final int LOCAL_ID = 1;
    static final long INTERVAL_MS = 60_000;
    static final long FIRST_DELAY_MS = 2_000;
    /** Shortest accepted gap between two messages of one peer: BEP 11 says one a minute; allow for jitter. */
    static final long MIN_GAP_MS = 20_000;

    private static final class State {
        /** What this peer has been told we are connected to (address → flags sent). */
        final Map<InetSocketAddress, Integer> told = new LinkedHashMap<>();
        long nextSendAt;
        long lastReceivedAt = Long.MIN_VALUE / 2;
    }

    private final Map<Integer, State> peers = new HashMap<>();
    private long ignored;

    /** The peer's extended handshake arrived: if it offers {@code ut_pex}, it gets our messages from now on. */
    void onExtendedHandshake(PeerConnection c, long now) {
        if (remoteId(c) > 0) {
            peers.computeIfAbsent(c.key(), k -> new State()).nextSendAt = now + FIRST_DELAY_MS;
        }
    }

    /**
     * A {@code ut_pex} message from {@code c}: the peers to add, or an empty list if it came too soon.
     * A malformed message throws {@link dev.bitquark.wire.WireException}, which closes the connection.
     */
    List<PexMessage.Peer> onMessage(PeerConnection c, ByteBuffer payload, long now) {
        State s = peers.computeIfAbsent(c.key(), k -> new State());
        PexMessage m = PexMessage.decode(payload);
        if (now - s.lastReceivedAt < MIN_GAP_MS) {
            ignored++;
            return List.of();
        }
        s.lastReceivedAt = now;
        return m.added();
    }

    /** Sends the peers whose minute has come what changed since their last message. */
    void tick(Collection<PeerConnection> connections, long now) {
        if (peers.isEmpty()) {
            return;
        }
        Map<InetSocketAddress, Integer> current = null;
        for (PeerConnection c : connections) {
            State s = peers.get(c.key());
            if (s == null || now < s.nextSendAt) {
                continue;
            }
            if (current == null) {
                current = connectedPeers(connections);
            }
            s.nextSendAt = now + INTERVAL_MS;
            send(c, s, current);
        }
    }

    private void send(PeerConnection c, State s, Map<InetSocketAddress, Integer> current) {
        int id = remoteId(c);
        if (id == 0 || c.writeQueueFull()) {
            return;
        }
        InetSocketAddress self = listenAddress(c);
        List<PexMessage.Peer> added = new ArrayList<>();
        for (Map.Entry<InetSocketAddress, Integer> e : current.entrySet()) {
            if (added.size() >= PexMessage.MAX_SENT) {
                break;
            }
            InetSocketAddress a = e.getKey();
            if (!a.equals(self) && !e.getValue().equals(s.told.get(a))) {
                added.add(new PexMessage.Peer(a, e.getValue()));
            }
        }
        List<InetSocketAddress> dropped = new ArrayList<>();
        for (InetSocketAddress a : s.told.keySet()) {
            if (dropped.size() >= PexMessage.MAX_SENT) {
                break;
            }
            if (!current.containsKey(a)) {
                dropped.add(a);
            }
        }
        if (added.isEmpty() && dropped.isEmpty()) {
            return;
        }
        for (PexMessage.Peer p : added) {
            s.told.put(p.address(), p.flags());
        }
        for (InetSocketAddress a : dropped) {
            s.told.remove(a);
        }
        c.send(MessageWriter.extended(id, new PexMessage(added, dropped).encode()));
    }

    /** Where each joined connection's peer can be dialed, with its BEP 11 flags. */
    private static Map<InetSocketAddress, Integer> connectedPeers(Collection<PeerConnection> connections) {
        Map<InetSocketAddress, Integer> out = new LinkedHashMap<>();
        for (PeerConnection c : connections) {
            InetSocketAddress a = listenAddress(c);
            if (a != null) {
                int flags = (c.hasAll() ? PexMessage.FLAG_SEED : 0) | (c.outgoing() ? PexMessage.FLAG_REACHABLE : 0);
                out.put(a, flags);
            }
        }
        return out;
    }

    /** The address others can dial the peer of {@code c} at, or null if unknown (it dialed us and gave no port). */
    static InetSocketAddress listenAddress(PeerConnection c) {
        if (c.outgoing()) {
            return c.address();
        }
        ExtendedHandshake h = c.extendedHandshake();
        int port = h == null ? 0 : h.listenPort();
        return port > 0 ? new InetSocketAddress(c.address().getAddress(), port) : null;
    }

    void onLeft(PeerConnection c) {
        peers.remove(c.key());
    }

    /** Messages ignored because they came too soon after the last one of the same peer. */
    long ignored() {
        return ignored;
    }

    static int remoteId(PeerConnection c) {
        ExtendedHandshake h = c.extendedHandshake();
        return h == null ? 0 : h.idOf(PexMessage.EXTENSION_NAME);
    }
}
