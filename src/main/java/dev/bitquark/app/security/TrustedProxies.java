package dev.bitquark.app.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} headers are believed ({@code bitquark.http.trusted-proxies}: addresses
 * and CIDR blocks, default none). From anyone else those headers are ignored: a client could
 * otherwise pick its own address and walk around the login limiter. Loopback is not trusted by
 * default either: a sidecar in the same pod reaches us from 127.0.0.1. Immutable, thread-safe.
 */
public final class TrustedProxies {
    private record Block(byte[] network, int prefix) {
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /**
     * @param entries e.g. {@code 10.0.0.0/8}, {@code 192.168.1.2}, {@code fd00::/8}
     * @throws IllegalArgumentException naming the entry that is not an address or block
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Block> out = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            InetAddress a = IpAddresses.parse(slash < 0 ? e : e.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException("bitquark.http.trusted-proxies: '" + e
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
            int max = a.getAddress().length * 8;
            int prefix = max;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("bitquark.http.trusted-proxies: '" + e
                            + "' has a prefix length outside 0.." + max);
                }
            }
            out.add(new Block(a.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(out));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        for (Block b : blocks) {
            if (IpAddresses.inBlock(address, b.network, b.prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client a request came from. {@code forwardedFor} is the comma-joined X-Forwarded-For value
     * (or null); it is read right to left, skipping trusted proxies, and only when {@code peer} itself
     * is trusted. An entry that is not an IP literal stops the walk at the last trusted hop.
     */
    public InetAddress clientOf(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",", 64);
        InetAddress current = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = IpAddresses.parse(hops[i].strip());
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return current;
    }
}
