package dev.bitquark.dht.krpc;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A DHT node as "compact node info" carries it (BEP 5): its id and its UDP address. Immutable. */
public record NodeInfo(NodeId id, InetSocketAddress address) {
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }
}
