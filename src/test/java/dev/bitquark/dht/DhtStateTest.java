package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DhtStateTest {
    final SplittableRandom random = new SplittableRandom(2);

    @Test
    void encodeDecodeRoundTrips() {
        byte[] id = NodeId.random(random).toBytes();
        List<DhtState.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nodes.add(new DhtState.Node(NodeId.random(random).toBytes(), Scripted.addr("10.0.1." + (i + 1), 6881 + i)));
        }
        byte[] ih1 = NodeId.random(random).toBytes();
        byte[] ih2 = NodeId.random(random).toBytes();
        List<DhtState.StoredPeer> peers = List.of(
                new DhtState.StoredPeer(ih1, Scripted.addr("1.2.3.4", 1000), 1_700_000_100_000L),
                new DhtState.StoredPeer(ih1, Scripted.addr("1.2.3.5", 1001), 1_700_000_200_000L),
                new DhtState.StoredPeer(ih2, Scripted.addr("1.2.3.6", 65535), 1_700_000_300_000L));
        DhtState s = new DhtState(id, nodes, peers);
        DhtState back = DhtState.decode(s.encode());
        assertArrayEquals(id, back.nodeId());
        assertEquals(5, back.nodes().size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(nodes.get(i).id(), back.nodes().get(i).id());
            assertEquals(nodes.get(i).address(), back.nodes().get(i).address());
        }
        assertEquals(3, back.storedPeers().size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(peers.get(i).infoHash(), back.storedPeers().get(i).infoHash());
            assertEquals(peers.get(i).peer(), back.storedPeers().get(i).peer());
            assertEquals(peers.get(i).expiresAtMillis(), back.storedPeers().get(i).expiresAtMillis());
        }
        assertArrayEquals(s.encode(), back.encode());
    }

    @Test
    void corruptStateIsRefusedWithAClearMessage() {
        byte[] good = new DhtState(new byte[20], List.of(), List.of()).encode();
        assertEquals("DHT state is empty", assertThrows(IllegalArgumentException.class,
                () -> DhtState.decode(new byte[0])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                java.util.Arrays.copyOf(good, good.length - 1))).getMessage().startsWith("DHT state is not valid bencode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                "d2:id3:abc5:nodes0:5:peersle1:vi1ee".getBytes(StandardCharsets.ISO_8859_1))).getMessage()
                .contains("node id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                ("d2:id20:" + "a".repeat(20) + "5:nodes3:abc5:peersle1:vi1ee").getBytes(StandardCharsets.ISO_8859_1)))
                .getMessage().contains("26"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                ("d2:id20:" + "a".repeat(20) + "5:nodes0:5:peersle1:vi2ee").getBytes(StandardCharsets.ISO_8859_1)))
                .getMessage().contains("version"));
        String tooManyNodes = "d2:id20:" + "a".repeat(20) + "5:nodes" + 201 * 26 + ":" + "b".repeat(201 * 26)
                + "5:peersle1:vi1ee";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                tooManyNodes.getBytes(StandardCharsets.ISO_8859_1))).getMessage().contains("200 nodes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                new byte[DhtState.MAX_ENCODED + 1])).getMessage().contains("too large"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DhtState.decode(
                ("d2:id20:" + "a".repeat(20) + "5:nodes0:5:peersld1:h3:abc1:p0:ee1:vi1ee")
                        .getBytes(StandardCharsets.ISO_8859_1))).getMessage().contains("stored-peers"));
    }

    @Test
    void aRestoredNodeKeepsItsIdAsksSavedNodesAndDropsExpiredPeers() {
        Scripted first = new Scripted();
        long now = first.clock.now;
        NodeId ih = NodeId.random(random);
        List<DhtState.Node> nodes = List.of(new DhtState.Node(NodeId.random(random).toBytes(),
                Scripted.addr("10.7.0.1", 6881)), new DhtState.Node(NodeId.random(random).toBytes(),
                Scripted.addr("10.7.0.2", 6881)));
        List<DhtState.StoredPeer> peers = List.of(
                new DhtState.StoredPeer(ih.toBytes(), Scripted.addr("1.1.1.1", 1), now + 60_000),
                new DhtState.StoredPeer(ih.toBytes(), Scripted.addr("1.1.1.2", 2), now - 1));
        DhtState saved = DhtState.decode(new DhtState(first.node.nodeId(), nodes, peers).encode());

        Scripted restored = new Scripted(DhtSettings.defaults("0.0.0.0", 0).withBootstrap(List.of()), saved, 99);
        assertArrayEquals(first.node.nodeId(), restored.node.nodeId());
        assertEquals(1, restored.node.stats().storedPeers(), "the expired announce is dropped on load");
        restored.node.bootstrap(List.of());
        for (DhtState.Node n : nodes) {
            List<Query> asked = restored.take(Query.class, n.address());
            assertEquals(1, asked.size(), "saved node asked at bootstrap");
            assertEquals(Method.FIND_NODE, asked.get(0).method());
            assertArrayEquals(restored.node.nodeId(), asked.get(0).target().toBytes());
            restored.receive(Response.of(asked.get(0).tid(), NodeId.of(n.id()), null), n.address());
        }
        assertEquals(2, restored.node.stats().goodNodes());
        DhtState again = restored.node.state();
        assertEquals(2, again.nodes().size());
        assertEquals(1, again.storedPeers().size());
    }

    @Test
    void stateKeepsAtMostTwoHundredNodes() {
        List<DhtState.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            nodes.add(new DhtState.Node(NodeId.random(random).toBytes(), Scripted.addr("10.8." + i / 250 + "." + (i % 250 + 1), 1)));
        }
        DhtState s = DhtState.decode(new DhtState(new byte[20], nodes, List.of()).encode());
        assertEquals(DhtState.MAX_NODES, s.nodes().size());
        InetSocketAddress first = s.nodes().get(0).address();
        assertEquals(nodes.get(0).address(), first);
    }
}
