package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.testkit.ScriptedPeer;
import dev.bitquark.wire.Handshake;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two peers that dial each other at the same moment each see a second connection to the same peer
 * id. Both sides must keep the same one, or both close theirs: {@link Swarm#join} keeps the
 * connection dialed by the peer with the lower peer id, in whichever order the two arrive.
 */
class SwarmDuplicateTest {
    static final InfoHash IH = InfoHash.fromHex("cd".repeat(20));

    final OnContext on = new OnContext();
    final java.util.Map<Integer, ScriptedPeer> peers = new java.util.HashMap<>();
    Swarm swarm;

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** A peer id ordered below ({@code lower}) or above ours. */
    PeerId theirs(boolean lower) {
        while (true) {
            PeerId p = PeerId.random();
            int c = Swarm.compare(p, on.rt.peerId());
            if (lower ? c < 0 : c > 0) {
                return p;
            }
        }
    }

    /** A connection (dialed by us if {@code outgoing}) whose peer shakes hands with {@code id}. */
    PeerConnection connect(int key, boolean outgoing, PeerId id) throws Exception {
        ScriptedPeer peer = new ScriptedPeer(id);
        peers.put(key, peer);
        PeerConnection[] out = new PeerConnection[1];
        on.run(() -> {
            on.rt.connectionOpened();
            PeerConnection c = new PeerConnection(key, peer.socket(), new InetSocketAddress("192.0.2.9", 6000 + key),
                    outgoing, new Forward(), Handshake.of(IH, on.rt.peerId(), true, true, false), 8, on.rt.now(),
                    new OutstandingRequests());
            c.start(null, null);
            peer.handshake(IH, true, true);
            out[0] = c;
        });
        return out[0];
    }

    boolean joined(PeerConnection c) throws Exception {
        boolean[] in = new boolean[1];
        on.run(() -> in[0] = swarm.connection(c.key()) == c);
        return in[0];
    }

    void run(boolean theirsLower, boolean outgoingFirst) throws Exception {
        on.run(() -> swarm = new Swarm(on.rt, IH, 100, List.of()));
        PeerId id = theirs(theirsLower);
        PeerConnection first = connect(1, outgoingFirst, id);
        assertTrue(joined(first));
        PeerConnection second = connect(2, !outgoingFirst, id);
        // Our dial stays when our id is the lower one; theirs when theirs is.
        PeerConnection kept = (second.outgoing() == !theirsLower) ? second : first;
        PeerConnection dropped = kept == first ? second : first;
        assertTrue(joined(kept), "kept: " + kept);
        assertFalse(joined(dropped), "dropped: " + dropped);
        int[] size = new int[1];
        on.run(() -> size[0] = swarm.size());
        assertEquals(1, size[0]);
    }

    @Test
    void ourDialStaysWhenOurIdIsLower() throws Exception {
        run(false, true);
    }

    @Test
    void ourDialStaysWhenOurIdIsLowerEvenIfTheirsCameFirst() throws Exception {
        run(false, false);
    }

    @Test
    void theirDialStaysWhenTheirIdIsLower() throws Exception {
        run(true, true);
    }

    @Test
    void theirDialStaysWhenTheirIdIsLowerAndCameFirst() throws Exception {
        run(true, false);
    }

    @Test
    void twoConnectionsTheSameWayKeepTheFirst() throws Exception {
        on.run(() -> swarm = new Swarm(on.rt, IH, 100, List.of()));
        PeerId id = theirs(true);
        PeerConnection first = connect(1, true, id);
        PeerConnection second = connect(2, true, id);
        assertTrue(joined(first));
        assertFalse(joined(second));
    }

    /**
     * A peer that dialed us says where it listens (BEP 10 {@code p}): that address is not dialed while its
     * connection lasts (the second connection would be a duplicate, and a peer with another tie-break rule may
     * close both), and it can be dialed once the connection ends.
     */
    @Test
    void anIncomingPeersListenAddressIsNotDialedWhileItIsConnected() throws Exception {
        on.run(() -> swarm = new Swarm(on.rt, IH, 100, List.of()));
        PeerConnection in = connect(1, false, theirs(true));
        assertTrue(joined(in));
        byte[] hs = "d1:md6:ut_pexi1ee1:pi51413ee".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        peers.get(1).send(dev.bitquark.wire.MessageWriter.extended(0, hs));
        InetSocketAddress listen = new InetSocketAddress("192.0.2.9", 51413);
        boolean[] known = new boolean[1];
        for (int i = 0; i < 100 && !known[0]; i++) {
            Thread.sleep(20);
            on.run(() -> known[0] = swarm.book().addresses().contains(listen));
        }
        assertTrue(known[0], "the listen address is in the book");
        List<List<InetSocketAddress>> dial = new java.util.ArrayList<>();
        on.run(() -> dial.add(swarm.book().nextToDial(10, on.rt.now() + 600_000, false)));
        assertFalse(dial.get(0).contains(listen), "not dialed while connected: " + dial);
        on.run(() -> in.close("test"));
        on.run(() -> dial.add(swarm.book().nextToDial(10, on.rt.now() + 600_000, false)));
        assertTrue(dial.get(1).contains(listen), "dialable once the connection ended: " + dial);
    }

    /** Joins through the swarm, as both phases do; leaves it when closed. */
    final class Forward implements PeerConnection.Events {
        @Override
        public boolean onHandshake(PeerConnection c, Handshake theirs) {
            return swarm.join(c, theirs);
        }

        @Override
        public void onMessage(PeerConnection c, PeerConnection.Message m) {
        }

        @Override
        public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        }

        @Override
        public void onRequest(PeerConnection c, int piece, int begin, int length) {
        }

        @Override
        public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
            swarm.onExtended(c, extendedId, payload);
        }

        @Override
        public void onClosed(PeerConnection c, String reason) {
            swarm.left(c);
        }
    }
}
