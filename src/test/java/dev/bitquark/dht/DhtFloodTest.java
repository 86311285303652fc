package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Floods: memory stays at the caps and answers stay within the rate limits. */
class DhtFloodTest {
    final SplittableRandom random = new SplittableRandom(5);

    @Test
    void aFloodFromOneAddressIsAnsweredOnlyWithinThePerIpRate() {
        Scripted s = new Scripted();
        InetSocketAddress flooder = Scripted.addr("10.66.0.1", 6881);
        byte[] junk = "d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.ISO_8859_1);
        byte[] garbage = "xyz".getBytes(StandardCharsets.ISO_8859_1);
        int sentPackets = 0;
        for (int ms = 0; ms < 10_000; ms += 10) { // 10 s, 1,000 packets a second
            s.clock.advance(10);
            for (int i = 0; i < 10; i++) {
                byte[] tid = {(byte) i, (byte) ms};
                switch (i % 3) {
                    case 0 -> s.receive(Query.ping(tid, NodeId.random(random), null), flooder);
                    case 1 -> s.receive(junk, flooder);
                    default -> s.receive(garbage, flooder);
                }
                sentPackets++;
            }
            if (ms % 250 == 0) {
                s.node.tick();
            }
        }
        int answers = s.take(Response.class, flooder).size() + s.take(KrpcMessage.Error.class, flooder).size();
        // 10 queries a second with a burst of 20: at most 20 + 10 × 10 s.
        assertTrue(answers <= 120 && answers >= 100, "answers " + answers);
        DhtStats st = s.node.stats();
        assertEquals(sentPackets, st.packetsIn());
        assertTrue(st.rateLimitedIn() > 6_000, "dropped over the limit: " + st.rateLimitedIn());
        assertEquals(st.rateLimitedIn(), st.droppedByReason().get("rate-limited"));
        assertTrue(st.droppedByReason().get("not-bencode") >= 3_000);
        assertTrue(s.take(Query.class, flooder).size() <= 1, "the flooder is pinged at most once");
    }

    @Test
    void aFloodFromManyAddressesKeepsEveryStructureAtItsCap() {
        DhtSettings settings = new DhtSettings("0.0.0.0", 0, List.of(), 40, 10, 50, 10);
        Scripted s = new Scripted(settings, null, 9);
        byte[] tid = {1, 2};
        int answers = 0;
        for (int i = 0; i < 20_000; i++) {
            if (i % 100 == 0) {
                s.clock.advance(250);
                s.node.tick();
            }
            InetSocketAddress from = Scripted.addr("10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255),
                    1000 + i % 5000);
            NodeId ih = NodeId.of(new byte[] {(byte) (i % 200), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                    17, 18, 19});
            s.receive(Query.getPeers(tid, NodeId.random(random), ih, null), from);
            List<Response> r = s.take(Response.class, from);
            if (!r.isEmpty()) {
                answers++;
                s.receive(Query.announcePeer(tid, NodeId.random(random), ih, 0, true, r.get(0).token(), null), from);
                s.take(Response.class, from);
            }
            s.sent.clear();
        }
        DhtStats st = s.node.stats();
        assertTrue(st.storedInfoHashes() <= 50, "info-hashes " + st.storedInfoHashes());
        assertEquals(50, st.storedInfoHashes());
        assertTrue(st.storedPeers() <= 50 * 10, "peers " + st.storedPeers());
        assertTrue(s.node.limiter().tracked() <= DhtSettings.MAX_TRACKED_IPS);
        assertEquals(DhtSettings.MAX_TRACKED_IPS, s.node.limiter().tracked());
        assertTrue(st.pendingQueries() <= Rpc.MAX_PENDING, "pending " + st.pendingQueries());
        assertTrue(st.queuedQueries() <= Rpc.MAX_QUEUED, "queued " + st.queuedQueries());
        assertTrue(s.node.rpc().hintsTracked() <= Rpc.MAX_HINTS_TRACKED);
        // 20,000 queries in 50 s of clock: the global cap of 200 a second allows at most ~10,000 (+ burst).
        assertTrue(answers <= 200 * 50 + 200, "answers " + answers);
        assertTrue(st.goodNodes() == 0, "nobody answered our pings: no node was added");
    }

    @Test
    void outgoingQueriesOverTheRateLimitWaitInTheQueueInsteadOfBeingDropped() {
        DhtSettings settings = new DhtSettings("0.0.0.0", 0, List.of(), 5, 10, 50, 10);
        Scripted s = new Scripted(settings, null, 3);
        for (int i = 0; i < 8; i++) {
            InetSocketAddress n = Scripted.addr("10.5.0." + (i + 1), 6881);
            s.node.addNode(n);
            Query ping = s.take(Query.class, n).get(0);
            s.receive(Response.of(ping.tid(), NodeId.random(random), null), n);
            s.clock.advance(1_000);
        }
        long start = s.clock.now;
        for (int i = 0; i < 20; i++) {
            s.node.getPeers(NodeId.random(random).toBytes(), 0, false, p -> { });
        }
        assertTrue(s.node.stats().queuedQueries() > 0, "over the limit: queued");
        java.util.Map<Long, Integer> perSecond = new java.util.TreeMap<>();
        for (int t = 0; t < 80; t++) {
            for (Scripted.Sent sent : s.sent) {
                if (sent.message() instanceof Query q && q.method() == KrpcMessage.Method.GET_PEERS) {
                    perSecond.merge((s.clock.now - start) / 1000, 1, Integer::sum);
                }
            }
            s.sent.clear();
            s.run(250);
        }
        int total = perSecond.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 10), "at most burst + rate a second: " + perSecond);
        assertTrue(total >= 60, "every lookup's queries went out in the end: " + total);
        assertTrue(s.node.stats().rateLimitedOut() > 0);
        assertTrue(!s.node.stats().droppedByReason().containsKey("queue-full"));
    }
}
