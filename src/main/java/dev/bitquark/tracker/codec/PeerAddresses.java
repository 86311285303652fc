package dev.bitquark.tracker.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decoding of peer addresses in the compact forms of BEP 23 (IPv4: 4 address bytes + 2 port bytes)
 * and BEP 7 (IPv6: 16 + 2), and of textual IP literals from non-compact lists. Never resolves a
 * host name (a tracker must not make us do DNS lookups). Stateless and thread-safe.
 */
public final class PeerAddresses {
    /** Most peers we take from one response: more is never useful and caps what a tracker can make us hold. */
    public static final int MAX_PEERS = 3000;
    public static final int COMPACT_V4 = 6;
    public static final int COMPACT_V6 = 18;

    private PeerAddresses() {
    }

    /**
     * Appends the compact entries of {@code src[offset, offset+length)} to {@code out} until it holds
     * {@link #MAX_PEERS}. {@code entrySize} is {@link #COMPACT_V4} or {@link #COMPACT_V6}; the
     * caller has checked that {@code length} is a multiple of it. Entries with port 0 are skipped:
     * nobody can connect there.
     */
    public static void decodeCompact(byte[] src, int offset, int length, int entrySize, List<InetSocketAddress> out) {
        int addrLen = entrySize - 2;
        byte[] addr = new byte[addrLen];
        for (int p = offset; p + entrySize <= offset + length && out.size() < MAX_PEERS; p += entrySize) {
            int port = ((src[p + addrLen] & 0xFF) << 8) | (src[p + addrLen + 1] & 0xFF);
            if (port == 0) {
                continue;
            }
            System.arraycopy(src, p, addr, 0, addrLen);
            out.add(new InetSocketAddress(toAddress(addr), port));
        }
    }

    /**
     * Parses a textual IPv4 ({@code 1.2.3.4}) or IPv6 literal, or returns null for anything else
     * (including host names, which we refuse to resolve).
     */
    public static InetAddress parseLiteral(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                // Hex digits, colons, and dots for an embedded IPv4 tail; no zone ids, no names.
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
            try {
                // A string with ':' is only ever parsed as an IPv6 literal, never looked up.
                return InetAddress.getByName("[" + s + "]");
            } catch (UnknownHostException | RuntimeException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return toAddress(b);
    }

    private static InetAddress toAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            // Only thrown for lengths other than 4 or 16, which callers never pass.
            throw new IllegalStateException("bad address length " + raw.length, e);
        }
    }
}
