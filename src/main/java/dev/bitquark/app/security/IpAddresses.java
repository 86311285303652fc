package dev.bitquark.app.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP literals without name resolution. {@link InetAddress#getByName} would query DNS for anything
 * that is not a literal, which must never happen for a Host or X-Forwarded-For value an attacker
 * chose, so input is screened first: IPv4 only as four decimal octets, IPv6 only when it contains a
 * colon (a host name never does, so the JDK parses it as a literal or fails). Stateless.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** The address written by {@code text} ({@code 1.2.3.4}, {@code ::1}, {@code [::1]}), or null. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
            if (s.indexOf(':') < 0) {
                return null;
            }
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                boolean ok = ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0;
                if (!ok) {
                    return null; // zone ids (%eth0) are not accepted either
                }
            }
            try {
                InetAddress a = InetAddress.getByName(s);
                return a instanceof Inet6Address || a instanceof Inet4Address ? a : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return parseIpv4(s);
    }

    private static InetAddress parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char ch = i < s.length() ? s.charAt(i) : '.';
            if (ch == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (ch >= '0' && ch <= '9') {
                if (digits == 3 || (digits == 1 && value == 0)) {
                    return null; // no leading zeros: 010 is octal to some parsers
                }
                value = (value < 0 ? 0 : value * 10) + (ch - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        if (part != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The key the login limiter counts under: the whole IPv4 address, or the /64 prefix of an IPv6
     * address (one subscriber usually holds a whole /64, so counting per address would let a single
     * attacker rotate through 2^64 keys). IPv4-mapped IPv6 addresses count as their IPv4 address.
     */
    public static String clientKey(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }

    /**
     * True for addresses in a CIDR block. {@code prefix} is the number of leading bits compared.
     */
    static boolean inBlock(InetAddress address, byte[] network, int prefix) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
