package dev.bitquark.dht;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDecoder;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.bencode.BencodeException;
import dev.bitquark.bencode.BencodeLimits;
import dev.bitquark.dht.krpc.Compact;
import dev.bitquark.dht.krpc.NodeId;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a DHT node keeps across restarts: its id (BEP 5 nodes keep their id so the network's
 * routing tables stay right), up to {@value #MAX_NODES} live nodes to bootstrap from, and the
 * announces it stores, with absolute expiry in wall-clock milliseconds. Immutable once built; the
 * byte arrays must not be changed.
 *
 * <p>Encoded as bencode: {@code {"v": 1, "id": 20 bytes, "nodes": compact 26-byte node infos,
 * "peers": [{"h": info-hash, "p": 14-byte entries (6-byte compact peer, 8-byte expiry)}]}}.
 */
public record DhtState(byte[] nodeId, List<Node> nodes, List<StoredPeer> storedPeers) {
    public static final int MAX_NODES = 200;
    public static final int MAX_INFO_HASHES = 10_000;
    public static final int MAX_PEERS_PER_INFO_HASH = 1_000;
    /** Larger input is refused before it is decoded. */
    public static final int MAX_ENCODED = 16 * 1024 * 1024;
    private static final int PEER_ENTRY = Compact.PEER4 + Long.BYTES;
    private static final BencodeLimits LIMITS = new BencodeLimits(3, 4 * MAX_INFO_HASHES + 100,
            MAX_PEERS_PER_INFO_HASH * PEER_ENTRY, true);

    /** A node to contact at bootstrap. */
    public record Node(byte[] id, InetSocketAddress address) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(address, "address");
        }
    }

    /** A peer announced to us for {@code infoHash}, valid until {@code expiresAtMillis}. */
    public record StoredPeer(byte[] infoHash, InetSocketAddress peer, long expiresAtMillis) {
        public StoredPeer {
            Objects.requireNonNull(infoHash, "infoHash");
            Objects.requireNonNull(peer, "peer");
        }
    }

    public DhtState {
        if (nodeId == null || nodeId.length != NodeId.LENGTH) {
            throw new IllegalArgumentException("node id must be 20 bytes");
        }
        nodes = List.copyOf(nodes);
        storedPeers = List.copyOf(storedPeers);
    }

    public byte[] encode() {
        List<BValue> peers = new ArrayList<>();
        Map<String, ByteArrayOutputStream> byHash = new LinkedHashMap<>();
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        for (StoredPeer p : storedPeers) {
            if (!Compact.isV4(p.peer()) || p.infoHash().length != NodeId.LENGTH) {
                continue;
            }
            String key = HexFormat.of().formatHex(p.infoHash());
            ByteArrayOutputStream out = byHash.computeIfAbsent(key, k -> new ByteArrayOutputStream());
            if (out.size() >= MAX_PEERS_PER_INFO_HASH * PEER_ENTRY || (out.size() == 0 && byHash.size() > MAX_INFO_HASHES)) {
                continue;
            }
            hashes.putIfAbsent(key, p.infoHash());
            out.writeBytes(Compact.peer(p.peer()));
            out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(p.expiresAtMillis()).array());
        }
        for (Map.Entry<String, ByteArrayOutputStream> e : byHash.entrySet()) {
            if (e.getValue().size() > 0) {
                peers.add(BDict.builder().put("h", hashes.get(e.getKey())).put("p", e.getValue().toByteArray()).build());
            }
        }
        List<dev.bitquark.dht.krpc.NodeInfo> infos = new ArrayList<>();
        for (Node n : nodes) {
            if (infos.size() < MAX_NODES && n.id().length == NodeId.LENGTH && Compact.isV4(n.address())) {
                infos.add(new dev.bitquark.dht.krpc.NodeInfo(NodeId.of(n.id()), n.address()));
            }
        }
        return BEncoder.encode(BDict.builder().put("v", 1).put("id", nodeId)
                .put("nodes", Compact.nodes(infos, false)).put("peers", new BList(peers)).build());
    }

    /**
     * Decodes {@link #encode()}'s output. Bounded: over {@value #MAX_ENCODED} bytes, too many nodes,
     * info-hashes or peers, or anything malformed is refused with a message saying what; the caller
     * then starts with a fresh state.
     */
    public static DhtState decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("DHT state is empty");
        }
        if (data.length > MAX_ENCODED) {
            throw new IllegalArgumentException("DHT state too large: " + data.length + " bytes, limit " + MAX_ENCODED);
        }
        BDict d;
        try {
            d = BDecoder.decodeDict(data, LIMITS);
        } catch (BencodeException e) {
            throw new IllegalArgumentException("DHT state is not valid bencode: " + e.getMessage(), e);
        }
        if (!(d.get("v") instanceof BInt v) || v.value() != 1) {
            throw new IllegalArgumentException("DHT state has an unknown version: " + d.get("v"));
        }
        if (!(d.get("id") instanceof BBytes id) || id.length() != NodeId.LENGTH) {
            throw new IllegalArgumentException("DHT state has no 20-byte node id");
        }
        if (!(d.get("nodes") instanceof BBytes nb) || nb.length() % Compact.NODE4 != 0) {
            throw new IllegalArgumentException("DHT state nodes are not a multiple of 26 bytes");
        }
        if (nb.length() / Compact.NODE4 > MAX_NODES) {
            throw new IllegalArgumentException("DHT state has more than " + MAX_NODES + " nodes");
        }
        List<Node> nodes = new ArrayList<>();
        for (var n : Compact.nodes(nb.asBytes(), false)) {
            nodes.add(new Node(n.id().toBytes(), n.address()));
        }
        if (!(d.get("peers") instanceof BList peers)) {
            throw new IllegalArgumentException("DHT state has no peers list");
        }
        if (peers.size() > MAX_INFO_HASHES) {
            throw new IllegalArgumentException("DHT state has more than " + MAX_INFO_HASHES + " info-hashes");
        }
        List<StoredPeer> stored = new ArrayList<>();
        for (BValue pv : peers.values()) {
            if (!(pv instanceof BDict pd) || !(pd.get("h") instanceof BBytes h) || h.length() != NodeId.LENGTH
                    || !(pd.get("p") instanceof BBytes p) || p.length() % PEER_ENTRY != 0) {
                throw new IllegalArgumentException("DHT state has a malformed stored-peers entry");
            }
            byte[] raw = p.asBytes();
            byte[] ih = h.asBytes();
            for (int at = 0; at < raw.length; at += PEER_ENTRY) {
                InetSocketAddress peer = Compact.peer(raw, at, Compact.PEER4);
                long expiry = ByteBuffer.wrap(raw, at + Compact.PEER4, Long.BYTES).getLong();
                if (peer != null) {
                    stored.add(new StoredPeer(ih, peer, expiry));
                }
            }
        }
        return new DhtState(id.asBytes(), nodes, stored);
    }
}
