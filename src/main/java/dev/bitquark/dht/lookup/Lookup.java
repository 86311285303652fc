package dev.bitquark.dht.lookup;

import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The candidate set of one iterative lookup (BEP 5: "the querying node ... iteratively queries
 * nodes closer to the target until it cannot find any closer nodes"), without any I/O: the owner
 * asks {@link #next()} whom to query, and reports each answer or failure.
 *
 * <p>At most {@code alpha} queries are in flight. A node returned in an answer becomes a candidate
 * only if it is closer to the target than the node that returned it, so a lookup can only move
 * towards the target and a node cannot drag it sideways. The lookup is done when the {@code k}
 * closest candidates that did not fail have all answered. Candidates beyond {@link #maxCandidates}
 * (the farthest) are forgotten, so memory is bounded. Not thread-safe.
 */
public final class Lookup {
    public enum Status { NEW, IN_FLIGHT, ANSWERED, FAILED, SKIPPED }

    /** One node of the lookup; {@code referrer} is the node that told us about it (null for seeds). */
    public static final class Candidate {
        private final NodeInfo node;
        private final NodeId referrer;
        private Status status = Status.NEW;
        private byte[] token;

        Candidate(NodeInfo node, NodeId referrer) {
            this.node = node;
            this.referrer = referrer;
        }

        public NodeInfo node() {
            return node;
        }

        public NodeId referrer() {
            return referrer;
        }

        public Status status() {
            return status;
        }

        /** The get_peers token the node gave us, or null. */
        public byte[] token() {
            return token;
        }
    }

    private final NodeId target;
    private final int alpha;
    private final int k;
    private final int maxCandidates;
    private final List<Candidate> sorted = new ArrayList<>();
    private final Set<NodeId> seenIds = new HashSet<>();
    private final Set<InetSocketAddress> seenAddresses = new HashSet<>();
    private int inFlight;
    private int answered;

    public Lookup(NodeId target, int alpha, int k, int maxCandidates) {
        this.target = target;
        this.alpha = alpha;
        this.k = k;
        this.maxCandidates = maxCandidates;
    }

    public NodeId target() {
        return target;
    }

    /** Adds starting nodes (from the routing table or a router's answer), whatever their distance. */
    public int seed(Collection<NodeInfo> nodes) {
        int added = 0;
        for (NodeInfo n : nodes) {
            if (add(n, null)) {
                added++;
            }
        }
        return added;
    }

    /** True if {@code n} was never a candidate of this lookup (by id or address). */
    public boolean isNew(NodeInfo n) {
        return !seenIds.contains(n.id()) && !seenAddresses.contains(n.address());
    }

    private boolean add(NodeInfo n, NodeId referrer) {
        if (!isNew(n)) {
            return false;
        }
        Candidate c = new Candidate(n, referrer);
        int at = 0;
        while (at < sorted.size() && target.compareDistance(sorted.get(at).node.id(), n.id()) <= 0) {
            at++;
        }
        if (at >= maxCandidates) {
            return false;
        }
        sorted.add(at, c);
        seenIds.add(n.id());
        seenAddresses.add(n.address());
        if (sorted.size() > maxCandidates) {
            // Forget the farthest candidate that is not waiting for an answer.
            for (int i = sorted.size() - 1; i >= 0; i--) {
                if (sorted.get(i).status != Status.IN_FLIGHT) {
                    sorted.remove(i);
                    break;
                }
            }
        }
        return true;
    }

    /** Candidates to query now (marked in flight): the closest new ones among the k live closest. */
    public List<Candidate> next() {
        List<Candidate> out = new ArrayList<>(alpha);
        int live = 0;
        for (int i = 0; i < sorted.size() && live < k && inFlight < alpha; i++) {
            Candidate c = sorted.get(i);
            if (c.status == Status.FAILED || c.status == Status.SKIPPED) {
                continue;
            }
            live++;
            if (c.status == Status.NEW) {
                c.status = Status.IN_FLIGHT;
                inFlight++;
                out.add(c);
            }
        }
        return out;
    }

    /**
     * {@code c} answered with {@code nodes} (and maybe a token). Returns how many of them became
     * candidates: only those closer to the target than {@code c}.
     */
    public int answered(Candidate c, List<NodeInfo> nodes, byte[] token) {
        if (c.status != Status.IN_FLIGHT) {
            return 0;
        }
        c.status = Status.ANSWERED;
        c.token = token;
        inFlight--;
        answered++;
        int added = 0;
        for (NodeInfo n : nodes) {
            if (target.compareDistance(n.id(), c.node.id()) < 0 && add(n, c.node.id())) {
                added++;
            }
        }
        return added;
    }

    public void failed(Candidate c) {
        if (c.status == Status.IN_FLIGHT) {
            inFlight--;
        }
        if (c.status != Status.ANSWERED) {
            c.status = Status.FAILED;
        }
    }

    /** Leaves {@code c} out without querying it (it must be new). */
    public void skip(Candidate c) {
        if (c.status == Status.IN_FLIGHT) {
            inFlight--;
        }
        c.status = Status.SKIPPED;
    }

    /** True when the k closest candidates that did not fail have all answered (and none is in flight). */
    public boolean done() {
        int live = 0;
        for (int i = 0; i < sorted.size() && live < k; i++) {
            Candidate c = sorted.get(i);
            if (c.status == Status.NEW || c.status == Status.IN_FLIGHT) {
                return false;
            }
            if (c.status == Status.ANSWERED) {
                live++;
            }
        }
        return true;
    }

    /** True if no candidate is left to query or waited for, and none answered: the lookup needs seeds. */
    public boolean starved() {
        for (Candidate c : sorted) {
            if (c.status == Status.NEW || c.status == Status.IN_FLIGHT || c.status == Status.ANSWERED) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code n} answered candidates closest to the target, closest first. */
    public List<Candidate> closestAnswered(int n) {
        List<Candidate> out = new ArrayList<>(n);
        for (Candidate c : sorted) {
            if (out.size() >= n) {
                break;
            }
            if (c.status == Status.ANSWERED) {
                out.add(c);
            }
        }
        return out;
    }

    public int inFlight() {
        return inFlight;
    }

    public int answeredCount() {
        return answered;
    }

    public int candidateCount() {
        return sorted.size();
    }
}
