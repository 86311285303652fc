package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The re-lookup schedule of a DhtLookup, with one scripted neighbour answering get_peers. */
class LookupHandleTest {
    final SplittableRandom random = new SplittableRandom(4);
    final InetSocketAddress neighbour = Scripted.addr("10.9.0.1", 6881);
    final NodeId neighbourId = NodeId.random(random);

    Scripted withNeighbour() {
        Scripted s = new Scripted();
        s.node.addNode(neighbour);
        Query ping = s.take(Query.class, neighbour).get(0);
        s.receive(Response.of(ping.tid(), neighbourId, null), neighbour);
        return s;
    }

    /** Answers every pending get_peers to the neighbour; returns the times they were asked. */
    List<Long> answerFor(Scripted s, long millis, List<InetSocketAddress> values, List<Long> times) {
        for (long t = 0; t < millis; t += 250) {
            s.run(250);
            for (Query q : s.take(Query.class, neighbour)) {
                if (q.method() == Method.GET_PEERS) {
                    times.add(s.clock.now);
                    s.receive(new Response(q.tid(), neighbourId, List.of(), List.of(), values, new byte[] {7}, null),
                            neighbour);
                }
            }
        }
        return times;
    }

    @Test
    void aLookupThatFindsNothingIsRetriedWithBackoffUpToFiveMinutes() {
        Scripted s = withNeighbour();
        List<Long> times = new ArrayList<>();
        long start = s.clock.now;
        s.node.getPeers(NodeId.random(random).toBytes(), 0, false, p -> { });
        answerFor(s, 20 * 60_000L, List.of(), times);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 1000);
        }
        // 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s (rounded to the tick).
        assertTrue(gaps.size() >= 6, "gaps " + gaps);
        long[] expected = {10, 20, 40, 80, 160, 300};
        for (int i = 0; i < expected.length; i++) {
            long g = gaps.get(i);
            assertTrue(g >= expected[i] && g <= expected[i] + 3, "gap " + i + " was " + g + "s, expected ~" + expected[i]
                    + ": " + gaps);
        }
        assertTrue(times.get(times.size() - 1) - start <= 20 * 60_000L);
    }

    @Test
    void aLookupThatFoundPeersRepeatsEveryFifteenMinutesOrTwoWhenWantingMore() {
        Scripted s = withNeighbour();
        List<InetSocketAddress> found = new ArrayList<>();
        DhtLookup l = s.node.getPeers(NodeId.random(random).toBytes(), 6881, false, found::addAll);
        List<Long> times = new ArrayList<>();
        answerFor(s, 31 * 60_000L, List.of(Scripted.addr("1.2.3.4", 5)), times);
        assertEquals(List.of(Scripted.addr("1.2.3.4", 5), Scripted.addr("1.2.3.4", 5), Scripted.addr("1.2.3.4", 5)),
                found, "each run delivers the peer once");
        assertEquals(3, times.size(), "runs at 0, 15 and 30 minutes: " + times);
        List<Query> announces = new ArrayList<>();
        l.wantMore(true);
        List<Long> more = new ArrayList<>();
        answerFor(s, 10 * 60_000L, List.of(Scripted.addr("1.2.3.4", 5)), more);
        assertTrue(more.size() >= 4 && more.size() <= 6, "every ~2 minutes: " + more);
        l.stop();
        List<Long> after = new ArrayList<>();
        answerFor(s, 20 * 60_000L, List.of(), after);
        assertEquals(List.of(), after, "stopped: no more lookups");
        assertTrue(announces.isEmpty());
    }

    @Test
    void afterALookupAnnouncesGoToTheNodesThatGaveATokenWithImpliedPort() {
        Scripted s = withNeighbour();
        NodeId ih = NodeId.random(random);
        s.node.getPeers(ih.toBytes(), 0, true, p -> { });
        Query q = s.take(Query.class, neighbour).get(0);
        s.receive(new Response(q.tid(), neighbourId, List.of(), List.of(), List.of(), new byte[] {1, 2, 3}, null), neighbour);
        Query announce = s.take(Query.class, neighbour).get(0);
        assertEquals(Method.ANNOUNCE_PEER, announce.method());
        assertEquals(ih, announce.target());
        assertTrue(announce.impliedPort());
        assertEquals(3, announce.token().length);
    }

    @Test
    void stopIgnoresPendingAnswersAndSendsNoAnnounce() {
        Scripted s = withNeighbour();
        List<InetSocketAddress> found = new ArrayList<>();
        DhtLookup l = s.node.getPeers(NodeId.random(random).toBytes(), 6881, false, found::addAll);
        Query q = s.take(Query.class, neighbour).get(0);
        l.stop();
        s.receive(new Response(q.tid(), neighbourId, List.of(), List.of(), List.of(Scripted.addr("1.2.3.4", 5)),
                new byte[] {1}, null), neighbour);
        assertTrue(found.isEmpty());
        assertTrue(s.take(Query.class, neighbour).isEmpty(), "no announce after stop");
        assertEquals(0, s.node.stats().torrents());
    }

    @Test
    void aLookupStartedWithAnEmptyTableWaitsForNodes() {
        Scripted s = new Scripted();
        List<InetSocketAddress> found = new ArrayList<>();
        s.node.getPeers(NodeId.random(random).toBytes(), 0, false, found::addAll);
        s.run(5_000);
        assertEquals(1, s.node.stats().activeLookups(), "still waiting");
        s.node.addNode(neighbour);
        Query ping = s.take(Query.class, neighbour).get(0);
        s.receive(Response.of(ping.tid(), neighbourId, null), neighbour);
        s.run(250);
        Query q = s.take(Query.class, neighbour).get(0);
        assertEquals(Method.GET_PEERS, q.method());
        s.receive(new Response(q.tid(), neighbourId, List.of(), List.of(), List.of(Scripted.addr("1.2.3.4", 5)),
                null, null), neighbour);
        assertEquals(List.of(Scripted.addr("1.2.3.4", 5)), found);
    }
}
