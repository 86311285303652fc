package dev.bitquark.dht.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.lookup.Lookup.Candidate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookupTest {
    final SplittableRandom random = new SplittableRandom(3);
    final NodeId target = NodeId.random(random);
    int ip = 1;

    NodeInfo at(int prefix) {
        try {
            int i = ip++;
            return new NodeInfo(target.randomWithPrefix(prefix, false, random),
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >>> 8), (byte) i}), 1));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void atMostAlphaInFlightClosestFirst() {
        Lookup l = new Lookup(target, 3, 8, 64);
        List<NodeInfo> seeds = List.of(at(1), at(5), at(3), at(2), at(4));
        l.seed(seeds);
        List<Candidate> first = l.next();
        assertEquals(3, first.size());
        assertEquals(List.of(seeds.get(1), seeds.get(4), seeds.get(2)), first.stream().map(Candidate::node).toList());
        assertTrue(l.next().isEmpty(), "alpha reached");
        l.failed(first.get(0));
        assertEquals(1, l.next().size());
    }

    @Test
    void onlyNodesCloserThanTheAnswererBecomeCandidates() {
        Lookup l = new Lookup(target, 3, 8, 64);
        NodeInfo mid = at(10);
        l.seed(List.of(mid));
        Candidate c = l.next().get(0);
        NodeInfo closer = at(20);
        NodeInfo farther = at(4);
        NodeInfo sameDistanceBucket = at(10);
        int added = l.answered(c, List.of(closer, farther), new byte[] {1});
        assertEquals(1, added);
        List<Candidate> next = l.next();
        assertEquals(List.of(closer), next.stream().map(Candidate::node).toList());
        assertEquals(closer.id(), next.get(0).node().id());
        assertEquals(mid.id(), next.get(0).referrer());
        assertFalse(l.done());
        l.answered(next.get(0), List.of(sameDistanceBucket), null);
        assertTrue(l.done(), "no closer node left");
        assertEquals(List.of(closer, mid), l.closestAnswered(8).stream().map(Candidate::node).toList());
    }

    @Test
    void doneWhenTheKClosestAnsweredOrFailed() {
        Lookup l = new Lookup(target, 3, 2, 64);
        List<NodeInfo> seeds = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            seeds.add(at(p));
        }
        l.seed(seeds);
        List<Candidate> a = l.next(); // prefixes 5, 4 (k=2 live limit)
        assertEquals(2, a.size());
        l.answered(a.get(0), List.of(), null);
        l.failed(a.get(1));
        assertFalse(l.done(), "the third closest replaces the failed one");
        List<Candidate> b = l.next();
        assertEquals(1, b.size());
        assertEquals(seeds.get(2), b.get(0).node());
        l.answered(b.get(0), List.of(), null);
        assertTrue(l.done());
        assertFalse(l.starved());
    }

    @Test
    void starvedWhenEveryCandidateFailed() {
        Lookup l = new Lookup(target, 3, 8, 64);
        assertTrue(l.starved());
        l.seed(List.of(at(1)));
        Candidate c = l.next().get(0);
        l.failed(c);
        assertTrue(l.starved());
        assertEquals(0, l.seed(List.of(c.node())), "a node is a candidate once");
    }

    @Test
    void candidatesAreBounded() {
        Lookup l = new Lookup(target, 3, 8, 10);
        for (int i = 0; i < 50; i++) {
            l.seed(List.of(at(1 + (i % 100))));
        }
        assertEquals(10, l.candidateCount());
    }
}
