package dev.bitquark.dht.krpc;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One KRPC message (BEP 5, "KRPC Protocol"): a query ({@code y=q}), a response ({@code y=r}) or an
 * error ({@code y=e}). The byte arrays are owned by the record once built; callers must not change
 * them. {@code version} is the optional client version {@code v}, null when absent.
 */
public sealed interface KrpcMessage permits KrpcMessage.Query, KrpcMessage.Response, KrpcMessage.Error {

    /** Transaction id, 1..20 bytes, echoed by the answer. */
    byte[] tid();

    byte[] version();

    /** The four queries of BEP 5. */
    enum Method {
        PING("ping"), FIND_NODE("find_node"), GET_PEERS("get_peers"), ANNOUNCE_PEER("announce_peer");

        public final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }

        /** The method named {@code name} on the wire, or null if unknown. */
        public static Method of(String name) {
            for (Method m : values()) {
                if (m.wireName.equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * A query. {@code target} is the find_node {@code target} or the get_peers/announce_peer
     * {@code info_hash}, null for ping. {@code token}, {@code port} and {@code impliedPort} are for
     * announce_peer only (port 0 when absent). {@code readOnly} is BEP 43 {@code ro=1}; {@code want}
     * the BEP 32 list ("n4", "n6"), empty when absent.
     */
    record Query(byte[] tid, Method method, NodeId id, NodeId target, byte[] token, int port, boolean impliedPort,
                 boolean readOnly, List<String> want, byte[] version) implements KrpcMessage {
        public Query {
            Objects.requireNonNull(tid, "tid");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(id, "id");
            want = want == null ? List.of() : List.copyOf(want);
        }

        public static Query ping(byte[] tid, NodeId id, byte[] version) {
            return new Query(tid, Method.PING, id, null, null, 0, false, false, List.of(), version);
        }

        public static Query findNode(byte[] tid, NodeId id, NodeId target, byte[] version) {
            return new Query(tid, Method.FIND_NODE, id, target, null, 0, false, false, List.of(), version);
        }

        public static Query getPeers(byte[] tid, NodeId id, NodeId infoHash, byte[] version) {
            return new Query(tid, Method.GET_PEERS, id, infoHash, null, 0, false, false, List.of(), version);
        }

        public static Query announcePeer(byte[] tid, NodeId id, NodeId infoHash, int port, boolean impliedPort,
                                         byte[] token, byte[] version) {
            return new Query(tid, Method.ANNOUNCE_PEER, id, infoHash, token, port, impliedPort, false, List.of(),
                    version);
        }
    }

    /**
     * A response. {@code nodes} are IPv4 compact node infos, {@code nodes6} the BEP 32 IPv6 ones,
     * {@code values} the peers of get_peers; all empty when absent. {@code token} null when absent.
     */
    record Response(byte[] tid, NodeId id, List<NodeInfo> nodes, List<NodeInfo> nodes6,
                    List<InetSocketAddress> values, byte[] token, byte[] version) implements KrpcMessage {
        public Response {
            Objects.requireNonNull(tid, "tid");
            Objects.requireNonNull(id, "id");
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
            nodes6 = nodes6 == null ? List.of() : List.copyOf(nodes6);
            values = values == null ? List.of() : List.copyOf(values);
        }

        public static Response of(byte[] tid, NodeId id, byte[] version) {
            return new Response(tid, id, List.of(), List.of(), List.of(), null, version);
        }
    }

    /** An error: BEP 5 codes 201 generic, 202 server, 203 protocol, 204 method unknown. */
    record Error(byte[] tid, int code, String message, byte[] version) implements KrpcMessage {
        public static final int GENERIC = 201;
        public static final int SERVER = 202;
        public static final int PROTOCOL = 203;
        public static final int METHOD_UNKNOWN = 204;

        public Error {
            Objects.requireNonNull(tid, "tid");
            Objects.requireNonNull(message, "message");
        }
    }
}
