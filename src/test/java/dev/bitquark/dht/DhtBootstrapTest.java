package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DhtBootstrapTest {
    final SplittableRandom random = new SplittableRandom(12);

    @Test
    void withoutRoutersOrSavedNodesTheStateIsNoNodes() {
        Scripted s = new Scripted();
        s.node.bootstrap(List.of());
        assertEquals("no-nodes", s.node.stats().bootstrap());
        assertTrue(s.sent.isEmpty());
    }

    @Test
    void aSilentRouterIsRetriedWithABackoffUpToAMinuteAndNeverGivenUp() {
        Scripted s = new Scripted();
        InetSocketAddress router = Scripted.addr("10.0.0.1", 6881);
        s.node.bootstrap(List.of(router));
        List<Long> asked = new ArrayList<>();
        for (long t = 0; t < 10 * 60_000L; t += 250) {
            for (Query q : s.take(Query.class, router)) {
                assertEquals(Method.FIND_NODE, q.method());
                assertEquals(NodeId.of(s.node.nodeId()), q.target(), "BEP 5 bootstrap: find_node of our own id");
                asked.add(s.clock.now);
            }
            s.run(250);
        }
        assertEquals("bootstrapping", s.node.stats().bootstrap());
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < asked.size(); i++) {
            gaps.add((asked.get(i) - asked.get(i - 1)) / 1000);
        }
        assertTrue(gaps.size() >= 9, "kept retrying: " + gaps);
        for (int i = 1; i < gaps.size(); i++) {
            assertTrue(gaps.get(i) >= gaps.get(i - 1), "backoff grows: " + gaps);
        }
        assertTrue(gaps.get(0) >= 5 && gaps.get(0) <= 11, "first retry after 5-10 s: " + gaps);
        assertEquals(60, gaps.get(gaps.size() - 1), "capped at a minute: " + gaps);
    }

    @Test
    void bootstrapEndsWhenTheTableHoldsEightGoodNodes() {
        Scripted s = new Scripted();
        InetSocketAddress router = Scripted.addr("10.0.0.1", 6881);
        s.node.bootstrap(List.of(router));
        Query q = s.take(Query.class, router).get(0);
        NodeId own = NodeId.of(s.node.nodeId());
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(new NodeInfo(own.randomWithPrefix(i, false, random), Scripted.addr("10.1.0." + (i + 1), 6881)));
        }
        s.receive(new Response(q.tid(), NodeId.random(random), nodes, List.of(), List.of(), null, null), router);
        // Answer every find_node with nothing new, for a few rounds.
        for (int round = 0; round < 20; round++) {
            for (NodeInfo n : nodes) {
                for (Query fq : s.take(Query.class, n.address())) {
                    s.receive(Response.of(fq.tid(), n.id(), null), n.address());
                }
            }
            s.run(250);
        }
        DhtStats st = s.node.stats();
        assertEquals("ready", st.bootstrap());
        assertTrue(st.goodNodes() >= 8, "the k closest answered: " + st);
        assertEquals(0, s.node.table().entries(true).stream().filter(e -> e.address().equals(router)).count(),
                "routers are not put in the table");
    }

    @Test
    void aTinyNetworkIsReadyWhenASelfLookupLearnsNothingNew() {
        Scripted s = new Scripted();
        InetSocketAddress router = Scripted.addr("10.0.0.1", 6881);
        s.node.bootstrap(List.of(router));
        Query q = s.take(Query.class, router).get(0);
        NodeInfo only = new NodeInfo(NodeId.random(random), Scripted.addr("10.1.0.1", 6881));
        s.receive(new Response(q.tid(), NodeId.random(random), List.of(only), List.of(), List.of(), null, null), router);
        for (int round = 0; round < 400; round++) {
            for (Query fq : s.take(Query.class, only.address())) {
                s.receive(Response.of(fq.tid(), only.id(), null), only.address());
            }
            s.take(Query.class, router);
            s.run(250);
        }
        assertEquals("ready", s.node.stats().bootstrap());
        assertEquals(1, s.node.stats().goodNodes());
    }
}
