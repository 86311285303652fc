package dev.bitquark.dht.store;

import dev.bitquark.dht.krpc.NodeId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The peers other nodes announced to us (BEP 5 announce_peer), by info-hash. An announce lives
 * {@value #TTL_MILLIS} ms (30 minutes, as libtorrent and BEP 5 practice: announcers re-announce
 * well within it) unless renewed.
 *
 * <p>Bounded: at most {@code maxInfoHashes} info-hashes and {@code maxPeersPerInfoHash} peers each.
 * When full, a new info-hash evicts the one whose last announce is oldest (libtorrent instead drops
 * the torrent with the fewest peers; the oldest activity is O(1) to find here and is the entry
 * closest to expiring anyway). A full info-hash replaces the peer that announced longest ago. Peers
 * are IPv4 only and packed as {@code ip << 16 | port} with their expiry in two long arrays, 16
 * bytes a peer. Not thread-safe.
 */
public final class PeerStore {
    public static final long TTL_MILLIS = 30 * 60_000L;

    /** One stored announce, for persistence. */
    public record Stored(NodeId infoHash, InetSocketAddress peer, long expiresAt) {
    }

    private static final class Swarm {
        long[] peers = new long[4];
        long[] expiry = new long[4];
        int size;
    }

    private final int maxInfoHashes;
    private final int maxPeersPerInfoHash;
    /** Insertion order = announce activity order: an announce moves its info-hash to the end. */
    private final LinkedHashMap<NodeId, Swarm> swarms = new LinkedHashMap<>();
    private int peerCount;

    public PeerStore(int maxInfoHashes, int maxPeersPerInfoHash) {
        if (maxInfoHashes < 1 || maxPeersPerInfoHash < 1) {
            throw new IllegalArgumentException("caps must be positive");
        }
        this.maxInfoHashes = maxInfoHashes;
        this.maxPeersPerInfoHash = maxPeersPerInfoHash;
    }

    /** Stores {@code peer} for {@code infoHash} until {@code now + TTL}; false if refused (not IPv4). */
    public boolean announce(NodeId infoHash, InetSocketAddress peer, long now) {
        return put(infoHash, peer, now + TTL_MILLIS);
    }

    /** Restores a saved announce; one already expired at {@code now} is dropped. */
    public boolean restore(NodeId infoHash, InetSocketAddress peer, long expiresAt, long now) {
        return expiresAt > now && put(infoHash, peer, Math.min(expiresAt, now + TTL_MILLIS));
    }

    private boolean put(NodeId infoHash, InetSocketAddress peer, long expiresAt) {
        if (!(peer.getAddress() instanceof Inet4Address) || peer.getPort() == 0) {
            return false;
        }
        long key = key(peer);
        Swarm s = swarms.remove(infoHash);
        if (s == null) {
            if (swarms.size() >= maxInfoHashes) {
                Iterator<Map.Entry<NodeId, Swarm>> eldest = swarms.entrySet().iterator();
                peerCount -= eldest.next().getValue().size;
                eldest.remove();
            }
            s = new Swarm();
        }
        swarms.put(infoHash, s);
        for (int i = 0; i < s.size; i++) {
            if (s.peers[i] == key) {
                s.expiry[i] = Math.max(s.expiry[i], expiresAt);
                return true;
            }
        }
        if (s.size >= maxPeersPerInfoHash) {
            int oldest = 0;
            for (int i = 1; i < s.size; i++) {
                if (s.expiry[i] < s.expiry[oldest]) {
                    oldest = i;
                }
            }
            s.peers[oldest] = key;
            s.expiry[oldest] = expiresAt;
            return true;
        }
        if (s.size == s.peers.length) {
            int grown = Math.min(maxPeersPerInfoHash, s.size * 2);
            s.peers = Arrays.copyOf(s.peers, grown);
            s.expiry = Arrays.copyOf(s.expiry, grown);
        }
        s.peers[s.size] = key;
        s.expiry[s.size] = expiresAt;
        s.size++;
        peerCount++;
        return true;
    }

    /** Up to {@code max} live peers of {@code infoHash}, a random subset when there are more. */
    public List<InetSocketAddress> peers(NodeId infoHash, int max, RandomGenerator random, long now) {
        Swarm s = swarms.get(infoHash);
        if (s == null) {
            return List.of();
        }
        int[] live = new int[s.size];
        int n = 0;
        for (int i = 0; i < s.size; i++) {
            if (s.expiry[i] > now) {
                live[n++] = i;
            }
        }
        int take = Math.min(max, n);
        List<InetSocketAddress> out = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(n - i); // partial Fisher-Yates
            int t = live[i];
            live[i] = live[j];
            live[j] = t;
            out.add(address(s.peers[live[i]]));
        }
        return out;
    }

    /** Drops every announce that expired at {@code now}, and info-hashes left empty. */
    public void expire(long now) {
        for (Iterator<Swarm> it = swarms.values().iterator(); it.hasNext(); ) {
            Swarm s = it.next();
            int kept = 0;
            for (int i = 0; i < s.size; i++) {
                if (s.expiry[i] > now) {
                    s.peers[kept] = s.peers[i];
                    s.expiry[kept] = s.expiry[i];
                    kept++;
                }
            }
            peerCount -= s.size - kept;
            s.size = kept;
            if (kept == 0) {
                it.remove();
            } else if (kept * 4 < s.peers.length && s.peers.length > 4) {
                s.peers = Arrays.copyOf(s.peers, Math.max(4, kept * 2));
                s.expiry = Arrays.copyOf(s.expiry, s.peers.length);
            }
        }
    }

    public int infoHashes() {
        return swarms.size();
    }

    public int peers() {
        return peerCount;
    }

    /** Every stored announce, for persistence. */
    public List<Stored> snapshot(long now) {
        List<Stored> out = new ArrayList<>(peerCount);
        for (Map.Entry<NodeId, Swarm> e : swarms.entrySet()) {
            Swarm s = e.getValue();
            for (int i = 0; i < s.size; i++) {
                if (s.expiry[i] > now) {
                    out.add(new Stored(e.getKey(), address(s.peers[i]), s.expiry[i]));
                }
            }
        }
        return out;
    }

    private static long key(InetSocketAddress peer) {
        byte[] ip = peer.getAddress().getAddress();
        long v = 0;
        for (byte b : ip) {
            v = (v << 8) | (b & 0xFF);
        }
        return (v << 16) | peer.getPort();
    }

    private static InetSocketAddress address(long key) {
        byte[] ip = {(byte) (key >>> 40), (byte) (key >>> 32), (byte) (key >>> 24), (byte) (key >>> 16)};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), (int) (key & 0xFFFF));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }
}
