package dev.bitquark.dht;

import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.limit.TokenBucket;
import dev.bitquark.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Our outgoing queries (BEP 5 KRPC): transaction ids, the global rate limit, timeouts, and what
 * answers mean for the routing table. An answer is matched by transaction id <em>and</em> by the
 * address the query went to, so a third party cannot answer for a node (anti-spoofing). At most
 * {@value #MAX_PENDING} queries are outstanding; over the rate limit, queries wait in a bounded
 * queue (lookups just go slower) except droppable pings, which are dropped. Not thread-safe.
 */
final class Rpc {
    static final long TIMEOUT_MILLIS = 2_000;
    static final int MAX_PENDING = 256;
    static final int MAX_QUEUED = 1_024;
    /** A hint (PORT message, unknown querier) is pinged at most once in this time. */
    static final long HINT_INTERVAL_MILLIS = 5 * 60_000L;
    static final int MAX_HINTS_TRACKED = 2_048;

    /** What the sender of a query hears back; exactly one method is called, unless the owner was cancelled. */
    interface Callback {
        void onResponse(Response r);

        /** A KRPC error, a timeout, an answer from the wrong node, or the queue was full. */
        void onFailure();
    }

    static final Callback IGNORE = new Callback() {
        @Override
        public void onResponse(Response r) {
        }

        @Override
        public void onFailure() {
        }
    };

    /** A query to send; {@code expectedId} null when we do not know the node's id (routers, hints). */
    record Outgoing(Method method, NodeId target, byte[] token, int port, boolean impliedPort,
                    InetSocketAddress to, NodeId expectedId, boolean addToTable, boolean droppable,
                    Object owner, Callback callback) {
    }

    private static final class Pending {
        final Outgoing out;
        final long sentAt;

        Pending(Outgoing out, long sentAt) {
            this.out = out;
            this.sentAt = sentAt;
        }
    }

    private final DhtNode node;
    private final RoutingTable table;
    private final RandomGenerator random;
    private final Counters counters;
    private final TokenBucket limit;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final LinkedHashMap<InetSocketAddress, Long> hinted = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Long> eldest) {
            return size() > MAX_HINTS_TRACKED;
        }
    };

    Rpc(DhtNode node, RoutingTable table, RandomGenerator random, Counters counters, int queriesPerSecond, long now) {
        this.node = node;
        this.table = table;
        this.random = random;
        this.counters = counters;
        this.limit = new TokenBucket(queriesPerSecond, queriesPerSecond, now);
    }

    void query(Outgoing o, long now) {
        if (queue.isEmpty() && pending.size() < MAX_PENDING && limit.tryTake(now)) {
            send(o, now);
            return;
        }
        counters.rateLimitedOut++;
        if (o.droppable()) {
            counters.drop("ping-over-limit");
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            counters.drop("queue-full");
            o.callback().onFailure();
            return;
        }
        queue.addLast(o);
    }

    /** Pings {@code address} to learn whether it is a live node; it joins the table if it answers. */
    void pingToVerify(InetSocketAddress address, long now) {
        if (address.getPort() == 0 || address.isUnresolved()) {
            return;
        }
        Long last = hinted.get(address);
        if (last != null && now - last < HINT_INTERVAL_MILLIS) {
            return;
        }
        hinted.put(address, now);
        query(new Outgoing(Method.PING, null, null, 0, false, address, null, true, true, null, IGNORE), now);
    }

    /** Pings a questionable member on behalf of a newcomer (BEP 5): its failure lets the newcomer in. */
    void pingMember(NodeInfo n, long now) {
        query(new Outgoing(Method.PING, null, null, 0, false, n.address(), n.id(), true, true, null, IGNORE), now);
    }

    private void send(Outgoing o, long now) {
        int tidValue;
        do {
            tidValue = random.nextInt();
        } while (pending.containsKey(tidValue));
        byte[] tid = {(byte) (tidValue >>> 24), (byte) (tidValue >>> 16), (byte) (tidValue >>> 8), (byte) tidValue};
        NodeId own = table.ownId();
        byte[] v = DhtNode.VERSION;
        Query q = switch (o.method()) {
            case PING -> Query.ping(tid, own, v);
            case FIND_NODE -> Query.findNode(tid, own, o.target(), v);
            case GET_PEERS -> Query.getPeers(tid, own, o.target(), v);
            case ANNOUNCE_PEER -> Query.announcePeer(tid, own, o.target(), o.port(), o.impliedPort(), o.token(), v);
        };
        pending.put(tidValue, new Pending(o, now));
        counters.queriesOut.add(now);
        node.send(q, o.to());
    }

    /** Sends queued queries as far as the rate limit and the pending cap allow. */
    void pump(long now) {
        while (!queue.isEmpty() && pending.size() < MAX_PENDING && limit.tryTake(now)) {
            send(queue.pollFirst(), now);
        }
    }

    /** Forgets the queued queries of {@code owner}; its pending ones are ignored by the owner itself. */
    void cancel(Object owner) {
        queue.removeIf(o -> o.owner() == owner);
    }

    void expire(long now) {
        List<Pending> timedOut = null;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.sentAt >= TIMEOUT_MILLIS) {
                it.remove();
                if (timedOut == null) {
                    timedOut = new ArrayList<>();
                }
                timedOut.add(p);
            }
        }
        if (timedOut != null) {
            for (Pending p : timedOut) {
                counters.drop("timeout");
                fail(p, now);
            }
        }
    }

    private void fail(Pending p, long now) {
        if (p.out.expectedId() != null) {
            table.onFailure(p.out.expectedId(), p.out.to(), now);
        }
        p.out.callback().onFailure();
    }

    /** A response or an error arrived from {@code from}. */
    void onAnswer(KrpcMessage m, InetSocketAddress from, long now) {
        byte[] t = m.tid();
        if (t.length != 4) {
            counters.drop("unknown-transaction");
            return;
        }
        int key = ((t[0] & 0xFF) << 24) | ((t[1] & 0xFF) << 16) | ((t[2] & 0xFF) << 8) | (t[3] & 0xFF);
        Pending p = pending.get(key);
        if (p == null) {
            counters.drop("unknown-transaction");
            return;
        }
        if (!p.out.to().equals(from)) {
            counters.drop("address-mismatch");
            return; // left pending: the real node may still answer
        }
        pending.remove(key);
        switch (m) {
            case Response r -> {
                if (p.out.expectedId() != null && !p.out.expectedId().equals(r.id())) {
                    counters.drop("id-mismatch");
                    fail(p, now);
                    return;
                }
                if (p.out.addToTable()) {
                    RoutingTable.Outcome o = table.onResponse(new NodeInfo(r.id(), from), false, now);
                    if (o.ping() != null) {
                        pingMember(o.ping(), now);
                    }
                }
                p.out.callback().onResponse(r);
            }
            case KrpcMessage.Error e -> {
                counters.drop("error-" + (e.code() >= 201 && e.code() <= 204 ? e.code() : "other"));
                p.out.callback().onFailure();
            }
            case Query q -> throw new IllegalStateException("queries are not answers");
        }
    }

    int pendingCount() {
        return pending.size();
    }

    int queuedCount() {
        return queue.size();
    }

    int hintsTracked() {
        return hinted.size();
    }
}
