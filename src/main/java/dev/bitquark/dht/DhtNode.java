package dev.bitquark.dht;

import dev.bitquark.dht.krpc.Decoded;
import dev.bitquark.dht.krpc.KrpcCodec;
import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.limit.PerIpLimiter;
import dev.bitquark.dht.routing.RoutingTable;
import dev.bitquark.dht.store.PeerStore;
import dev.bitquark.dht.store.Tokens;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A BEP 5 DHT node as a single-threaded state machine: packets in through {@link #onPacket}, packets
 * out through the {@link DhtTransport}, time from the {@link DhtClock}, and {@link #tick()} every
 * 250–500 ms for timeouts, bootstrap retries, refresh, re-lookups, token rotation and expiry. No
 * I/O, no threads, no locks: every call must come from the one owner thread ({@link DhtService}'s
 * context, or a test).
 *
 * <p>Hostile input never throws out of {@link #onPacket}: a packet is answered, answered with a KRPC
 * error (a malformed query whose transaction id could be read), or dropped, and every error or drop
 * is counted by reason in {@link DhtStats#droppedByReason()}.
 */
public final class DhtNode {
    /** BEP 5 "v": two letters for the client and two bytes of version. */
    static final byte[] VERSION = {'B', 'Q', 0, 1};
    static final long EXPIRE_EVERY_MILLIS = 10_000;
    /** Lookup runs are bounded by handles + one bootstrap + one refresh; this only guards the list. */
    static final int MAX_RUNS = 1_024;

    private final DhtSettings settings;
    private final DhtClock clock;
    private final DhtTransport transport;
    private final RandomGenerator random;
    private final NodeId id;
    private final RoutingTable table;
    private final PeerStore store;
    private final Tokens tokens;
    private final PerIpLimiter limiter;
    private final Counters counters = new Counters();
    private final Rpc rpc;
    private final Server server;
    private final Maintenance maintenance;
    private final List<LookupRun> runs = new ArrayList<>();
    private final List<LookupHandle> handles = new ArrayList<>();
    private List<String> unresolvedRouters = List.of();
    private long lastExpire;

    public DhtNode(DhtSettings s, DhtClock clock, DhtTransport transport, RandomGenerator random, DhtState saved) {
        this.settings = Objects.requireNonNull(s, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.random = Objects.requireNonNull(random, "random");
        long now = clock.nowMillis();
        this.id = saved != null ? NodeId.of(saved.nodeId()) : NodeId.random(random);
        this.table = new RoutingTable(id, now);
        this.store = new PeerStore(s.maxStoredInfoHashes(), s.maxPeersPerInfoHash());
        this.tokens = new Tokens(random, now);
        this.limiter = new PerIpLimiter(s.maxQueriesInPerSecondPerIp(), 2.0 * s.maxQueriesInPerSecondPerIp(),
                DhtSettings.MAX_QUERIES_IN_PER_SECOND, DhtSettings.MAX_TRACKED_IPS, now);
        this.rpc = new Rpc(this, table, random, counters, s.maxQueriesOutPerSecond(), now);
        this.server = new Server(this, table, store, tokens, rpc, counters, random);
        List<NodeInfo> savedNodes = new ArrayList<>();
        if (saved != null) {
            for (DhtState.Node n : saved.nodes()) {
                if (n.id().length == NodeId.LENGTH) {
                    NodeInfo info = new NodeInfo(NodeId.of(n.id()), n.address());
                    if (table.acceptable(info)) {
                        savedNodes.add(info);
                    }
                }
            }
            for (DhtState.StoredPeer p : saved.storedPeers()) {
                if (p.infoHash().length == NodeId.LENGTH) {
                    store.restore(NodeId.of(p.infoHash()), p.peer(), p.expiresAtMillis(), now);
                }
            }
        }
        this.maintenance = new Maintenance(this, table, savedNodes);
        this.lastExpire = now;
    }

    /** (Re)starts bootstrapping from {@code resolvedRouters} and the saved nodes (BEP 5: find_node of our own id). */
    public void bootstrap(List<InetSocketAddress> resolvedRouters) {
        maintenance.bootstrap(resolvedRouters, now());
    }

    /** Router names that did not resolve, shown in {@link #stats()}. */
    public void reportUnresolvedRouters(List<String> names) {
        unresolvedRouters = List.copyOf(names);
    }

    public void onPacket(byte[] data, int length, InetSocketAddress from) {
        try {
            handle(data, length, from);
        } catch (RuntimeException e) {
            // A bug must not take the node down on one packet; it shows up in the counters.
            counters.drop("internal-error");
        }
    }

    private void handle(byte[] data, int length, InetSocketAddress from) {
        long now = now();
        counters.packetsIn++;
        if (from == null || from.getAddress() == null || from.getPort() == 0) {
            counters.drop("bad-source");
            return;
        }
        Decoded d = KrpcCodec.decode(data, length);
        if (!d.isOk()) {
            counters.malformed++;
            counters.drop(d.reason());
            if (d.deservesError() && allowIn(from, now)) {
                send(new KrpcMessage.Error(d.tid(), d.errorCode(), d.errorMessage(), VERSION), from);
            }
            return;
        }
        switch (d.message()) {
            case KrpcMessage.Query q -> {
                if (allowIn(from, now)) {
                    counters.queriesIn.add(now);
                    server.onQuery(q, from, now);
                }
            }
            case KrpcMessage.Response r -> rpc.onAnswer(r, from, now);
            case KrpcMessage.Error e -> rpc.onAnswer(e, from, now);
        }
        rpc.pump(now);
    }

    /** The per-IP and global incoming limits; over them a query is dropped silently (and counted). */
    private boolean allowIn(InetSocketAddress from, long now) {
        if (limiter.allow(from.getAddress(), now)) {
            return true;
        }
        counters.rateLimitedIn++;
        counters.drop("rate-limited");
        return false;
    }

    public void tick() {
        long now = now();
        rpc.expire(now);
        tokens.tick(now);
        maintenance.tick(now);
        for (LookupHandle h : new ArrayList<>(handles)) {
            h.tick(now);
        }
        for (LookupRun r : new ArrayList<>(runs)) {
            r.pump(now);
        }
        runs.removeIf(LookupRun::finished);
        if (now - lastExpire >= EXPIRE_EVERY_MILLIS) {
            lastExpire = now;
            store.expire(now);
        }
        rpc.pump(now);
    }

    /**
     * Looks {@code infoHash20} up now and again on a schedule (see {@link DhtLookup}), handing new
     * peers to {@code found} on the owner thread. With {@code announcePort} > 0 or
     * {@code impliedPort}, announces us to the closest nodes after each lookup; with port 0 and no
     * implied port it only searches.
     *
     * @throws IllegalArgumentException if the info-hash is not 20 bytes or the port is out of range
     */
    public DhtLookup getPeers(byte[] infoHash20, int announcePort, boolean impliedPort,
                              Consumer<List<InetSocketAddress>> found) {
        if (announcePort < 0 || announcePort > 65535) {
            throw new IllegalArgumentException("announce port must be 0..65535, got " + announcePort);
        }
        LookupHandle h = new LookupHandle(this, NodeId.of(infoHash20), announcePort, impliedPort,
                Objects.requireNonNull(found, "found"), now());
        handles.add(h);
        h.tick(now());
        return h;
    }

    /** A node address from a peer's BEP 5 PORT message: pinged, and added if it answers. */
    public void addNode(InetSocketAddress node) {
        if (node != null && !node.isUnresolved()) {
            rpc.pingToVerify(node, now());
        }
    }

    public DhtStats stats() {
        long now = now();
        RoutingTable.Counts c = table.counts(now);
        String bootstrap = switch (maintenance.phase()) {
            case BOOTSTRAPPING -> "bootstrapping";
            case READY -> "ready";
            case NO_NODES -> "no-nodes";
        };
        return new DhtStats(bootstrap, c.good(), c.questionable(), c.bad(), c.replacements(), c.buckets(),
                counters.queriesIn.perSecond(now), counters.queriesOut.perSecond(now), counters.packetsIn,
                counters.packetsOut, counters.malformed, counters.rateLimitedIn, counters.rateLimitedOut,
                store.infoHashes(), store.peers(), (int) runs.stream().filter(r -> !r.finished()).count(),
                handles.size(), rpc.pendingCount(), rpc.queuedCount(), counters.dropped, unresolvedRouters);
    }

    /** Our id, up to {@value DhtState#MAX_NODES} live nodes and the stored announces, to persist. */
    public DhtState state() {
        long now = now();
        List<DhtState.Node> nodes = new ArrayList<>();
        for (NodeInfo n : table.liveNodes(DhtState.MAX_NODES, now)) {
            nodes.add(new DhtState.Node(n.id().toBytes(), n.address()));
        }
        List<DhtState.StoredPeer> peers = new ArrayList<>();
        for (PeerStore.Stored p : store.snapshot(now)) {
            peers.add(new DhtState.StoredPeer(p.infoHash().toBytes(), p.peer(), p.expiresAt()));
        }
        return new DhtState(id.toBytes(), nodes, peers);
    }

    public byte[] nodeId() {
        return id.toBytes();
    }

    // ---- package-private: the node's parts call back here ----

    long now() {
        return clock.nowMillis();
    }

    RandomGenerator random() {
        return random;
    }

    RoutingTable table() {
        return table;
    }

    Rpc rpc() {
        return rpc;
    }

    PeerStore store() {
        return store;
    }

    PerIpLimiter limiter() {
        return limiter;
    }

    Maintenance maintenance() {
        return maintenance;
    }

    Server server() {
        return server;
    }

    Tokens tokens() {
        return tokens;
    }

    void send(KrpcMessage m, InetSocketAddress to) {
        byte[] packet = KrpcCodec.encode(m);
        counters.packetsOut++;
        try {
            transport.send(packet, to);
        } catch (RuntimeException e) {
            counters.drop("send-failed");
        }
    }

    void startRun(LookupRun run, long now) {
        if (runs.size() >= MAX_RUNS) {
            runs.removeIf(LookupRun::finished);
        }
        runs.add(run);
        run.start(now);
    }

    void cancelRun(LookupRun run) {
        run.cancel();
        rpc.cancel(run);
        runs.remove(run);
    }

    void removeHandle(LookupHandle h) {
        handles.remove(h);
    }

    List<LookupHandle> handles() {
        return handles;
    }
}
