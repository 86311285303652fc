package dev.bitquark.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    static final long MIN = 60_000;
    final SplittableRandom random = new SplittableRandom(7);
    final NodeId own = NodeId.random(random);
    long now = 1_000_000;
    int nextIp = 1;

    NodeInfo node(NodeId id) {
        try {
            int i = nextIp++;
            return new NodeInfo(id, new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8),
                    (byte) i}), 6881));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A node in bucket range {@code prefix} (sharing exactly that many leading bits with our id). */
    NodeInfo nodeWithPrefix(int prefix) {
        return node(own.randomWithPrefix(prefix, false, random));
    }

    @Test
    void splitsFollowOurIdAndFarBucketsOnlyFill() {
        RoutingTable t = new RoutingTable(own, now);
        for (int i = 0; i < 8; i++) {
            t.onResponse(nodeWithPrefix(0), false, now);
        }
        // A ninth far node: the single bucket splits into [far] and [our half]; far is full, so replacement.
        RoutingTable.Outcome o = t.onResponse(nodeWithPrefix(0), false, now);
        assertEquals(2, t.bucketCount());
        assertEquals(RoutingTable.Outcome.Kind.REPLACEMENT, o.kind());
        // More far nodes never split again: bucket 0 does not hold our id.
        for (int i = 0; i < 20; i++) {
            t.onResponse(nodeWithPrefix(0), false, now);
        }
        assertEquals(2, t.bucketCount());
        assertEquals(8, t.counts(now).replacements(), "replacement cache keeps at most 8");
        // Nodes ever closer to us split the bucket holding our id, one level at a time.
        for (int prefix = 1; prefix <= 12; prefix++) {
            for (int i = 0; i < 8; i++) {
                t.onResponse(nodeWithPrefix(prefix), false, now);
            }
        }
        assertEquals(13, t.bucketCount());
        for (int b = 0; b < 13; b++) {
            int bucket = b;
            long members = t.entries(false).stream().filter(e -> t.bucketIndex(e.id()) == bucket).count();
            assertEquals(8, members, "bucket " + b);
        }
        assertEquals(13 * 8, t.size());
    }

    @Test
    void nodeStatesFollowBep5OverTime() {
        RoutingTable t = new RoutingTable(own, now);
        NodeInfo n = nodeWithPrefix(3);
        t.onResponse(n, false, now);
        assertEquals(NodeState.GOOD, t.state(n.id(), now));
        assertEquals(NodeState.GOOD, t.state(n.id(), now + 15 * MIN - 1));
        assertEquals(NodeState.QUESTIONABLE, t.state(n.id(), now + 15 * MIN));
        // It queried us: answered ever and queried within 15 minutes is good again.
        assertTrue(t.onQuery(n, now + 20 * MIN));
        assertEquals(NodeState.GOOD, t.state(n.id(), now + 20 * MIN));
        assertEquals(NodeState.QUESTIONABLE, t.state(n.id(), now + 35 * MIN));
        // One failure: questionable; the second in a row: bad (BEP 5 tries once more).
        t.onFailure(n.id(), n.address(), now + 36 * MIN);
        assertEquals(NodeState.QUESTIONABLE, t.state(n.id(), now + 36 * MIN));
        t.onFailure(n.id(), n.address(), now + 37 * MIN);
        assertEquals(NodeState.BAD, t.state(n.id(), now + 37 * MIN));
        // An answer clears the failures.
        t.onResponse(n, false, now + 38 * MIN);
        assertEquals(NodeState.GOOD, t.state(n.id(), now + 38 * MIN));
    }

    @Test
    void aQueryFromAnUnknownNodeDoesNotAddIt() {
        RoutingTable t = new RoutingTable(own, now);
        NodeInfo n = nodeWithPrefix(0);
        assertFalse(t.onQuery(n, now));
        assertEquals(0, t.size());
        assertTrue(t.wouldAdd(n, now));
    }

    @Test
    void badNodesAreNeverReturnedByClosest() {
        RoutingTable t = new RoutingTable(own, now);
        List<NodeInfo> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            NodeInfo n = nodeWithPrefix(i);
            all.add(n);
            t.onResponse(n, false, now);
        }
        NodeInfo bad = all.get(2);
        t.onFailure(bad.id(), bad.address(), now);
        t.onFailure(bad.id(), bad.address(), now);
        List<NodeInfo> closest = t.closest(bad.id(), 100, now, false);
        assertEquals(5, closest.size());
        assertFalse(closest.contains(bad));
        assertEquals(all.get(3), t.closest(all.get(3).id(), 1, now, false).get(0));
        // goodOnly leaves questionable ones out too.
        assertEquals(5, t.closest(own, 100, now, true).size());
        assertEquals(0, t.closest(own, 100, now + 16 * MIN, true).size());
        assertEquals(5, t.closest(own, 100, now + 16 * MIN, false).size());
    }

    @Test
    void aFullBucketReplacesABadNodeFirst() {
        RoutingTable t = new RoutingTable(own, now);
        List<NodeInfo> far = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            far.add(nodeWithPrefix(0));
            t.onResponse(far.get(i), false, now);
        }
        t.onResponse(nodeWithPrefix(0), false, now); // splits; goes to replacements
        NodeInfo victim = far.get(4);
        t.onFailure(victim.id(), victim.address(), now);
        t.onFailure(victim.id(), victim.address(), now);
        // The replacement cache took the bad node's place at once.
        assertNull(t.state(victim.id(), now));
        assertEquals(8, t.closest(far.get(0).id(), 100, now, false).stream()
                .filter(n -> t.bucketIndex(n.id()) == 0).count());
        assertEquals(0, t.counts(now).replacements());
        // With an empty replacement cache, a bad member stays until a newcomer replaces it.
        NodeInfo second = far.get(5);
        t.onFailure(second.id(), second.address(), now);
        t.onFailure(second.id(), second.address(), now);
        assertEquals(NodeState.BAD, t.state(second.id(), now));
        NodeInfo newcomer = nodeWithPrefix(0);
        assertEquals(RoutingTable.Outcome.Kind.ADDED, t.onResponse(newcomer, false, now).kind());
        assertNull(t.state(second.id(), now));
        assertEquals(NodeState.GOOD, t.state(newcomer.id(), now));
    }

    @Test
    void aFullBucketOfQuestionableNodesPingsTheLeastRecentlySeenAndPromotesTheNewcomerWhenItFails() {
        RoutingTable t = new RoutingTable(own, now);
        List<NodeInfo> far = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            far.add(nodeWithPrefix(0));
            t.onResponse(far.get(i), false, now + i);
        }
        t.onResponse(nodeWithPrefix(1), false, now); // split now, so bucket 0 is final
        long later = now + 20 * MIN; // every member is questionable
        for (int i = 1; i < 8; i++) {
            t.onQuery(far.get(i), later); // all but far[0] were seen recently
        }
        NodeInfo newcomer = nodeWithPrefix(0);
        RoutingTable.Outcome o = t.onResponse(newcomer, false, later);
        assertEquals(RoutingTable.Outcome.Kind.REPLACEMENT, o.kind());
        assertEquals(far.get(0), o.ping(), "the least recently seen questionable node is pinged");
        // The ping fails twice: the newcomer takes the place.
        t.onFailure(far.get(0).id(), far.get(0).address(), later + 2_000);
        assertEquals(NodeState.QUESTIONABLE, t.state(far.get(0).id(), later + 2_000));
        t.onFailure(far.get(0).id(), far.get(0).address(), later + 4_000);
        assertNull(t.state(far.get(0).id(), later + 4_000));
        assertEquals(NodeState.GOOD, t.state(newcomer.id(), later + 4_000));
    }

    @Test
    void theReplacementCacheKeepsTheMostRecent() {
        RoutingTable t = new RoutingTable(own, now);
        List<NodeInfo> far = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            t.onResponse(nodeWithPrefix(0), false, now);
        }
        for (int i = 0; i < 12; i++) {
            far.add(nodeWithPrefix(0));
            t.onResponse(far.get(i), false, now + i);
        }
        assertEquals(8, t.counts(now).replacements());
        List<NodeId> cached = t.entries(true).stream().map(NodeEntry::id).toList();
        for (int i = 0; i < 4; i++) {
            assertFalse(cached.contains(far.get(i).id()), "oldest replacement " + i + " dropped");
        }
        for (int i = 4; i < 12; i++) {
            assertTrue(cached.contains(far.get(i).id()), "recent replacement " + i + " kept");
        }
    }

    @Test
    void readOnlyOwnIdPortZeroAndIpv6AreRefused() throws Exception {
        RoutingTable t = new RoutingTable(own, now);
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(nodeWithPrefix(0), true, now).kind());
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(node(own), false, now).kind());
        NodeInfo portZero = new NodeInfo(NodeId.random(random),
                new InetSocketAddress(InetAddress.getByName("10.9.9.9"), 0));
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(portZero, false, now).kind());
        NodeInfo v6 = new NodeInfo(NodeId.random(random), new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 1));
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(v6, false, now).kind());
        assertEquals(0, t.size());
    }

    @Test
    void aKnownIdFromAnotherAddressDoesNotHijackTheEntry() {
        RoutingTable t = new RoutingTable(own, now);
        NodeInfo n = nodeWithPrefix(2);
        t.onResponse(n, false, now);
        NodeInfo imposter = node(n.id());
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(imposter, false, now).kind());
        assertEquals(n, t.closest(n.id(), 1, now, false).get(0));
    }

    @Test
    void refreshTargetsFallInTheirBucket() {
        RoutingTable t = new RoutingTable(own, now);
        for (int prefix = 0; prefix < 5; prefix++) {
            for (int i = 0; i < 9; i++) {
                t.onResponse(nodeWithPrefix(prefix), false, now);
            }
        }
        for (int b = 0; b < t.bucketCount(); b++) {
            assertEquals(b, t.bucketIndex(t.randomIdInBucket(b, random)));
        }
    }

    @Test
    void oneNodePerIpExceptOnLoopback() throws Exception {
        RoutingTable t = new RoutingTable(own, now);
        InetAddress ip = InetAddress.getByName("10.50.0.1");
        assertEquals(RoutingTable.Outcome.Kind.ADDED, t.onResponse(new NodeInfo(NodeId.random(random),
                new InetSocketAddress(ip, 1000)), false, now).kind());
        assertEquals(RoutingTable.Outcome.Kind.REFUSED, t.onResponse(new NodeInfo(NodeId.random(random),
                new InetSocketAddress(ip, 1001)), false, now).kind());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int port = 1; port <= 3; port++) {
            assertEquals(RoutingTable.Outcome.Kind.ADDED, t.onResponse(new NodeInfo(NodeId.random(random),
                    new InetSocketAddress(loopback, port)), false, now).kind());
        }
        assertEquals(4, t.size());
    }
}
