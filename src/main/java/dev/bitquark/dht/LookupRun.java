package dev.bitquark.dht;

import dev.bitquark.dht.krpc.Compact;
import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.lookup.Lookup;
import dev.bitquark.dht.lookup.Lookup.Candidate;
import dev.bitquark.dht.routing.NodeState;
import dev.bitquark.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One iterative lookup on the wire: find_node or get_peers queries driven by a {@link Lookup}
 * (α = 3 in flight, k = 8), peers handed to the consumer as they arrive (deduplicated), and for
 * get_peers an announce_peer to the closest nodes that gave a token (BEP 5 "announce_peer ... to
 * the closest nodes it found"). With an empty table the run waits up to {@code maxStarvedMillis}
 * for nodes instead of ending empty. Not thread-safe.
 */
final class LookupRun {
    static final int ALPHA = 3;
    static final int MAX_CANDIDATES = 64;
    static final int MAX_SEEN_PEERS = 4_096;

    private final DhtNode node;
    private final Method method;
    private final Lookup lookup;
    private final Consumer<List<InetSocketAddress>> onPeers;
    private final Consumer<LookupRun> onDone;
    private final Predicate<NodeInfo> skip;
    private final Consumer<NodeInfo> onAsk;
    private final long maxStarvedMillis;
    private final Set<InetSocketAddress> seenPeers = new HashSet<>();
    private final List<NodeInfo> responders = new ArrayList<>();
    private int announcePort;
    private boolean impliedPort;
    private boolean announce;
    private long starvedSince = -1;
    private boolean finished;
    private boolean cancelled;

    LookupRun(DhtNode node, Method method, NodeId target, Consumer<List<InetSocketAddress>> onPeers,
              Consumer<LookupRun> onDone, Predicate<NodeInfo> skip, Consumer<NodeInfo> onAsk, long maxStarvedMillis) {
        this.node = node;
        this.method = method;
        this.lookup = new Lookup(target, ALPHA, RoutingTable.K, MAX_CANDIDATES);
        this.onPeers = onPeers;
        this.onDone = onDone;
        this.skip = skip;
        this.onAsk = onAsk;
        this.maxStarvedMillis = maxStarvedMillis;
    }

    /** After the get_peers lookup, announce {@code port} (or the source port, BEP 5 implied_port). */
    LookupRun announcing(int port, boolean implied) {
        this.announce = port > 0 || implied;
        this.announcePort = port;
        this.impliedPort = implied;
        return this;
    }

    NodeId target() {
        return lookup.target();
    }

    int peersFound() {
        return seenPeers.size();
    }

    List<NodeInfo> responders() {
        return responders;
    }

    boolean finished() {
        return finished;
    }

    void cancel() {
        cancelled = true;
        finished = true;
    }

    /** Adds starting nodes (router answers, saved nodes), then queries. */
    void seed(List<NodeInfo> nodes, long now) {
        if (!finished) {
            lookup.seed(usable(nodes, now));
            pump(now);
        }
    }

    void start(long now) {
        lookup.seed(node.table().closest(lookup.target(), RoutingTable.K, now, false));
        pump(now);
    }

    /** Sends what α allows, ends the lookup when it converged, reseeds or waits when it starved. */
    void pump(long now) {
        if (finished) {
            return;
        }
        while (true) {
            List<Candidate> next = lookup.next();
            if (next.isEmpty()) {
                break;
            }
            for (Candidate c : next) {
                if (skip != null && skip.test(c.node())) {
                    lookup.skip(c);
                } else {
                    ask(c, now);
                }
            }
        }
        if (lookup.starved()) {
            List<NodeInfo> fresh = new ArrayList<>();
            for (NodeInfo n : node.table().closest(lookup.target(), RoutingTable.K * 2, now, false)) {
                if (lookup.isNew(n) && (skip == null || !skip.test(n))) {
                    fresh.add(n);
                }
            }
            if (!fresh.isEmpty()) {
                starvedSince = -1;
                lookup.seed(fresh);
                pump(now);
                return;
            }
            if (starvedSince < 0) {
                starvedSince = now;
            }
            if (now - starvedSince >= maxStarvedMillis) {
                finish(now);
            }
            return;
        }
        if (lookup.done()) {
            finish(now);
        }
    }

    private void ask(Candidate c, long now) {
        if (onAsk != null) {
            onAsk.accept(c.node());
        }
        node.rpc().query(new Rpc.Outgoing(method, lookup.target(), null, 0, false, c.node().address(),
                c.node().id(), true, false, this, new Rpc.Callback() {
                    @Override
                    public void onResponse(Response r) {
                        answered(c, r, node.now());
                    }

                    @Override
                    public void onFailure() {
                        if (!finished) {
                            lookup.failed(c);
                            pump(node.now());
                        }
                    }
                }), now);
    }

    private void answered(Candidate c, Response r, long now) {
        if (finished) {
            return;
        }
        responders.add(c.node());
        lookup.answered(c, usable(r.nodes(), now), method == Method.GET_PEERS ? r.token() : null);
        if (method == Method.GET_PEERS && !r.values().isEmpty()) {
            List<InetSocketAddress> fresh = new ArrayList<>();
            for (InetSocketAddress p : r.values()) {
                if (seenPeers.size() < MAX_SEEN_PEERS && seenPeers.add(p)) {
                    fresh.add(p);
                }
            }
            if (!fresh.isEmpty() && onPeers != null) {
                onPeers.accept(List.copyOf(fresh));
            }
        }
        pump(now);
    }

    /** Nodes worth asking: not us, a contactable IPv4 address, not known bad (BEP 5: bad nodes are not queried). */
    private List<NodeInfo> usable(List<NodeInfo> nodes, long now) {
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        RoutingTable table = node.table();
        for (NodeInfo n : nodes) {
            if (table.acceptable(n) && Compact.isV4(n.address()) && table.state(n.id(), now) != NodeState.BAD) {
                out.add(n);
            }
        }
        return out;
    }

    private void finish(long now) {
        if (finished) {
            return;
        }
        finished = true;
        node.rpc().cancel(this);
        if (method == Method.GET_PEERS && announce && !cancelled) {
            for (Candidate c : lookup.closestAnswered(RoutingTable.K)) {
                if (c.token() != null) {
                    node.rpc().query(new Rpc.Outgoing(Method.ANNOUNCE_PEER, lookup.target(), c.token(), announcePort,
                            impliedPort, c.node().address(), c.node().id(), true, false, null, Rpc.IGNORE), now);
                }
            }
        }
        onDone.accept(this);
    }
}
