package dev.bitquark.dht.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerStoreTest {
    final SplittableRandom random = new SplittableRandom(1);
    static final long MIN = 60_000;

    static InetSocketAddress peer(int i) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8), (byte) i}), 1000 + i);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void announcesExpireAfterThirtyMinutesUnlessRenewed() {
        PeerStore s = new PeerStore(10, 10);
        NodeId ih = NodeId.random(random);
        s.announce(ih, peer(1), 0);
        s.announce(ih, peer(2), 0);
        s.announce(ih, peer(2), 20 * MIN); // renewed
        s.expire(30 * MIN - 1);
        assertEquals(2, s.peers());
        assertEquals(2, s.peers(ih, 50, random, 30 * MIN - 1).size());
        assertEquals(1, s.peers(ih, 50, random, 30 * MIN).size(), "an expired peer is never handed out");
        s.expire(30 * MIN);
        assertEquals(1, s.peers());
        s.expire(50 * MIN);
        assertEquals(0, s.peers());
        assertEquals(0, s.infoHashes());
    }

    @Test
    void aNewInfoHashEvictsTheOneWithTheOldestAnnounce() {
        PeerStore s = new PeerStore(3, 10);
        NodeId[] ih = {NodeId.random(random), NodeId.random(random), NodeId.random(random), NodeId.random(random)};
        s.announce(ih[0], peer(1), 0);
        s.announce(ih[1], peer(2), 1);
        s.announce(ih[2], peer(3), 2);
        s.announce(ih[0], peer(4), 3); // ih[0] active again: ih[1] is now the oldest
        s.announce(ih[3], peer(5), 4);
        assertEquals(3, s.infoHashes());
        assertTrue(s.peers(ih[1], 10, random, 5).isEmpty());
        assertEquals(2, s.peers(ih[0], 10, random, 5).size());
        assertEquals(4, s.peers());
    }

    @Test
    void aFullInfoHashReplacesThePeerThatAnnouncedLongestAgo() {
        PeerStore s = new PeerStore(1, 3);
        NodeId ih = NodeId.random(random);
        for (int i = 0; i < 3; i++) {
            s.announce(ih, peer(i), i);
        }
        s.announce(ih, peer(9), 10);
        assertEquals(3, s.peers());
        assertFalse(s.peers(ih, 10, random, 11).contains(peer(0)));
        assertTrue(s.peers(ih, 10, random, 11).contains(peer(9)));
    }

    @Test
    void ipv6AndPortZeroAreRefusedAndRestoreDropsExpired() throws Exception {
        PeerStore s = new PeerStore(1, 3);
        NodeId ih = NodeId.random(random);
        assertFalse(s.announce(ih, new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1), 0));
        assertFalse(s.announce(ih, new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 0), 0));
        assertFalse(s.restore(ih, peer(1), 100, 100));
        assertTrue(s.restore(ih, peer(1), 101, 100));
        assertEquals(1, s.snapshot(100).size());
        assertEquals(101, s.snapshot(100).get(0).expiresAt());
    }
}
