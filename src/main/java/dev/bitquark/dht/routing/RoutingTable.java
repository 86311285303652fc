package dev.bitquark.dht.routing;

import dev.bitquark.dht.krpc.Compact;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The BEP 5 routing table: k-buckets of K=8 nodes covering the id space, where only the bucket that
 * contains our own id is ever split ("when a bucket is full of good nodes ... if the bucket's range
 * includes our own node ID, the bucket is split"). Bucket {@code i} holds the nodes whose id shares
 * exactly {@code i} leading bits with ours; the last bucket holds the rest, our own id included, so
 * at most 160 buckets and 160 × 16 entries: memory is bounded by construction.
 *
 * <p>Only nodes that answered one of our queries are inserted: a query or a hint merely makes the
 * node worth a ping, so a spoofed source address cannot put an entry here. A full bucket replaces
 * a bad node; otherwise the newcomer goes into the replacement cache and the least recently seen
 * questionable member is returned to be pinged: if it then fails twice it turns bad and the most
 * recent replacement takes its place (BEP 5 "try once more before discarding").
 *
 * <p>One node per IP address in the whole table (libtorrent's {@code restrict_routing_ips}): one host
 * cannot fill our buckets with made-up ids on many ports. Loopback addresses are exempt, for tests
 * and several nodes on one machine.
 *
 * <p>Not thread-safe: owned by the node's thread. Times are injected milliseconds.
 */
public final class RoutingTable {
    public static final int K = 8;
    public static final int MAX_REPLACEMENTS = 8;
    public static final int MAX_BUCKETS = NodeId.BITS;
    /** A questionable member is pinged on behalf of a newcomer at most this often. */
    static final long PING_INTERVAL_MILLIS = 30_000;

    /** What an insertion did; {@code ping} is a questionable member to check, or null. */
    public record Outcome(Kind kind, NodeInfo ping) {
        public enum Kind { ADDED, UPDATED, REPLACEMENT, REFUSED }

        static final Outcome ADDED = new Outcome(Kind.ADDED, null);
        static final Outcome UPDATED = new Outcome(Kind.UPDATED, null);
        static final Outcome REPLACEMENT = new Outcome(Kind.REPLACEMENT, null);
        static final Outcome REFUSED = new Outcome(Kind.REFUSED, null);
    }

    /** Node counts by state, for stats. */
    public record Counts(int good, int questionable, int bad, int replacements, int buckets) {
    }

    private final NodeId own;
    private final List<Bucket> buckets = new ArrayList<>();

    public RoutingTable(NodeId own, long now) {
        this.own = own;
        buckets.add(new Bucket(now));
    }

    public NodeId ownId() {
        return own;
    }

    public int bucketCount() {
        return buckets.size();
    }

    /** The bucket {@code id} falls in. */
    public int bucketIndex(NodeId id) {
        return Math.min(own.commonPrefixLength(id), buckets.size() - 1);
    }

    /** Our own id, port 0 and (until BEP 32 is wired) IPv6 addresses never enter the table. */
    public boolean acceptable(NodeInfo n) {
        return !n.id().equals(own) && n.address().getPort() > 0 && Compact.isV4(n.address());
    }

    /**
     * {@code n} answered one of our queries. {@code readOnly} nodes (BEP 43 {@code ro=1}) are refused:
     * they do not answer queries, so they would only ever turn bad.
     */
    public Outcome onResponse(NodeInfo n, boolean readOnly, long now) {
        if (readOnly || !acceptable(n)) {
            return Outcome.REFUSED;
        }
        Bucket b = buckets.get(bucketIndex(n.id()));
        NodeEntry e = find(b.nodes, n.id());
        if (e != null) {
            if (!e.address().equals(n.address())) {
                // The same id from another address: keep the one we know unless it is bad (anti-hijack).
                if (e.state(now) != NodeState.BAD) {
                    return Outcome.REFUSED;
                }
                b.nodes.remove(e);
            } else {
                e.lastResponse = now;
                e.failures = 0;
                b.lastChanged = now;
                return Outcome.UPDATED;
            }
        }
        if (ipTaken(n)) {
            return Outcome.REFUSED;
        }
        NodeEntry r = find(b.replacements, n.id());
        NodeEntry fresh = r != null && r.address().equals(n.address()) ? r : new NodeEntry(n);
        if (r != null) {
            b.replacements.remove(r);
        }
        fresh.lastResponse = now;
        fresh.failures = 0;
        return insert(fresh, now);
    }

    private Outcome insert(NodeEntry e, long now) {
        for (int guard = 0; guard <= MAX_BUCKETS; guard++) {
            int i = bucketIndex(e.id());
            Bucket b = buckets.get(i);
            if (!b.isFull()) {
                b.nodes.add(e);
                b.lastChanged = now;
                return Outcome.ADDED;
            }
            if (i == buckets.size() - 1 && buckets.size() < MAX_BUCKETS) {
                split(now);
                continue;
            }
            NodeEntry bad = null;
            NodeEntry questionable = null;
            for (NodeEntry m : b.nodes) {
                NodeState s = m.state(now);
                if (s == NodeState.BAD && (bad == null || m.failures > bad.failures)) {
                    bad = m;
                } else if (s == NodeState.QUESTIONABLE && now - m.lastPing >= PING_INTERVAL_MILLIS
                        && (questionable == null || m.lastSeen() < questionable.lastSeen())) {
                    questionable = m;
                }
            }
            if (bad != null) {
                b.nodes.remove(bad);
                b.nodes.add(e);
                b.lastChanged = now;
                return Outcome.ADDED;
            }
            b.addReplacement(e);
            if (questionable != null) {
                questionable.lastPing = now;
                return new Outcome(Outcome.Kind.REPLACEMENT, questionable.info);
            }
            return Outcome.REPLACEMENT;
        }
        throw new IllegalStateException("routing table insert did not settle");
    }

    /** Splits the last bucket (the one holding our own id); its replacements may fill either half. */
    private void split(long now) {
        int last = buckets.size() - 1;
        Bucket old = buckets.get(last);
        Bucket deeper = new Bucket(now);
        old.lastChanged = now;
        for (Iterator<NodeEntry> it = old.nodes.iterator(); it.hasNext(); ) {
            NodeEntry m = it.next();
            if (own.commonPrefixLength(m.id()) > last) {
                deeper.nodes.add(m);
                it.remove();
            }
        }
        List<NodeEntry> replacements = new ArrayList<>(old.replacements);
        old.replacements.clear();
        buckets.add(deeper);
        for (NodeEntry r : replacements) {
            Bucket b = own.commonPrefixLength(r.id()) > last ? deeper : old;
            if (!b.isFull()) {
                b.nodes.add(r);
            } else {
                b.addReplacement(r);
            }
        }
    }

    /** {@code n} sent us a query: refreshes a known node's liveness. True if the node is known. */
    public boolean onQuery(NodeInfo n, long now) {
        if (!acceptable(n)) {
            return false;
        }
        Bucket b = buckets.get(bucketIndex(n.id()));
        NodeEntry e = find(b.nodes, n.id());
        if (e == null) {
            e = find(b.replacements, n.id());
        }
        if (e == null || !e.address().equals(n.address())) {
            return false;
        }
        e.lastQuery = now;
        return true;
    }

    /**
     * A query to {@code id} at {@code address} timed out. The second failure in a row makes a member
     * bad, and the most recent replacement (if any) takes its place; a failing replacement is dropped.
     */
    public void onFailure(NodeId id, InetSocketAddress address, long now) {
        if (id.equals(own)) {
            return;
        }
        Bucket b = buckets.get(bucketIndex(id));
        NodeEntry e = find(b.nodes, id);
        if (e != null && e.address().equals(address)) {
            e.failures++;
            if (e.state(now) == NodeState.BAD && !b.replacements.isEmpty()) {
                b.nodes.remove(e);
                b.nodes.add(b.replacements.pollLast());
                b.lastChanged = now;
            }
            return;
        }
        NodeEntry r = find(b.replacements, id);
        if (r != null && r.address().equals(address)) {
            b.replacements.remove(r);
        }
    }

    /** True if a verified {@code n} would become a member (room, a split, or a bad node to replace). */
    public boolean wouldAdd(NodeInfo n, long now) {
        if (!acceptable(n) || ipTaken(n)) {
            return false;
        }
        int i = bucketIndex(n.id());
        Bucket b = buckets.get(i);
        if (find(b.nodes, n.id()) != null) {
            return false;
        }
        if (!b.isFull() || (i == buckets.size() - 1 && buckets.size() < MAX_BUCKETS)) {
            return true;
        }
        for (NodeEntry m : b.nodes) {
            if (m.state(now) == NodeState.BAD) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(NodeId id) {
        return find(buckets.get(bucketIndex(id)).nodes, id) != null;
    }

    /** The state of member {@code id}, or null if it is not a member. */
    public NodeState state(NodeId id, long now) {
        NodeEntry e = find(buckets.get(bucketIndex(id)).nodes, id);
        return e == null ? null : e.state(now);
    }

    /**
     * Up to {@code n} members closest to {@code target}, closest first. Bad nodes are never returned
     * (BEP 5: they are not queried); with {@code goodOnly} questionable ones are left out too.
     */
    public List<NodeInfo> closest(NodeId target, int n, long now, boolean goodOnly) {
        List<NodeEntry> all = new ArrayList<>();
        for (Bucket b : buckets) {
            for (NodeEntry e : b.nodes) {
                NodeState s = e.state(now);
                if (s == NodeState.GOOD || (s == NodeState.QUESTIONABLE && !goodOnly)) {
                    all.add(e);
                }
            }
        }
        all.sort((x, y) -> target.compareDistance(x.id(), y.id()));
        List<NodeInfo> out = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < all.size() && i < n; i++) {
            out.add(all.get(i).info);
        }
        return out;
    }

    /** Members that are not bad, good ones first, at most {@code max} (what is worth persisting). */
    public List<NodeInfo> liveNodes(int max, long now) {
        List<NodeInfo> good = new ArrayList<>();
        List<NodeInfo> questionable = new ArrayList<>();
        for (Bucket b : buckets) {
            for (NodeEntry e : b.nodes) {
                switch (e.state(now)) {
                    case GOOD -> good.add(e.info);
                    case QUESTIONABLE -> questionable.add(e.info);
                    case BAD -> { }
                }
            }
        }
        good.addAll(questionable);
        return good.size() > max ? new ArrayList<>(good.subList(0, max)) : good;
    }

    /** Every member and replacement (tests and size reports). */
    public List<NodeEntry> entries(boolean withReplacements) {
        List<NodeEntry> out = new ArrayList<>();
        for (Bucket b : buckets) {
            out.addAll(b.nodes);
            if (withReplacements) {
                out.addAll(b.replacements);
            }
        }
        return out;
    }

    public Counts counts(long now) {
        int good = 0;
        int questionable = 0;
        int bad = 0;
        int replacements = 0;
        for (Bucket b : buckets) {
            replacements += b.replacements.size();
            for (NodeEntry e : b.nodes) {
                switch (e.state(now)) {
                    case GOOD -> good++;
                    case QUESTIONABLE -> questionable++;
                    case BAD -> bad++;
                }
            }
        }
        return new Counts(good, questionable, bad, replacements, buckets.size());
    }

    public int size() {
        int n = 0;
        for (Bucket b : buckets) {
            n += b.nodes.size();
        }
        return n;
    }

    /** Members of bucket {@code index}. */
    public int bucketSize(int index) {
        return buckets.get(index).nodes.size();
    }

    /** BEP 5 "last changed" of bucket {@code index}. */
    public long lastChanged(int index) {
        return buckets.get(index).lastChanged;
    }

    /** Marks bucket {@code index} fresh (a refresh lookup of its range finished). */
    public void touch(int index, long now) {
        buckets.get(index).lastChanged = Math.max(buckets.get(index).lastChanged, now);
    }

    /** A random id in the range of bucket {@code index}: the target of its refresh (BEP 5). */
    public NodeId randomIdInBucket(int index, RandomGenerator random) {
        return own.randomWithPrefix(index, index == buckets.size() - 1, random);
    }

    /** True if another node (another id) at the same IP is a member or replacement already. */
    private boolean ipTaken(NodeInfo n) {
        if (n.address().getAddress().isLoopbackAddress()) {
            return false;
        }
        for (Bucket b : buckets) {
            for (NodeEntry e : b.nodes) {
                if (!e.id().equals(n.id()) && e.address().getAddress().equals(n.address().getAddress())) {
                    return true;
                }
            }
            for (NodeEntry e : b.replacements) {
                if (!e.id().equals(n.id()) && e.address().getAddress().equals(n.address().getAddress())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static NodeEntry find(Collection<NodeEntry> entries, NodeId id) {
        for (NodeEntry e : entries) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
