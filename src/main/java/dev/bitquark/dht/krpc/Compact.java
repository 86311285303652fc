package dev.bitquark.dht.krpc;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact encodings of BEP 5 ("Contact information for peers is encoded as a 6-byte string ...
 * for nodes as a 26-byte string") and their IPv6 forms of BEP 32 (18-byte peers, 38-byte
 * {@code nodes6}). Stateless.
 */
public final class Compact {
    public static final int PEER4 = 6;
    public static final int PEER6 = 18;
    public static final int NODE4 = NodeId.LENGTH + PEER4;
    public static final int NODE6 = NodeId.LENGTH + PEER6;

    private Compact() {
    }

    /** The compact form of {@code address}: 6 bytes for IPv4, 18 for IPv6. */
    public static byte[] peer(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] out = new byte[ip.length + 2];
        System.arraycopy(ip, 0, out, 0, ip.length);
        out[ip.length] = (byte) (address.getPort() >>> 8);
        out[ip.length + 1] = (byte) address.getPort();
        return out;
    }

    /** The address in {@code length} (6 or 18) bytes at {@code offset}, or null if its port is 0. */
    public static InetSocketAddress peer(byte[] src, int offset, int length) {
        if (length != PEER4 && length != PEER6) {
            throw new IllegalArgumentException("compact peer must be 6 or 18 bytes, got " + length);
        }
        int ipLength = length - 2;
        byte[] ip = new byte[ipLength];
        System.arraycopy(src, offset, ip, 0, ipLength);
        int port = ((src[offset + ipLength] & 0xFF) << 8) | (src[offset + ipLength + 1] & 0xFF);
        if (port == 0) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** Concatenated 26-byte (IPv4) or 38-byte (IPv6) node infos; nodes of the other family are left out. */
    public static byte[] nodes(List<NodeInfo> nodes, boolean ipv6) {
        int size = ipv6 ? NODE6 : NODE4;
        List<NodeInfo> fitting = new ArrayList<>(nodes.size());
        for (NodeInfo n : nodes) {
            if (isV6(n.address()) == ipv6) {
                fitting.add(n);
            }
        }
        byte[] out = new byte[fitting.size() * size];
        int at = 0;
        for (NodeInfo n : fitting) {
            n.id().copyTo(out, at);
            byte[] p = peer(n.address());
            System.arraycopy(p, 0, out, at + NodeId.LENGTH, p.length);
            at += size;
        }
        return out;
    }

    /**
     * The node infos in {@code data}, whose length the caller checked is a multiple of the entry size;
     * entries with port 0 are skipped (they cannot be contacted).
     */
    public static List<NodeInfo> nodes(byte[] data, boolean ipv6) {
        int size = ipv6 ? NODE6 : NODE4;
        if (data.length % size != 0) {
            throw new IllegalArgumentException("compact nodes length " + data.length + " is not a multiple of " + size);
        }
        List<NodeInfo> out = new ArrayList<>(data.length / size);
        for (int at = 0; at < data.length; at += size) {
            InetSocketAddress a = peer(data, at + NodeId.LENGTH, size - NodeId.LENGTH);
            if (a != null) {
                out.add(new NodeInfo(NodeId.of(data, at), a));
            }
        }
        return out;
    }

    public static boolean isV6(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address;
    }

    public static boolean isV4(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address;
    }
}
