package dev.bitquark.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * BEP 3 tit-for-tat choking for one torrent. Every {@code rechokeIntervalMillis} (10 s) the regular upload slots
 * (4) go to the interested peers that are best to us: while leeching, those that upload to us fastest (snubbed
 * peers excluded: they are not uploading); while seeding, those we upload to fastest, which favours peers that
 * can take the data. Every {@code optimisticIntervalMillis} (30 s) the optimistic unchoke (1 slot) moves to a
 * random other interested peer, so newcomers get a chance to prove themselves; a peer connected for less than
 * {@code newPeerMillis} is three times as likely to be picked (BEP 3 reference client), since it has no pieces
 * to trade yet.
 *
 * <p>A regular round also runs early when a regular slot holder leaves or stops being eligible, and the
 * optimistic slot is refilled as soon as its holder leaves. Ties in rate keep the current holders (no needless
 * choke/unchoke flapping), then fall to a random order.
 *
 * <p>The engine calls {@link #tick} about once a second and sends CHOKE/UNCHOKE per the returned
 * {@link Decision}. Time is passed in as milliseconds of a monotonic clock. Not thread-safe: owned by the
 * torrent's engine context.
 */
public final class Choker {
    /**
     * @param regularSlots             upload slots given by rate (BEP 3 reference client: 4)
     * @param optimisticSlots          optimistic unchokes (1)
     * @param rechokeIntervalMillis    how often regular slots are re-ranked (10 s)
     * @param optimisticIntervalMillis how often optimistic slots rotate (30 s)
     * @param newPeerMillis            how long a peer counts as new for the optimistic draw
     */
    public record Config(int regularSlots, int optimisticSlots, long rechokeIntervalMillis,
            long optimisticIntervalMillis, long newPeerMillis) {
        public Config {
            if (regularSlots < 0 || optimisticSlots < 0 || rechokeIntervalMillis <= 0 || optimisticIntervalMillis <= 0
                    || newPeerMillis < 0) {
                throw new IllegalArgumentException("invalid choker config: " + regularSlots + " regular, "
                        + optimisticSlots + " optimistic slots, intervals " + rechokeIntervalMillis + "/"
                        + optimisticIntervalMillis + " ms, new peer " + newPeerMillis + " ms");
            }
        }

        public static Config defaults() {
            return new Config(4, 1, 10_000, 30_000, 60_000);
        }
    }

    /** What the choker needs to know about one connection. Read on the engine context only. */
    public interface Candidate {
        int key();

        /** The peer is interested in our pieces (BEP 3). */
        boolean isInterested();

        /** No block from the peer for a long time while we had requests outstanding. */
        boolean isSnubbed();

        /** Bytes per second the peer sends us. */
        long downloadRate();

        /** Bytes per second we send the peer. */
        long uploadRate();

        long connectedAtMillis();
    }

    /** Connections to send UNCHOKE and CHOKE to. Both sets are empty when nothing changes. */
    public record Decision(Set<Integer> unchoke, Set<Integer> choke) {
        public boolean isEmpty() {
            return unchoke.isEmpty() && choke.isEmpty();
        }
    }

    private static final int NEW_PEER_WEIGHT = 3;

    private final Config config;
    private final RandomGenerator random;
    private final Set<Integer> regular = new LinkedHashSet<>();
    private final Set<Integer> optimistic = new LinkedHashSet<>();
    private boolean started;
    private boolean forced;
    private long nextRegular;
    private long nextOptimistic;

    public Choker(Config config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    /** Runs a regular round on the next tick (a peer became interested, for example). */
    public void requestRechoke() {
        forced = true;
    }

    public boolean isUnchoked(int key) {
        return regular.contains(key) || optimistic.contains(key);
    }

    public Set<Integer> regularUnchoked() {
        return Collections.unmodifiableSet(regular);
    }

    public Set<Integer> optimisticUnchoked() {
        return Collections.unmodifiableSet(optimistic);
    }

    /**
     * Re-evaluates the slots if due. {@code peers} are all live connections of the torrent; state about
     * connections not in it is dropped (no CHOKE is reported for them).
     */
    public Decision tick(Collection<? extends Candidate> peers, boolean seeding, long nowMillis) {
        Map<Integer, Candidate> byKey = new HashMap<>();
        for (Candidate c : peers) {
            byKey.put(c.key(), c);
        }
        regular.retainAll(byKey.keySet());
        optimistic.retainAll(byKey.keySet());
        Set<Integer> before = new LinkedHashSet<>(regular);
        before.addAll(optimistic);

        boolean regularDue = !started || forced || nowMillis - nextRegular >= 0 || regular.size() < config.regularSlots()
                && hasUnchokedCandidate(byKey.values(), seeding);
        for (int key : regular) {
            regularDue |= !eligibleForRegular(byKey.get(key), seeding);
        }
        if (regularDue) {
            runRegularRound(byKey.values(), seeding, before);
            nextRegular = nowMillis + config.rechokeIntervalMillis();
        }
        optimistic.removeIf(key -> regular.contains(key) || !byKey.get(key).isInterested());
        if (!started || nowMillis - nextOptimistic >= 0) {
            rotateOptimistic(byKey.values(), nowMillis);
            nextOptimistic = nowMillis + config.optimisticIntervalMillis();
        } else {
            fillOptimistic(byKey.values(), nowMillis, Set.of());
        }
        started = true;
        forced = false;

        Set<Integer> after = new LinkedHashSet<>(regular);
        after.addAll(optimistic);
        Set<Integer> unchoke = new LinkedHashSet<>(after);
        unchoke.removeAll(before);
        Set<Integer> choke = new LinkedHashSet<>(before);
        choke.removeAll(after);
        return new Decision(unchoke, choke);
    }

    private boolean eligibleForRegular(Candidate c, boolean seeding) {
        // A snubbed peer sends us nothing, so while leeching it has earned no slot; when seeding snubs do not apply.
        return c.isInterested() && (seeding || !c.isSnubbed());
    }

    private boolean hasUnchokedCandidate(Collection<Candidate> peers, boolean seeding) {
        for (Candidate c : peers) {
            if (!regular.contains(c.key()) && eligibleForRegular(c, seeding)) {
                return true;
            }
        }
        return false;
    }

    private void runRegularRound(Collection<Candidate> peers, boolean seeding, Set<Integer> unchokedBefore) {
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate c : peers) {
            if (eligibleForRegular(c, seeding)) {
                ranked.add(c);
            }
        }
        shuffle(ranked);
        Comparator<Candidate> byRate = Comparator.comparingLong(c -> seeding ? c.uploadRate() : c.downloadRate());
        ranked.sort(byRate.reversed().thenComparing(c -> !unchokedBefore.contains(c.key())));
        regular.clear();
        for (int i = 0; i < ranked.size() && i < config.regularSlots(); i++) {
            regular.add(ranked.get(i).key());
        }
    }

    /** A new draw for every optimistic slot, avoiding the previous holders when others are available. */
    private void rotateOptimistic(Collection<Candidate> peers, long nowMillis) {
        Set<Integer> previous = new LinkedHashSet<>(optimistic);
        optimistic.clear();
        fillOptimistic(peers, nowMillis, previous);
        fillOptimistic(peers, nowMillis, Set.of());
    }

    private void fillOptimistic(Collection<Candidate> peers, long nowMillis, Set<Integer> avoid) {
        while (optimistic.size() < config.optimisticSlots()) {
            List<Candidate> pool = new ArrayList<>();
            long totalWeight = 0;
            for (Candidate c : peers) {
                int key = c.key();
                if (c.isInterested() && !regular.contains(key) && !optimistic.contains(key) && !avoid.contains(key)) {
                    pool.add(c);
                    totalWeight += weight(c, nowMillis);
                }
            }
            if (pool.isEmpty()) {
                return;
            }
            long draw = random.nextLong(totalWeight);
            for (Candidate c : pool) {
                draw -= weight(c, nowMillis);
                if (draw < 0) {
                    optimistic.add(c.key());
                    break;
                }
            }
        }
    }

    private int weight(Candidate c, long nowMillis) {
        return nowMillis - c.connectedAtMillis() < config.newPeerMillis() ? NEW_PEER_WEIGHT : 1;
    }

    private void shuffle(List<Candidate> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
