package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.NodeId;
import dev.bitquark.dht.krpc.NodeInfo;
import dev.bitquark.dht.limit.PerIpLimiter;
import dev.bitquark.dht.routing.RoutingTable;
import dev.bitquark.dht.store.PeerStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Retained heap of the DHT's bounded structures filled to their caps, measured as the used heap
 * before and after building each one (with {@link System#gc()} between): a rough figure, printed
 * for the record, with generous upper bounds asserted.
 */
class DhtMemoryFootprintTest {
    final SplittableRandom random = new SplittableRandom(1);

    static InetSocketAddress ip(int i, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) (1 + (i >>> 24 & 0x7f)),
                    (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static long used() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    static <T> long retained(Supplier<T> build, Object[] keep) {
        long before = used();
        keep[0] = build.get();
        long after = used();
        return Math.max(0, after - before);
    }

    @Test
    void fullStructuresStayWithinTheirBudgets() {
        Object[] keep = new Object[1];
        long now = 1_000_000;

        // Ten tables, so the figure stands out of the heap's noise; reported per table.
        int tables = 10;
        long tableBytes = retained(() -> {
            RoutingTable[] all = new RoutingTable[tables];
            int n = 0;
            for (int k = 0; k < tables; k++) {
                NodeId own = NodeId.random(random);
                RoutingTable t = new RoutingTable(own, now);
                // 20 buckets' worth, each with 8 members and 8 replacements (far ones first so splits follow our id).
                for (int prefix = 0; prefix < 20; prefix++) {
                    for (int i = 0; i < 16; i++) {
                        t.onResponse(new NodeInfo(own.randomWithPrefix(prefix, false, random), ip(n++, 6881)), false, now);
                    }
                }
                all[k] = t;
            }
            return all;
        }, keep) / tables;
        RoutingTable table = ((RoutingTable[]) keep[0])[0];
        int tableEntries = table.entries(true).size();
        assertEquals(20 * 16, tableEntries + 0, "members and replacements of 20 full buckets");

        long storeBytes = retained(() -> {
            PeerStore s = new PeerStore(2_000, 100);
            int n = 0;
            for (int h = 0; h < 2_000; h++) {
                NodeId ih = NodeId.random(random);
                for (int p = 0; p < 100; p++) {
                    s.announce(ih, ip(n++, 1 + p), now);
                }
            }
            return s;
        }, keep);
        PeerStore store = (PeerStore) keep[0];
        assertEquals(200_000, store.peers());

        long limiterBytes = retained(() -> {
            PerIpLimiter l = new PerIpLimiter(10, 20, 200, DhtSettings.MAX_TRACKED_IPS, now);
            for (int i = 0; i < 10_000; i++) {
                l.allow(ip(i, 1).getAddress(), now);
            }
            return l;
        }, keep);
        assertEquals(DhtSettings.MAX_TRACKED_IPS, ((PerIpLimiter) keep[0]).tracked());

        System.out.printf("DHT memory: routing table %d entries (20 buckets + replacement caches) ≈ %,d bytes (%d B/entry);"
                        + " peer store 2,000 info-hashes × 100 peers ≈ %,d bytes (%d B/peer);"
                        + " per-IP limiter %,d IPs ≈ %,d bytes (%d B/IP)%n",
                tableEntries, tableBytes, tableBytes / tableEntries, storeBytes, storeBytes / 200_000,
                DhtSettings.MAX_TRACKED_IPS, limiterBytes, limiterBytes / DhtSettings.MAX_TRACKED_IPS);
        // A 160-bucket table would be 8× the 20-bucket one at most; these bounds are loose on purpose.
        assertTrue(tableBytes < 2_000_000, "routing table " + tableBytes);
        assertTrue(storeBytes < 16_000_000, "peer store " + storeBytes);
        assertTrue(limiterBytes < 4_000_000, "limiter " + limiterBytes);
    }
}
