package dev.bitquark.dht;

import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.routing.RoutingTable;
import dev.bitquark.dht.store.PeerStore;
import dev.bitquark.dht.store.Tokens;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Answers the four BEP 5 queries. Rate limiting happened before (in {@link DhtNode}); here every
 * query gets exactly one answer. Not thread-safe.
 */
final class Server {
    /** BEP 5 get_peers "values": we send at most 50, a random subset, so one answer stays well under 1,500 bytes. */
    static final int MAX_VALUES_OUT = 50;
    /**
     * We hand out announce tokens only for info-hashes we are among the {@value} closest nodes to, as
     * far as our table knows: announces land on the nodes closest to the info-hash, so a far node
     * storing peers would only invite poisoning. K, not more: a far part of the id space is covered
     * by a single bucket of K nodes, so with 16 we would count ourselves close to everything there.
     */
    static final int CLOSE_NODES = RoutingTable.K;

    private final DhtNode node;
    private final RoutingTable table;
    private final PeerStore store;
    private final Tokens tokens;
    private final Rpc rpc;
    private final Counters counters;
    private final RandomGenerator random;

    Server(DhtNode node, RoutingTable table, PeerStore store, Tokens tokens, Rpc rpc, Counters counters,
           RandomGenerator random) {
        this.node = node;
        this.table = table;
        this.store = store;
        this.tokens = tokens;
        this.rpc = rpc;
        this.counters = counters;
        this.random = random;
    }

    void onQuery(Query q, InetSocketAddress from, long now) {
        NodeId own = table.ownId();
        NodeInfo sender = new NodeInfo(q.id(), from);
        // BEP 43: a read-only node must not be added; others that we do not know yet get a ping.
        if (!q.readOnly() && !table.onQuery(sender, now) && table.wouldAdd(sender, now)) {
            rpc.pingToVerify(from, now);
        }
        switch (q.method()) {
            case PING -> node.send(Response.of(q.tid(), own, DhtNode.VERSION), from);
            case FIND_NODE -> node.send(new Response(q.tid(), own, closestNodes(q.target(), now), List.of(), List.of(),
                    null, DhtNode.VERSION), from);
            case GET_PEERS -> {
                byte[] token = isClose(q.target(), now) ? tokens.token(from.getAddress(), q.target()) : null;
                List<InetSocketAddress> values = store.peers(q.target(), MAX_VALUES_OUT, random, now);
                node.send(new Response(q.tid(), own, closestNodes(q.target(), now), List.of(), values, token,
                        DhtNode.VERSION), from);
            }
            case ANNOUNCE_PEER -> {
                if (!tokens.valid(q.token(), from.getAddress(), q.target())) {
                    counters.drop("bad-token");
                    node.send(new KrpcMessage.Error(q.tid(), KrpcMessage.Error.PROTOCOL, "bad token", DhtNode.VERSION),
                            from);
                    return;
                }
                // BEP 5: with implied_port=1 the source port is the peer's port (it sits behind a NAT).
                int port = q.impliedPort() ? from.getPort() : q.port();
                store.announce(q.target(), new InetSocketAddress(from.getAddress(), port), now);
                node.send(Response.of(q.tid(), own, DhtNode.VERSION), from);
            }
        }
    }

    /** BEP 5 find_node/get_peers "nodes": the K closest good nodes, or the closest live ones if fewer are good. */
    List<NodeInfo> closestNodes(NodeId target, long now) {
        List<NodeInfo> good = table.closest(target, RoutingTable.K, now, true);
        return good.size() >= RoutingTable.K ? good : table.closest(target, RoutingTable.K, now, false);
    }

    /** True if we are among the {@link #CLOSE_NODES} closest nodes we know to {@code infoHash}. */
    boolean isClose(NodeId infoHash, long now) {
        List<NodeInfo> closest = table.closest(infoHash, CLOSE_NODES, now, false);
        return closest.size() < CLOSE_NODES
                || infoHash.compareDistance(table.ownId(), closest.get(CLOSE_NODES - 1).id()) < 0;
    }
}
