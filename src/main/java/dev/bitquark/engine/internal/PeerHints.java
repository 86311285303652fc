package dev.bitquark.engine.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The peers a magnet link names ({@code x.pe}): addresses read without a DNS lookup, and known peers matched to them. */
final class PeerHints {
    private PeerHints() {}

    /** An IPv4 or IPv6 literal as an address (no DNS lookup), or null for a host name. */
    static InetAddress ipLiteral(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                return InetAddress.getByName(host); // an IPv6 literal is parsed, never looked up
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether a known peer is the hinted one (same port; the same host name, or its address written out). */
    static boolean same(InetSocketAddress known, InetSocketAddress hint) {
        return known.getPort() == hint.getPort() && (known.getHostString().equals(hint.getHostString())
                || known.getAddress() != null && known.getAddress().getHostAddress().equals(hint.getHostString()));
    }
}
