package dev.bitquark.dht.limit;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP, for incoming queries, plus one global bucket over all of them. The
 * IPs are kept in an LRU map of at most {@code maxTracked} entries, so a flood from many addresses
 * costs a bounded amount of memory; an evicted IP simply starts again with a full bucket, which is
 * what it would have after a quiet spell anyway. Not thread-safe.
 */
public final class PerIpLimiter {
    private final double perIpRate;
    private final double perIpBurst;
    private final int maxTracked;
    private final TokenBucket global;
    private final LinkedHashMap<InetAddress, TokenBucket> buckets;

    public PerIpLimiter(double perIpRate, double perIpBurst, double globalRate, int maxTracked, long now) {
        this.perIpRate = perIpRate;
        this.perIpBurst = perIpBurst;
        this.maxTracked = maxTracked;
        this.global = new TokenBucket(globalRate, globalRate, now);
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > PerIpLimiter.this.maxTracked;
            }
        };
    }

    /** True if a query from {@code ip} may be served now (and counts it). */
    public boolean allow(InetAddress ip, long now) {
        TokenBucket b = buckets.get(ip);
        if (b == null) {
            b = new TokenBucket(perIpRate, perIpBurst, now);
            buckets.put(ip, b);
        }
        if (!b.tryTake(now)) {
            return false;
        }
        return global.tryTake(now);
    }

    /** How many IPs are tracked (at most {@code maxTracked}). */
    public int tracked() {
        return buckets.size();
    }
}
