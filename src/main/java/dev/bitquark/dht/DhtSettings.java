package dev.bitquark.dht;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a DHT node (BEP 5). Caps and their sources:
 * <ul>
 * <li>{@code maxQueriesOutPerSecond} 40: a token bucket over every query we send; lookups queue
 *     behind it and just go slower. libtorrent bounds DHT upload by bytes ({@code dht_upload_rate_limit},
 *     8,000 B/s ≈ 40–80 small queries); a count is simpler to reason about for a UDP query stream.</li>
 * <li>{@code maxQueriesInPerSecondPerIp} 10 (burst twice that): libtorrent blocks an IP sending more
 *     than 5 queries/s ({@code dht_block_ratelimit}); we are a little more lenient and drop instead of
 *     blocking. All IPs together are held to {@link #MAX_QUERIES_IN_PER_SECOND}.</li>
 * <li>{@code maxStoredInfoHashes} 2,000: libtorrent's {@code dht_max_torrents}.</li>
 * <li>{@code maxPeersPerInfoHash} 100: libtorrent allows more ({@code dht_max_peers}); a get_peers
 *     answer carries at most 50, and 2,000 × 100 peers stay about 3 MB.</li>
 * </ul>
 *
 * @param bindHost  address the UDP socket binds to
 * @param port      UDP port, 0 for an ephemeral one
 * @param bootstrap routers as {@code host:port}, resolved off the event loop
 */
public record DhtSettings(String bindHost, int port, List<String> bootstrap, int maxQueriesOutPerSecond,
                          int maxQueriesInPerSecondPerIp, int maxStoredInfoHashes, int maxPeersPerInfoHash) {

    /** The routers most clients start from. */
    public static final List<String> DEFAULT_ROUTERS = List.of("router.bittorrent.com:6881",
            "dht.transmissionbt.com:6881", "router.utorrent.com:6881", "dht.libtorrent.org:25401");

    /** Incoming queries answered per second from all IPs together (each answer is at most ~1 KB). */
    public static final int MAX_QUERIES_IN_PER_SECOND = 200;
    /** Source IPs whose incoming rate is tracked (an LRU): bounds the limiter's memory. */
    public static final int MAX_TRACKED_IPS = 4096;

    public DhtSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        bootstrap = List.copyOf(bootstrap);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxQueriesOutPerSecond < 1 || maxQueriesInPerSecondPerIp < 1 || maxStoredInfoHashes < 1
                || maxPeersPerInfoHash < 1) {
            throw new IllegalArgumentException("rates and caps must be positive");
        }
    }

    public static DhtSettings defaults(String bindHost, int port) {
        return new DhtSettings(bindHost, port, DEFAULT_ROUTERS, 40, 10, 2000, 100);
    }

    public DhtSettings withBootstrap(List<String> b) {
        return new DhtSettings(bindHost, port, b, maxQueriesOutPerSecond, maxQueriesInPerSecondPerIp,
                maxStoredInfoHashes, maxPeersPerInfoHash);
    }
}
