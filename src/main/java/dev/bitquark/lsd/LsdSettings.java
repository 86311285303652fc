package dev.bitquark.lsd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of local service discovery (BEP 14).
 *
 * @param group IPv4 multicast group the announces go to and are heard on (BEP 14: {@code 239.192.152.143})
 * @param port UDP port of the group (BEP 14: 6771); the socket binds it with address reuse, as libtorrent
 *        and other clients on the same host bind it too
 * @param networkInterface name of the interface to join the group on and send through ({@code "lo"},
 *        {@code "eth0"}); {@code null}: join on every interface that is up, multicast-capable and has an
 *        IPv4 address, and send through the one the system routes the group to
 * @param announceInterval how often each torrent is announced again (libtorrent's
 *        {@code local_service_announce_interval}: 5 minutes); also the least time between two announces of
 *        one torrent
 * @param maxAnnouncesPerSecond cap on packets sent, whatever the number of torrents
 * @param maxReceivedPerSecond cap on packets decoded; the rest are dropped unread
 */
public record LsdSettings(String group, int port, String networkInterface, Duration announceInterval,
                          int maxAnnouncesPerSecond, int maxReceivedPerSecond) {
    /** BEP 14's IPv4 group. */
    public static final String BEP14_GROUP = "239.192.152.143";
    /** BEP 14's port. */
    public static final int BEP14_PORT = 6771;

    public LsdSettings {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(announceInterval, "announceInterval");
        if (!isIpv4Multicast(group)) {
            throw new IllegalArgumentException("LSD group must be an IPv4 multicast address: " + group);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("LSD port out of range: " + port);
        }
        if (networkInterface != null && networkInterface.isBlank()) {
            throw new IllegalArgumentException("LSD network interface is blank (use null for the default)");
        }
        if (announceInterval.toMillis() < 1) {
            throw new IllegalArgumentException("LSD announce interval must be positive: " + announceInterval);
        }
        if (maxAnnouncesPerSecond < 1 || maxReceivedPerSecond < 1) {
            throw new IllegalArgumentException("LSD rate limits must be at least 1 per second: "
                    + maxAnnouncesPerSecond + ", " + maxReceivedPerSecond);
        }
    }

    /**
     * BEP 14's group and port on the default interfaces, every torrent announced every 5 minutes as
     * libtorrent does, at most 5 packets a second out (one packet carries up to
     * {@link LsdMessage#MAX_INFO_HASHES} torrents, so 5 000 torrents take 100 s a round) and 50 decoded
     * a second in (a LAN of 250 clients each announcing 10 packets every 5 minutes needs under 10).
     */
    public static LsdSettings defaults() {
        return new LsdSettings(BEP14_GROUP, BEP14_PORT, null, Duration.ofMinutes(5), 5, 50);
    }

    /** {@code group:port}, the value of the Host header (BEP 14). */
    public String host() {
        return group + ":" + port;
    }

    private static boolean isIpv4Multicast(String group) {
        // Only dotted quads: a host name here would mean a DNS lookup on every start.
        if (!group.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(group);
            return a.getAddress().length == 4 && a.isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
