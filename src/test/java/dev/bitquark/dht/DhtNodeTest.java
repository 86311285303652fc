package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.KrpcMessage.Error;
import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One node against scripted neighbours: serving, tokens, transactions, errors and their counters. */
class DhtNodeTest {
    final SplittableRandom random = new SplittableRandom(11);
    final byte[] tid = {'a', 'a'};

    NodeId id() {
        return NodeId.random(random);
    }

    @Test
    void pingIsAnsweredWithOurIdAndVersion() {
        Scripted s = new Scripted();
        InetSocketAddress peer = Scripted.addr("10.0.0.2", 7000);
        s.receive(Query.ping(tid, id(), null), peer);
        Response r = s.take(Response.class, peer).get(0);
        assertArrayEquals(tid, r.tid());
        assertArrayEquals(s.node.nodeId(), r.id().toBytes());
        assertEquals("BQ", new String(r.version(), 0, 2, StandardCharsets.US_ASCII));
        assertEquals(4, r.version().length);
        // An unknown querier is worth a ping: it joins the table if it answers.
        Query ping = s.take(Query.class, peer).get(0);
        assertEquals(Method.PING, ping.method());
    }

    @Test
    void malformedQueriesGetError203AndUnknownMethods204AndEverythingIsCounted() {
        Scripted s = new Scripted();
        InetSocketAddress peer = Scripted.addr("10.0.0.3", 7000);
        s.receive("d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.ISO_8859_1), peer);
        Error e = s.take(Error.class, peer).get(0);
        assertEquals(203, e.code());
        assertEquals("invalid id", e.message());
        s.receive("d1:ad2:id20:abcdefghij0123456789e1:q3:get1:t2:aa1:y1:qe".getBytes(StandardCharsets.ISO_8859_1), peer);
        assertEquals(204, s.take(Error.class, peer).get(0).code());
        s.receive("garbage".getBytes(StandardCharsets.ISO_8859_1), peer);
        s.receive(new byte[2000], peer);
        s.receive("d1:rd2:id20:abcdefghij0123456789e1:t2:zz1:y1:re".getBytes(StandardCharsets.ISO_8859_1), peer);
        assertTrue(s.take(KrpcMessage.class, peer).isEmpty(), "drops are silent");
        DhtStats st = s.node.stats();
        assertEquals(1L, st.droppedByReason().get("bad-id"));
        assertEquals(1L, st.droppedByReason().get("unknown-method"));
        assertEquals(1L, st.droppedByReason().get("not-bencode"));
        assertEquals(1L, st.droppedByReason().get("too-large"));
        assertEquals(1L, st.droppedByReason().get("unknown-transaction"));
        assertEquals(4, st.malformed());
        assertEquals(5, st.packetsIn());
    }

    @Test
    void answersAreMatchedByTransactionAndSourceAddress() {
        Scripted s = new Scripted();
        InetSocketAddress node = Scripted.addr("10.0.0.4", 6881);
        InetSocketAddress spoofer = Scripted.addr("10.0.0.5", 6881);
        s.node.addNode(node);
        Query ping = s.take(Query.class, node).get(0);
        assertTrue(ping.tid().length >= 2 && ping.tid().length <= 4);
        NodeId theirId = id();
        s.receive(Response.of(ping.tid(), theirId, null), spoofer);
        assertEquals(1L, s.node.stats().droppedByReason().get("address-mismatch"));
        assertEquals(0, s.node.stats().goodNodes());
        assertEquals(1, s.node.stats().pendingQueries(), "still waiting for the real node");
        s.receive(Response.of(ping.tid(), theirId, null), node);
        assertEquals(1, s.node.stats().goodNodes());
        assertEquals(0, s.node.stats().pendingQueries());
        // The same answer again is a stray.
        s.receive(Response.of(ping.tid(), theirId, null), node);
        assertEquals(1L, s.node.stats().droppedByReason().get("unknown-transaction"));
    }

    @Test
    void queriesTimeOutAfterTwoSecondsAndTwoFailuresMakeANodeBad() {
        Scripted s = new Scripted();
        InetSocketAddress node = Scripted.addr("10.0.0.6", 6881);
        s.node.addNode(node);
        Query ping = s.take(Query.class, node).get(0);
        NodeId theirId = id();
        s.receive(Response.of(ping.tid(), theirId, null), node);
        DhtLookup l = s.node.getPeers(id().toBytes(), 0, false, p -> { });
        assertEquals(1, s.take(Query.class, node).size());
        s.run(1_750);
        assertEquals(1, s.node.stats().pendingQueries());
        s.run(250);
        assertEquals(0, s.node.stats().pendingQueries());
        assertEquals(1, s.node.stats().questionableNodes());
        l.stop();
        DhtLookup again = s.node.getPeers(id().toBytes(), 0, false, p -> { });
        assertEquals(1, s.take(Query.class, node).size(), "a questionable node is still asked");
        s.run(2_000);
        assertEquals(1, s.node.stats().badNodes());
        again.stop();
        s.node.getPeers(id().toBytes(), 0, false, p -> { });
        assertTrue(s.take(Query.class, node).isEmpty(), "a bad node is never queried");
    }

    @Test
    void getPeersGivesATokenThatAnnounceAcceptsAndImpliedPortUsesTheSourcePort() {
        Scripted s = new Scripted();
        InetSocketAddress peer = Scripted.addr("10.0.0.7", 40000);
        NodeId ih = id();
        s.receive(Query.getPeers(tid, id(), ih, null), peer);
        byte[] token = s.take(Response.class, peer).get(0).token();
        assertNotNull(token, "a small table: every info-hash is close to us");
        s.receive(Query.announcePeer(tid, id(), ih, 1234, true, token, null), peer);
        assertEquals(1, s.take(Response.class, peer).size());
        InetSocketAddress asker = Scripted.addr("10.0.0.8", 5000);
        s.receive(Query.getPeers(tid, id(), ih, null), asker);
        assertEquals(List.of(peer), s.take(Response.class, asker).get(0).values(), "implied port: source port 40000");
        // The token is bound to the IP: another IP cannot use it.
        s.receive(Query.announcePeer(tid, id(), ih, 1234, false, token, null), asker);
        Error e = s.take(Error.class, asker).get(0);
        assertEquals(203, e.code());
        assertEquals("bad token", e.message());
        assertEquals(1L, s.node.stats().droppedByReason().get("bad-token"));
    }

    @Test
    void tokensRotateEveryFiveMinutesAndLastTenMinutes() {
        Scripted s = new Scripted();
        InetSocketAddress peer = Scripted.addr("10.0.0.9", 6881);
        NodeId ih = id();
        s.receive(Query.getPeers(tid, id(), ih, null), peer);
        byte[] token = s.take(Response.class, peer).get(0).token();
        s.run(9 * 60_000L);
        s.receive(Query.announcePeer(tid, id(), ih, 1000, false, token, null), peer);
        assertEquals(1, s.take(Response.class, peer).size(), "valid at 9 minutes");
        s.run(2 * 60_000L);
        s.receive(Query.announcePeer(tid, id(), ih, 1000, false, token, null), peer);
        assertEquals(1, s.take(Error.class, peer).size(), "refused at 11 minutes");
    }

    @Test
    void getPeersAnswersAtMostFiftyValuesAndTheClosestNodes() {
        Scripted s = new Scripted();
        NodeId ih = id();
        for (int i = 0; i < 120; i++) {
            InetSocketAddress p = Scripted.addr("10.2." + (i / 200) + "." + (i % 200 + 1), 6881);
            s.clock.advance(20); // stay under the global incoming limit
            s.receive(Query.getPeers(tid, id(), ih, null), p);
            byte[] token = s.take(Response.class, p).get(0).token();
            s.receive(Query.announcePeer(tid, id(), ih, 2000 + i, false, token, null), p);
        }
        assertEquals(100, s.node.stats().storedPeers(), "capped at maxPeersPerInfoHash");
        InetSocketAddress asker = Scripted.addr("10.3.0.1", 6881);
        s.receive(Query.getPeers(tid, id(), ih, null), asker);
        Response r = s.take(Response.class, asker).get(0);
        assertEquals(50, r.values().size());
        assertEquals(50, r.values().stream().distinct().count());
    }

    @Test
    void findNodeAnswersTheEightClosestGoodNodes() {
        Scripted s = new Scripted();
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            InetSocketAddress n = Scripted.addr("10.4.0." + (i + 1), 6881);
            s.node.addNode(n);
            Query ping = s.take(Query.class, n).get(0);
            NodeId nid = id();
            ids.add(nid);
            s.receive(Response.of(ping.tid(), nid, null), n);
        }
        NodeId target = id();
        InetSocketAddress asker = Scripted.addr("10.5.0.1", 6881);
        s.receive(Query.findNode(tid, id(), target, null), asker);
        List<NodeId> got = s.take(Response.class, asker).get(0).nodes().stream().map(NodeInfo::id).toList();
        List<NodeId> expected = s.node.table().closest(target, 8, s.clock.now, true).stream().map(NodeInfo::id).toList();
        assertEquals(8, got.size());
        assertEquals(expected, got);
    }

    @Test
    void readOnlyQueriersAreAnsweredButNotPinged() {
        Scripted s = new Scripted();
        InetSocketAddress peer = Scripted.addr("10.0.0.10", 6881);
        s.receive(new Query(tid, Method.PING, id(), null, null, 0, false, true, List.of(), null), peer);
        assertEquals(1, s.take(Response.class, peer).size());
        assertTrue(s.take(Query.class, peer).isEmpty());
    }
}
