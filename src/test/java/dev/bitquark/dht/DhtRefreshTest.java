package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.Decoded;
import dev.bitquark.dht.krpc.KrpcCodec;
import dev.bitquark.dht.krpc.KrpcMessage;
import dev.bitquark.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BEP 5 bucket refresh, without repeating the same queries across neighbouring refreshes. */
class DhtRefreshTest {

    @Test
    void refreshingSeveralStaleNeighbouringBucketsSendsNoDuplicateQueries() {
        SimNetwork net = new SimNetwork(8);
        DhtNode seed = net.add();
        seed.bootstrap(List.of());
        for (int i = 1; i < 120; i++) {
            net.add().bootstrap(List.of(net.addressOf(seed)));
        }
        net.run(60_000, 250);
        DhtNode x = net.list.get(40);
        assertEquals("ready", x.stats().bootstrap());
        InetSocketAddress me = net.addressOf(x);
        RoutingTable table = x.table();
        int buckets = table.bucketCount();
        assertTrue(buckets >= 4, "several buckets: " + buckets);

        List<String> asked = new ArrayList<>();
        net.tap = p -> {
            if (!p.from().equals(me)) {
                return;
            }
            Decoded d = KrpcCodec.decode(p.data(), p.data().length);
            if (d.message() instanceof KrpcMessage.Query q && q.method() == KrpcMessage.Method.FIND_NODE
                    && !q.target().equals(table.ownId())) {
                asked.add(net.clock.now + " " + p.to() + " bucket " + table.bucketIndex(q.target()));
            }
        };
        // Quiet for 15 minutes: no answer reaches x's buckets, so every one of them goes stale at once.
        long before = net.clock.now;
        net.run(15 * 60_000L, 5_000);
        net.run(4 * 60_000L, 250);
        net.tap = p -> { };
        Set<String> refreshed = new HashSet<>();
        Map<String, Long> lastAskedNode = new HashMap<>();
        for (String a : asked) {
            String[] f = a.split(" ");
            long at = Long.parseLong(f[0]);
            refreshed.add(f[3]);
            Long previous = lastAskedNode.put(f[1], at);
            // Covers (node, bucket) pairs too: a node is not asked by any refresh again within 5 minutes.
            assertTrue(previous == null || at - previous >= 5 * 60_000L, "asked again within 5 minutes: " + a);
        }
        assertTrue(refreshed.size() >= 2, "refreshes of several buckets: " + refreshed);
        for (int b = 0; b < table.bucketCount(); b++) {
            // No bucket is left stale: each changed or was refreshed within the last 15 minutes.
            assertTrue(net.clock.now - table.lastChanged(b) < 15 * 60_000L, "bucket " + b + " stale since "
                    + (table.lastChanged(b) - before) / 1000 + " s after the quiet began");
        }
    }
}
