package dev.bitquark.lsd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IPv4 subnets of the interfaces LSD listens on. Announces from outside them are dropped, as
 * libtorrent drops those outside its listen address's netmask: LSD is for the local network (BEP 14),
 * and a unicast packet from afar to the LSD port must not plant peers. Also which interfaces LSD uses,
 * and reading a sender's address without a name lookup.
 */
final class LocalNetworks {
    private record Subnet(byte[] address, int prefix) {
    }

    private final List<Subnet> subnets;

    private LocalNetworks(List<Subnet> subnets) {
        this.subnets = List.copyOf(subnets);
    }

    /** The IPv4 subnets of {@code interfaces}. */
    static LocalNetworks of(List<NetworkInterface> interfaces) {
        List<Subnet> subnets = new ArrayList<>();
        for (NetworkInterface ni : interfaces) {
            for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address a) {
                    int prefix = ia.getNetworkPrefixLength();
                    subnets.add(new Subnet(a.getAddress(), prefix < 0 || prefix > 32 ? 32 : prefix));
                }
            }
        }
        return new LocalNetworks(subnets);
    }

    /**
     * The interfaces LSD uses when none is named: up, multicast-capable, not loopback, with an IPv4
     * address (the group is IPv4).
     */
    static List<NetworkInterface> usable() throws SocketException {
        List<NetworkInterface> out = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback() && hasIpv4(ni)) {
                out.add(ni);
            }
        }
        return out;
    }

    /** The interface named {@code name}, or every {@link #usable()} one if it is null; fails if there is none. */
    static List<NetworkInterface> resolve(String name) throws SocketException {
        if (name != null) {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null || !LocalNetworks.hasIpv4(ni)) {
                throw new IllegalArgumentException("no network interface " + name + " with an IPv4 address");
            }
            return List.of(ni);
        }
        List<NetworkInterface> usable = LocalNetworks.usable();
        if (usable.isEmpty()) {
            throw new IllegalStateException("no interface is up, multicast-capable and has an IPv4 address");
        }
        return usable;
    }

    /** The IPv4 address of a dotted-quad string, or null (IPv6 or anything else); never a name lookup. */
    static InetAddress ipv4(String host) {
        if (host == null || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        String[] parts = host.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);  // four bytes are always an address
        }
    }

    static boolean hasIpv4(NetworkInterface ni) {
        return ni.getInterfaceAddresses().stream().anyMatch(ia -> ia.getAddress() instanceof Inet4Address);
    }

    /** Whether {@code address} is inside one of the subnets. */
    boolean contains(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] a = address.getAddress();
        for (Subnet s : subnets) {
            if (samePrefix(a, s.address(), s.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[whole] & mask) == (b[whole] & mask);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Subnet s : subnets) {
            try {
                sb.append(sb.isEmpty() ? "" : ", ").append(InetAddress.getByAddress(s.address()).getHostAddress())
                        .append('/').append(s.prefix());
            } catch (UnknownHostException e) {
                throw new AssertionError(e);  // four bytes are always an address
            }
        }
        return sb.toString();
    }
}
