package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.Decoded;
import dev.bitquark.dht.krpc.KrpcCodec;
import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three hundred nodes in one process (in-memory UDP, manual clock, deterministic randomness),
 * bootstrapped from one of them. The tests share the network and run in order; the last one moves
 * the clock by half an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtSimulationTest {
    static final int NODES = 300;
    SimNetwork net;
    DhtNode seed;

    @BeforeAll
    void bootstrapNetwork() {
        net = new SimNetwork(42);
        seed = net.add();
        seed.bootstrap(List.of());
        for (int i = 1; i < NODES; i++) {
            net.add().bootstrap(List.of(net.addressOf(seed)));
        }
        net.run(90_000, 250);
        // Far buckets fill over the next refreshes (5 minutes after the first, BEP 5 refresh).
        net.run(6 * 60_000L, 1_000);
    }

    @Test
    @Order(1)
    void everyNodeEndsWithAHealthyTable() {
        int notReady = 0;
        for (DhtNode n : net.list) {
            DhtStats s = n.stats();
            assertTrue(s.goodNodes() >= 8, "good nodes of " + net.addressOf(n) + ": " + s);
            if (!"ready".equals(s.bootstrap())) {
                notReady++;
            }
        }
        assertEquals(0, notReady, "nodes still bootstrapping");
    }

    @Test
    @Order(2)
    void aLookupFindsAPeerAnnouncedByAnotherAndFollowsOnlyCloserNodes() {
        byte[] ih = new byte[20];
        net.random.nextBytes(ih);
        NodeId target = NodeId.of(ih);
        DhtNode announcer = net.list.get(17);
        DhtLookup a = announcer.getPeers(ih, 7000, false, peers -> { });
        net.run(5_000, 250);
        a.stop();
        int storing = 0;
        for (DhtNode n : net.list) {
            storing += n.store().peers(target, 50, net.random, net.clock.now).size();
        }
        assertTrue(storing >= 3, "announce stored on the closest nodes, got " + storing);

        DhtNode searcher = net.list.get(230);
        Set<NodeId> seeds = new HashSet<>();
        for (NodeInfo n : searcher.table().closest(target, 10_000, net.clock.now, false)) {
            seeds.add(n.id());
        }
        InetSocketAddress me = net.addressOf(searcher);
        Map<Integer, InetSocketAddress> queryTo = new HashMap<>();
        Map<InetSocketAddress, NodeId> reportedCloserBy = new HashMap<>();
        List<String> violations = new ArrayList<>();
        net.tap = p -> {
            Decoded d = KrpcCodec.decode(p.data(), p.data().length);
            if (!d.isOk()) {
                return;
            }
            if (p.from().equals(me) && d.message() instanceof KrpcMessage.Query q
                    && q.method() == KrpcMessage.Method.GET_PEERS && q.target().equals(target)) {
                queryTo.put(tidKey(q.tid()), p.to());
                NodeId asked = net.nodes.get(p.to()).table().ownId();
                if (!seeds.contains(asked) && !reportedCloserBy.containsKey(p.to())) {
                    violations.add("asked " + p.to() + " which no closer node reported");
                }
            } else if (p.to().equals(me) && d.message() instanceof KrpcMessage.Response r
                    && p.from().equals(queryTo.get(tidKey(r.tid())))) {
                for (NodeInfo n : r.nodes()) {
                    if (target.compareDistance(n.id(), r.id()) < 0) {
                        reportedCloserBy.putIfAbsent(n.address(), r.id());
                    }
                }
            }
        };
        List<InetSocketAddress> found = new ArrayList<>();
        DhtLookup lookup = searcher.getPeers(ih, 0, false, found::addAll);
        net.run(5_000, 250);
        net.tap = p -> { };
        lookup.stop();
        assertTrue(found.contains(new InetSocketAddress(net.addressOf(announcer).getAddress(), 7000)), "found " + found);
        assertEquals(List.of(), violations);
        assertTrue(queryTo.size() >= 3, "a real iterative lookup: " + queryTo.size() + " queries");

        // Any node finds it, not just that one.
        InetSocketAddress announced = new InetSocketAddress(net.addressOf(announcer).getAddress(), 7000);
        for (int i = 0; i < 10; i++) {
            DhtNode other = net.list.get(net.random.nextInt(NODES));
            List<InetSocketAddress> got = new ArrayList<>();
            DhtLookup l = other.getPeers(ih, 0, false, got::addAll);
            net.run(3_000, 250);
            l.stop();
            assertTrue(got.contains(announced) || other == announcer, "node " + net.addressOf(other) + " found " + got);
        }
    }

    @Test
    @Order(3)
    void tokensAreOnlyGivenForInfoHashesCloseToTheNode() {
        InetSocketAddress asker = SimNetwork.address(60_000);
        int refused = 0;
        for (DhtNode n : net.list) {
            byte[] own = n.nodeId();
            byte[] far = own.clone();
            far[0] ^= (byte) 0x80;
            byte[] near = own.clone();
            near[19] ^= 1;
            // "Close" as far as the node's table knows: fewer than K known nodes are closer than it.
            NodeId farId = NodeId.of(far);
            long closer = n.table().closest(farId, 8, net.clock.now, false).stream()
                    .filter(x -> farId.compareDistance(x.id(), n.table().ownId()) < 0).count();
            byte[] token = getPeersToken(n, far, asker);
            assertEquals(closer < 8, token != null, "token for a far info-hash iff fewer than 8 closer nodes known");
            if (token == null) {
                refused++;
            }
            assertTrue(getPeersToken(n, near, asker) != null, "a token for an info-hash next to our id");
        }
        assertTrue(refused > NODES / 2, "most nodes know 8 nodes in the far half: refused " + refused);
    }

    private byte[] getPeersToken(DhtNode n, byte[] ih, InetSocketAddress asker) {
        List<byte[]> answers = new ArrayList<>();
        net.tap = p -> {
            // the asker also gets a ping: an unknown querier is worth checking for the table
            if (p.to().equals(asker) && KrpcCodec.decode(p.data(), p.data().length).message()
                    instanceof KrpcMessage.Response) {
                answers.add(p.data());
            }
        };
        byte[] q = KrpcCodec.encode(KrpcMessage.Query.getPeers(new byte[] {1, 2}, NodeId.random(net.random),
                NodeId.of(ih), null));
        n.onPacket(q, q.length, asker);
        net.tap = p -> { };
        assertEquals(1, answers.size());
        Decoded d = KrpcCodec.decode(answers.get(0), answers.get(0).length);
        assertTrue(d.message() instanceof KrpcMessage.Response, d.toString());
        KrpcMessage.Response r = (KrpcMessage.Response) d.message();
        assertFalse(r.nodes().isEmpty(), "closest nodes are always given");
        return r.token();
    }

    @Test
    @Order(4)
    void announcedPeersExpireAfterThirtyMinutesAndNotBefore() {
        byte[] ih = new byte[20];
        net.random.nextBytes(ih);
        NodeId target = NodeId.of(ih);
        DhtLookup a = net.list.get(5).getPeers(ih, 7001, false, peers -> { });
        net.run(3_000, 250);
        a.stop(); // no re-announce from now on
        long announcedAt = net.clock.now;
        assertTrue(storing(target) > 0);
        net.run(29 * 60_000L - 3_000, 5_000);
        assertTrue(storing(target) > 0, "still stored after 29 minutes");
        net.run(2 * 60_000L, 5_000);
        assertTrue(net.clock.now - announcedAt >= 31 * 60_000L);
        assertEquals(0, storing(target), "expired after 30 minutes");
        for (DhtNode n : net.list) {
            assertTrue(n.stats().goodNodes() + n.stats().questionableNodes() >= 8, "table kept: " + n.stats());
        }
    }

    private int storing(NodeId target) {
        int count = 0;
        for (DhtNode n : net.list) {
            if (!n.store().peers(target, 1, net.random, net.clock.now).isEmpty()) {
                count++;
            }
        }
        return count;
    }

    private static int tidKey(byte[] t) {
        int k = 0;
        for (byte b : t) {
            k = (k << 8) | (b & 0xFF);
        }
        return k;
    }
}
