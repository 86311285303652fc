package dev.bitquark.metainfo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Peer addresses written as text, {@code 1.2.3.4:6881} or {@code [2001:db8::1]:6881}, as the API and stored
 * state carry them. Only IP literals: a host name would need DNS, which must never run for a value a client or a
 * file chose (and never on an event loop). IPv4 as four decimal octets; IPv6 only in brackets, made of hex digits,
 * colons and dots (no zone ids). Stateless.
 */
public final class PeerAddress {
    /** Longest text accepted ({@code [IPv6]:port}). */
    public static final int MAX_LENGTH = 64;

    private PeerAddress() {
    }

    /** The resolved address {@code text} names, or null if it is not {@code ip:port} with a port 1..65535. */
    public static InetSocketAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                return null;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                return null; // an IPv6 literal needs brackets
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int p = Integer.parseInt(port);
        InetAddress address = text.startsWith("[") ? ipv6(host) : ipv4(host);
        return address == null || p < 1 || p > 65535 ? null : new InetSocketAddress(address, p);
    }

    /** {@code 1.2.3.4:6881} or {@code [2001:db8::1]:6881}. */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static InetAddress ipv6(String s) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0)) {
                return null;
            }
        }
        try {
            // Only hex digits, colons and dots: the JDK parses it as a literal or fails, never asks DNS.
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet6Address || a instanceof Inet4Address ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(part);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
