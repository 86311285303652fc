package dev.bitquark.dht.krpc;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.dht.krpc.KrpcMessage.Error;
import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KRPC over bencode (BEP 5), bounded before allocation: a packet over {@value #MAX_PACKET} bytes is
 * not decoded at all, the bencode decoder runs with {@link #LIMITS}, and each field is checked
 * against its cap before it is copied into a message. {@link #decode} never throws: every refusal
 * is a {@link Decoded} with a short reason ("too-large", "not-bencode", "bad-id", ...) for the
 * node's counters. Stateless and thread-safe.
 */
public final class KrpcCodec {
    /** One Ethernet MTU: KRPC messages fit one UDP datagram and real ones stay well below. */
    public static final int MAX_PACKET = 1500;
    public static final int MAX_TID = 20;
    public static final int MAX_TOKEN = 64;
    /** A response carries the K=8 closest nodes (BEP 5); 16 leaves room for generous implementations. */
    public static final int MAX_NODES = 16;
    /** libtorrent answers at most 100 values ({@code dht_max_peers_reply}); more is not honest. */
    public static final int MAX_VALUES = 100;
    public static final int MAX_VERSION = 16;
    public static final int MAX_MESSAGE = 256;

    /**
     * Message, argument dictionary, values list: depth 3 suffices, 4 leaves room for extensions. At
     * most 1,500 bytes make at most ~500 values, so the token cap only ends pathological nesting
     * early; keys in any order, as several clients send them unsorted.
     */
    public static final BencodeLimits LIMITS = new BencodeLimits(4, 512, MAX_PACKET, false);

    private KrpcCodec() {
    }

    public static byte[] encode(KrpcMessage message) {
        BDict.Builder top = BDict.builder().put("t", message.tid());
        switch (message) {
            case Query q -> {
                BDict.Builder a = BDict.builder().put("id", q.id().toBytes());
                switch (q.method()) {
                    case PING -> { }
                    case FIND_NODE -> a.put("target", q.target().toBytes());
                    case GET_PEERS -> a.put("info_hash", q.target().toBytes());
                    case ANNOUNCE_PEER -> {
                        a.put("info_hash", q.target().toBytes()).put("port", q.port()).put("token", q.token());
                        if (q.impliedPort()) {
                            a.put("implied_port", 1);
                        }
                    }
                }
                if (q.readOnly()) {
                    a.put("ro", 1);
                }
                if (!q.want().isEmpty()) {
                    a.put("want", new BList(q.want().stream().map(w -> (BValue) BBytes.of(w)).toList()));
                }
                top.put("y", "q").put("q", q.method().wireName).put("a", a.build());
            }
            case Response r -> {
                BDict.Builder body = BDict.builder().put("id", r.id().toBytes());
                if (!r.nodes().isEmpty()) {
                    body.put("nodes", Compact.nodes(r.nodes(), false));
                }
                if (!r.nodes6().isEmpty()) {
                    body.put("nodes6", Compact.nodes(r.nodes6(), true));
                }
                if (r.token() != null) {
                    body.put("token", r.token());
                }
                if (!r.values().isEmpty()) {
                    body.put("values", new BList(r.values().stream().map(p -> (BValue) BBytes.of(Compact.peer(p))).toList()));
                }
                top.put("y", "r").put("r", body.build());
            }
            case Error e -> top.put("y", "e").put("e", BList.of(new BInt(e.code()), BBytes.of(e.message())));
        }
        if (message.version() != null) {
            top.put("v", message.version());
        }
        return BEncoder.encode(top.build());
    }

    /** Decodes the first {@code length} bytes of {@code data}; never throws. */
    public static Decoded decode(byte[] data, int length) {
        if (length > MAX_PACKET) {
            return Decoded.drop("too-large"); // checked first: a transport may hand over only a prefix of a big datagram
        }
        if (data == null || length < 0 || length > data.length) {
            return Decoded.drop("bad-length");
        }
        BDict top;
        try {
            if (!(BDecoder.decode(data, 0, length, LIMITS) instanceof BDict d)) {
                return Decoded.drop("not-dict");
            }
            top = d;
        } catch (BencodeException e) {
            return Decoded.drop("not-bencode");
        }
        if (!(top.get("t") instanceof BBytes t) || t.length() < 1 || t.length() > MAX_TID) {
            return Decoded.drop("bad-tid");
        }
        byte[] tid = t.asBytes();
        byte[] version = null;
        if (top.get("v") instanceof BBytes v && v.length() <= MAX_VERSION) {
            version = v.asBytes(); // informative only: never required (BEP 5 "v" is optional)
        }
        if (!(top.get("y") instanceof BBytes y) || y.length() != 1) {
            return Decoded.drop("bad-type");
        }
        return switch (y.byteAt(0)) {
            case 'q' -> query(top, tid, version);
            case 'r' -> response(top, tid, version);
            case 'e' -> error(top, tid, version);
            default -> Decoded.drop("bad-type");
        };
    }

    private static Decoded query(BDict top, byte[] tid, byte[] version) {
        if (!(top.get("q") instanceof BBytes q) || q.length() > 32) {
            return Decoded.answer("bad-method", tid, Error.PROTOCOL, "missing or invalid q");
        }
        Method method = Method.of(q.asLatin1());
        if (method == null) {
            return Decoded.answer("unknown-method", tid, Error.METHOD_UNKNOWN, "method unknown");
        }
        if (!(top.get("a") instanceof BDict a)) {
            return Decoded.answer("bad-args", tid, Error.PROTOCOL, "missing or invalid a");
        }
        NodeId id = id(a, "id");
        if (id == null) {
            return Decoded.answer("bad-id", tid, Error.PROTOCOL, "invalid id");
        }
        boolean readOnly = a.get("ro") instanceof BInt ro && ro.value() == 1;
        List<String> want = want(a);
        NodeId target = null;
        byte[] token = null;
        int port = 0;
        boolean implied = false;
        switch (method) {
            case PING -> { }
            case FIND_NODE -> {
                target = id(a, "target");
                if (target == null) {
                    return Decoded.answer("bad-target", tid, Error.PROTOCOL, "invalid target");
                }
            }
            case GET_PEERS, ANNOUNCE_PEER -> {
                target = id(a, "info_hash");
                if (target == null) {
                    return Decoded.answer("bad-info-hash", tid, Error.PROTOCOL, "invalid info_hash");
                }
            }
        }
        if (method == Method.ANNOUNCE_PEER) {
            if (!(a.get("token") instanceof BBytes tk) || tk.length() == 0 || tk.length() > MAX_TOKEN) {
                return Decoded.answer("bad-token-field", tid, Error.PROTOCOL, "missing or invalid token");
            }
            token = tk.asBytes();
            implied = a.get("implied_port") instanceof BInt ip && ip.value() == 1;
            BValue p = a.get("port");
            if (p instanceof BInt pi && pi.value() >= 1 && pi.value() <= 65535) {
                port = (int) pi.value();
            } else if (!implied || (p != null && !(p instanceof BInt))) {
                return Decoded.answer("bad-port", tid, Error.PROTOCOL, "invalid port");
            }
        }
        return Decoded.ok(new Query(tid, method, id, target, token, port, implied, readOnly, want, version));
    }

    private static Decoded response(BDict top, byte[] tid, byte[] version) {
        if (!(top.get("r") instanceof BDict r)) {
            return Decoded.drop("bad-response");
        }
        NodeId id = id(r, "id");
        if (id == null) {
            return Decoded.drop("bad-id");
        }
        List<NodeInfo> nodes = List.of();
        List<NodeInfo> nodes6 = List.of();
        BValue n = r.get("nodes");
        if (n != null) {
            if (!(n instanceof BBytes nb) || nb.length() % Compact.NODE4 != 0) {
                return Decoded.drop("bad-nodes");
            }
            if (nb.length() / Compact.NODE4 > MAX_NODES) {
                return Decoded.drop("too-many-nodes");
            }
            nodes = Compact.nodes(nb.asBytes(), false);
        }
        BValue n6 = r.get("nodes6");
        if (n6 != null) {
            if (!(n6 instanceof BBytes nb) || nb.length() % Compact.NODE6 != 0) {
                return Decoded.drop("bad-nodes");
            }
            if (nb.length() / Compact.NODE6 > MAX_NODES) {
                return Decoded.drop("too-many-nodes");
            }
            nodes6 = Compact.nodes(nb.asBytes(), true);
        }
        byte[] token = null;
        BValue tk = r.get("token");
        if (tk != null) {
            if (!(tk instanceof BBytes tb) || tb.length() == 0 || tb.length() > MAX_TOKEN) {
                return Decoded.drop("bad-token-field");
            }
            token = tb.asBytes();
        }
        List<InetSocketAddress> values = List.of();
        BValue vs = r.get("values");
        if (vs != null) {
            if (!(vs instanceof BList list)) {
                return Decoded.drop("bad-values");
            }
            if (list.size() > MAX_VALUES) {
                return Decoded.drop("too-many-values");
            }
            values = new ArrayList<>(list.size());
            for (BValue v : list.values()) {
                // BEP 5 values are 6-byte compact peers; anything else (BEP 32 18-byte ones, junk) is skipped.
                if (v instanceof BBytes b && b.length() == Compact.PEER4) {
                    InetSocketAddress peer = Compact.peer(b.asBytes(), 0, Compact.PEER4);
                    if (peer != null) {
                        values.add(peer);
                    }
                }
            }
        }
        return Decoded.ok(new Response(tid, id, nodes, nodes6, values, token, version));
    }

    private static Decoded error(BDict top, byte[] tid, byte[] version) {
        if (!(top.get("e") instanceof BList e) || e.size() < 2 || !(e.get(0) instanceof BInt code)
                || !(e.get(1) instanceof BBytes msg) || msg.length() > MAX_MESSAGE
                || code.value() < 0 || code.value() > 999) {
            return Decoded.drop("bad-error");
        }
        return Decoded.ok(new Error(tid, (int) code.value(), new String(msg.asBytes(), StandardCharsets.UTF_8), version));
    }

    /** A 20-byte id at {@code key}, or null if absent, of another type or another length. */
    private static NodeId id(BDict d, String key) {
        return d.get(key) instanceof BBytes b && b.length() == NodeId.LENGTH ? NodeId.of(b.asBytes()) : null;
    }

    private static List<String> want(BDict a) {
        if (!(a.get("want") instanceof BList w)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (BValue v : w.values()) {
            if (out.size() < 4 && v instanceof BBytes b && b.length() <= 4) {
                out.add(b.asLatin1());
            }
        }
        return out;
    }
}
