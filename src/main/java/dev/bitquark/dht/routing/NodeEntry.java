package dev.bitquark.dht.routing;

import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import java.net.InetSocketAddress;

/**
 * A node in a bucket or a replacement cache, with what BEP 5 needs to tell its state. Owned and
 * mutated by {@link RoutingTable} only; times are the injected clock's milliseconds (0 = never).
 */
public final class NodeEntry {
    /** BEP 5: "A good node is a node has responded to one of our queries within the last 15 minutes." */
    public static final long GOOD_FOR_MILLIS = 15 * 60_000L;
    /** BEP 5 tries once more before discarding: the second failure in a row makes a node bad. */
    public static final int FAILURES_TO_BAD = 2;

    final NodeInfo info;
    long lastResponse;
    long lastQuery;
    long lastPing;
    int failures;

    NodeEntry(NodeInfo info) {
        this.info = info;
    }

    public NodeInfo info() {
        return info;
    }

    public NodeId id() {
        return info.id();
    }

    public InetSocketAddress address() {
        return info.address();
    }

    public long lastResponse() {
        return lastResponse;
    }

    public int failures() {
        return failures;
    }

    /** The latest time we heard from this node at all. */
    long lastSeen() {
        return Math.max(lastResponse, lastQuery);
    }

    public NodeState state(long now) {
        if (failures >= FAILURES_TO_BAD) {
            return NodeState.BAD;
        }
        if (failures > 0 || lastResponse == 0) {
            return NodeState.QUESTIONABLE;
        }
        if (now - lastResponse < GOOD_FOR_MILLIS || now - lastQuery < GOOD_FOR_MILLIS) {
            return NodeState.GOOD;
        }
        return NodeState.QUESTIONABLE;
    }

    @Override
    public String toString() {
        return info.id().toHex().substring(0, 8) + "@" + info.address() + " f=" + failures;
    }
}
