package dev.bitquark.dht;

import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the routing table healthy: bootstrap and bucket refresh (BEP 5).
 *
 * <p>Bootstrap asks the routers (and the saved nodes) for nodes close to our own id and runs a
 * find_node lookup of our own id, again and again with a backoff of 5 s doubling to 60 s, until
 * the table holds {@value #HEALTHY_GOOD_NODES} good nodes or, in a network too small for that, a
 * self-lookup ends without adding anything to the table. Routers are not put in the table: the
 * public ones answer find_node but are no regular nodes.
 *
 * <p>Refresh: a bucket unchanged for 15 minutes is refreshed by a find_node lookup of a random id
 * in its range (BEP 5). A bucket that is not full is also refreshed at once, then 5, 10 and every
 * 15 minutes after its previous refresh: right after bootstrap the far buckets are nearly empty (a
 * self-lookup only meets nodes near our id, and the rest of the network is still starting too). Only one refresh lookup runs at a time, the stalest bucket first, and a node asked
 * by a refresh in the last {@value #RECENTLY_ASKED_MILLIS} ms is not asked again by the next one,
 * so refreshing neighbouring buckets does not repeat the same queries to the same nodes. A finished
 * refresh marks fresh its target bucket and every bucket a node answered from. Not thread-safe.
 */
final class Maintenance {
    static final int HEALTHY_GOOD_NODES = 8;
    static final long FIRST_BACKOFF_MILLIS = 5_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final long BOOTSTRAP_WAIT_MILLIS = 10_000;
    static final long REFRESH_AFTER_MILLIS = 15 * 60_000L;
    static final long RECENTLY_ASKED_MILLIS = 5 * 60_000L;
    static final int MAX_RECENTLY_ASKED = 4_096;

    enum Phase { BOOTSTRAPPING, READY, NO_NODES }

    private final DhtNode node;
    private final RoutingTable table;
    private List<InetSocketAddress> routers = List.of();
    private List<NodeInfo> saved;
    private Phase phase = Phase.BOOTSTRAPPING;
    private boolean started;
    private long nextAttempt;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private LookupRun selfLookup;
    private int sizeAtStart;
    private LookupRun refresh;
    private int refreshBucket;
    /** When each bucket index was last the target of a refresh (0 = never), and how often it was. */
    private final long[] refreshedAt = new long[RoutingTable.MAX_BUCKETS];
    private final int[] refreshCount = new int[RoutingTable.MAX_BUCKETS];
    /** As long as a refresh keeps from asking a node again: sooner, the next refresh could ask nobody. */
    static final long FIRST_PARTIAL_REFRESH_MILLIS = RECENTLY_ASKED_MILLIS;
    private final LinkedHashMap<NodeId, Long> recentlyAsked = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Long> eldest) {
            return size() > MAX_RECENTLY_ASKED;
        }
    };

    Maintenance(DhtNode node, RoutingTable table, List<NodeInfo> saved) {
        this.node = node;
        this.table = table;
        this.saved = new ArrayList<>(saved);
    }

    void bootstrap(List<InetSocketAddress> resolvedRouters, long now) {
        routers = List.copyOf(resolvedRouters);
        started = true;
        if (phase != Phase.READY) {
            phase = Phase.BOOTSTRAPPING;
        }
        backoff = FIRST_BACKOFF_MILLIS;
        nextAttempt = now;
        tick(now);
    }

    Phase phase() {
        return phase;
    }

    void tick(long now) {
        if (!started) {
            return;
        }
        RoutingTable.Counts c = table.counts(now);
        if (phase == Phase.READY && c.good() + c.questionable() == 0) {
            phase = Phase.BOOTSTRAPPING; // the table emptied (we were offline): start over
            backoff = FIRST_BACKOFF_MILLIS;
            nextAttempt = now;
        }
        if (phase != Phase.READY) {
            if (c.good() >= HEALTHY_GOOD_NODES) {
                phase = Phase.READY;
            } else if (selfLookup == null && now >= nextAttempt) {
                attempt(now);
            }
        }
        if (phase == Phase.READY && selfLookup == null) {
            refresh(now);
        }
    }

    private void attempt(long now) {
        nextAttempt = now + backoff;
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        if (routers.isEmpty() && saved.isEmpty() && table.size() == 0) {
            phase = Phase.NO_NODES;
            return;
        }
        phase = Phase.BOOTSTRAPPING;
        sizeAtStart = table.size();
        LookupRun run = new LookupRun(node, Method.FIND_NODE, table.ownId(), null, this::selfLookupDone, null, null,
                BOOTSTRAP_WAIT_MILLIS);
        selfLookup = run;
        node.startRun(run, now);
        // Saved nodes are asked like any candidate: those that answer join the table.
        if (!saved.isEmpty()) {
            List<NodeInfo> s = saved;
            saved = List.of();
            run.seed(s, now);
        }
        for (InetSocketAddress router : routers) {
            node.rpc().query(new Rpc.Outgoing(Method.FIND_NODE, table.ownId(), null, 0, false, router, null, false,
                    false, run, new Rpc.Callback() {
                        @Override
                        public void onResponse(Response r) {
                            run.seed(r.nodes(), node.now());
                        }

                        @Override
                        public void onFailure() {
                        }
                    }), now);
        }
    }

    private void selfLookupDone(LookupRun run) {
        if (run != selfLookup) {
            return;
        }
        selfLookup = null;
        long now = node.now();
        RoutingTable.Counts c = table.counts(now);
        if (c.good() >= HEALTHY_GOOD_NODES
                || (c.good() > 0 && table.size() == sizeAtStart && !run.responders().isEmpty())) {
            phase = Phase.READY;
        }
    }

    private void refresh(long now) {
        if (refresh != null) {
            return;
        }
        int stalest = -1;
        long stalestAt = Long.MAX_VALUE;
        for (int i = 0; i < table.bucketCount(); i++) {
            long sinceRefresh = now - refreshedAt[i];
            long changed = table.lastChanged(i);
            long partialInterval = Math.min(REFRESH_AFTER_MILLIS,
                    FIRST_PARTIAL_REFRESH_MILLIS << Math.min(Math.max(0, refreshCount[i] - 1), 8));
            boolean due = (now - changed >= REFRESH_AFTER_MILLIS && sinceRefresh >= REFRESH_AFTER_MILLIS)
                    || (table.bucketSize(i) < RoutingTable.K && (refreshCount[i] == 0 || sinceRefresh >= partialInterval));
            long age = Math.min(changed, refreshedAt[i]);
            if (due && age < stalestAt) {
                stalest = i;
                stalestAt = age;
            }
        }
        if (stalest < 0) {
            return;
        }
        refreshBucket = stalest;
        NodeId target = table.randomIdInBucket(stalest, node.random());
        LookupRun run = new LookupRun(node, Method.FIND_NODE, target, null, this::refreshDone,
                n -> askedRecently(n.id(), node.now()), n -> recentlyAsked.put(n.id(), node.now()), 0);
        refresh = run;
        node.startRun(run, now);
    }

    private boolean askedRecently(NodeId id, long now) {
        Long at = recentlyAsked.get(id);
        return at != null && now - at < RECENTLY_ASKED_MILLIS;
    }

    private void refreshDone(LookupRun run) {
        if (run != refresh) {
            return;
        }
        refresh = null;
        long now = node.now();
        refreshedAt[refreshBucket] = now;
        refreshCount[refreshBucket]++;
        if (refreshBucket < table.bucketCount()) {
            table.touch(refreshBucket, now);
        }
        for (NodeInfo n : run.responders()) {
            table.touch(table.bucketIndex(n.id()), now);
        }
    }

    boolean refreshing() {
        return refresh != null;
    }

    int recentlyAskedCount() {
        return recentlyAsked.size();
    }
}
