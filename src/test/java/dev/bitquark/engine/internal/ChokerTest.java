package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChokerTest {
    private final ManualClock clock = new ManualClock();

    /** A connection's choking-relevant state, changed by the test between ticks. */
    private static final class Peer implements Choker.Candidate {
        final int key;
        boolean interested = true;
        boolean snubbed;
        long down;
        long up;
        long connectedAt;

        Peer(int key, long down, long up, long connectedAt) {
            this.key = key;
            this.down = down;
            this.up = up;
            this.connectedAt = connectedAt;
        }

        @Override
        public int key() {
            return key;
        }

        @Override
        public boolean isInterested() {
            return interested;
        }

        @Override
        public boolean isSnubbed() {
            return snubbed;
        }

        @Override
        public long downloadRate() {
            return down;
        }

        @Override
        public long uploadRate() {
            return up;
        }

        @Override
        public long connectedAtMillis() {
            return connectedAt;
        }
    }

    /** Peers 0..n-1; peer i downloads to us at (i+1) KB/s and we upload to it at (n-i) KB/s. */
    private List<Peer> swarm(int n) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new Peer(i, (i + 1) * 1000L, (n - i) * 1000L, clock.millis() - 600_000));
        }
        return peers;
    }

    private Choker choker(long seed) {
        return new Choker(Choker.Config.defaults(), new Random(seed));
    }

    @Test
    void leechingGivesRegularSlotsToTheFastestUploadersToUs() {
        List<Peer> peers = swarm(8);
        Choker choker = choker(1);
        Choker.Decision d = choker.tick(peers, false, clock.millis());
        assertEquals(Set.of(7, 6, 5, 4), choker.regularUnchoked());
        assertEquals(1, choker.optimisticUnchoked().size());
        assertFalse(choker.regularUnchoked().containsAll(choker.optimisticUnchoked()));
        assertEquals(5, d.unchoke().size());
        assertTrue(d.choke().isEmpty());
    }

    @Test
    void seedingRanksByOurUploadRate() {
        Choker choker = choker(1);
        choker.tick(swarm(8), true, clock.millis());
        assertEquals(Set.of(0, 1, 2, 3), choker.regularUnchoked());
    }

    @Test
    void uninterestedPeersGetNoSlot() {
        List<Peer> peers = swarm(8);
        for (Peer p : peers) {
            p.interested = p.key % 2 == 0;
        }
        Choker choker = choker(1);
        choker.tick(peers, false, clock.millis());
        assertEquals(Set.of(6, 4, 2, 0), choker.regularUnchoked());
        assertTrue(choker.optimisticUnchoked().isEmpty(), "no interested peer left for the optimistic slot");
    }

    @Test
    void snubbedPeersGetNoRegularSlotWhileLeeching() {
        List<Peer> peers = swarm(6);
        peers.get(5).snubbed = true;
        Choker leeching = choker(1);
        leeching.tick(peers, false, clock.millis());
        assertEquals(Set.of(4, 3, 2, 1), leeching.regularUnchoked());
        Choker seeding = choker(1);
        peers.get(0).snubbed = true;
        seeding.tick(peers, true, clock.millis());
        assertTrue(seeding.regularUnchoked().contains(0), "snubs mean nothing while seeding");
    }

    @Test
    void regularSlotsAreReRankedOnlyEveryTenSeconds() {
        List<Peer> peers = swarm(8);
        Choker choker = choker(1);
        choker.tick(peers, false, clock.millis());
        peers.get(0).down = 1_000_000;
        clock.advanceMillis(5_000);
        Choker.Decision early = choker.tick(peers, false, clock.millis());
        assertTrue(early.isEmpty());
        assertFalse(choker.regularUnchoked().contains(0));
        clock.advanceMillis(5_000);
        Choker.Decision due = choker.tick(peers, false, clock.millis());
        assertTrue(choker.regularUnchoked().contains(0));
        assertFalse(choker.regularUnchoked().contains(4));
        assertTrue(due.choke().contains(4) || choker.optimisticUnchoked().contains(4));
    }

    @Test
    void equalRatesKeepTheCurrentHolders() {
        List<Peer> peers = swarm(8);
        peers.forEach(p -> p.down = 0);
        Choker choker = new Choker(new Choker.Config(4, 0, 10_000, 30_000, 60_000), new Random(3));
        choker.tick(peers, false, clock.millis());
        Set<Integer> first = Set.copyOf(choker.regularUnchoked());
        for (int round = 0; round < 5; round++) {
            clock.advanceMillis(10_000);
            assertTrue(choker.tick(peers, false, clock.millis()).isEmpty(), "no flapping between equals");
            assertEquals(first, choker.regularUnchoked());
        }
    }

    @Test
    void optimisticSlotRotatesEveryThirtySecondsToAnotherPeer() {
        List<Peer> peers = swarm(8);
        Choker choker = choker(5);
        choker.tick(peers, false, clock.millis());
        Set<Integer> optimistic = Set.copyOf(choker.optimisticUnchoked());
        clock.advanceMillis(29_000);
        choker.tick(peers, false, clock.millis());
        assertEquals(optimistic, choker.optimisticUnchoked());
        clock.advanceMillis(1_000);
        Choker.Decision d = choker.tick(peers, false, clock.millis());
        assertNotEquals(optimistic, choker.optimisticUnchoked());
        assertEquals(optimistic, d.choke());
        assertEquals(choker.optimisticUnchoked(), d.unchoke());
    }

    @Test
    void newPeersAreThreeTimesAsLikelyToBeOptimisticallyUnchoked() {
        Choker.Config onlyOptimistic = new Choker.Config(0, 1, 10_000, 30_000, 60_000);
        Random random = new Random(11);
        Map<Integer, Integer> wins = new HashMap<>();
        int trials = 6000;
        for (int t = 0; t < trials; t++) {
            List<Peer> peers = swarm(4);
            peers.get(0).connectedAt = clock.millis() - 5_000;
            Choker choker = new Choker(onlyOptimistic, random);
            choker.tick(peers, false, clock.millis());
            wins.merge(choker.optimisticUnchoked().iterator().next(), 1, Integer::sum);
        }
        // Weights 3:1:1:1 -> the new peer wins half the draws, each old one a sixth.
        assertEquals(0.5, wins.get(0) / (double) trials, 0.04);
        for (int old = 1; old < 4; old++) {
            assertEquals(1 / 6.0, wins.get(old) / (double) trials, 0.03);
        }
    }

    @Test
    void departedRegularPeerSlotIsRefilledAtOnceWithoutAChokeMessage() {
        List<Peer> peers = swarm(8);
        Choker choker = choker(1);
        choker.tick(peers, false, clock.millis());
        peers.remove(7);
        clock.advanceMillis(1_000);
        Choker.Decision d = choker.tick(peers, false, clock.millis());
        assertTrue(d.choke().isEmpty(), "a departed peer needs no CHOKE: " + d);
        assertEquals(Set.of(6, 5, 4, 3), choker.regularUnchoked());
        assertFalse(choker.isUnchoked(7));
        // Peer 3 is unchoked now, or (if it held the optimistic slot) the slot went to someone new.
        assertEquals(1, d.unchoke().size(), d.toString());
        assertEquals(1, choker.optimisticUnchoked().size());
    }

    @Test
    void regularPeerThatLosesInterestIsChokedAndReplaced() {
        List<Peer> peers = swarm(8);
        Choker choker = new Choker(new Choker.Config(4, 0, 10_000, 30_000, 60_000), new Random(1));
        choker.tick(peers, false, clock.millis());
        peers.get(7).interested = false;
        clock.advanceMillis(1_000);
        Choker.Decision d = choker.tick(peers, false, clock.millis());
        assertEquals(Set.of(7), d.choke());
        assertEquals(Set.of(3), d.unchoke());
    }

    @Test
    void secondTickWithNothingDueChangesNothing() {
        List<Peer> peers = swarm(8);
        Choker choker = choker(1);
        choker.tick(peers, false, clock.millis());
        assertTrue(choker.tick(peers, false, clock.millis()).isEmpty());
    }

    @Test
    void forcedRechokeRunsARegularRoundEarly() {
        List<Peer> peers = swarm(8);
        Choker choker = new Choker(new Choker.Config(4, 0, 10_000, 30_000, 60_000), new Random(1));
        choker.tick(peers, false, clock.millis());
        peers.get(0).down = 1_000_000;
        choker.requestRechoke();
        Choker.Decision d = choker.tick(peers, false, clock.millis());
        assertEquals(Set.of(0), d.unchoke());
        assertEquals(Set.of(4), d.choke());
    }

    @Test
    void rejectsInvalidConfig() {
        assertThrows(IllegalArgumentException.class, () -> new Choker.Config(-1, 1, 10_000, 30_000, 60_000));
        assertThrows(IllegalArgumentException.class, () -> new Choker.Config(4, 1, 0, 30_000, 60_000));
    }
}
