package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What one node with 100 torrents sends and receives once everything has settled, on a simulated
 * network of 150 nodes with deterministic time: the steady state a desktop or a Raspberry Pi lives in
 * (the seed's complaint about a flooded network). Each torrent's peer is known to the DHT (another node
 * announces the same 100 torrents), so lookups are the 15-minute re-announces, not retries. The figure
 * is printed; the bound is the budget: at most 5 packets per second out and in on average.
 */
class DhtIdleTrafficTest {
    static final int NODES = 150;
    static final int TORRENTS = 100;

    @Test
    void aNodeWithAHundredTorrentsIsQuietOnceSettled() {
        SimNetwork net = new SimNetwork(7);
        DhtNode first = net.add();
        first.bootstrap(List.of());
        for (int i = 1; i < NODES; i++) {
            net.add().bootstrap(List.of(net.addressOf(first)));
        }
        net.run(90_000, 500);
        DhtNode other = net.list.get(NODES / 2);
        DhtNode measured = net.list.get(NODES - 1);
        Map<Integer, Boolean> found = new ConcurrentHashMap<>();
        List<DhtLookup> lookups = new ArrayList<>();
        for (int t = 0; t < TORRENTS; t++) {
            byte[] ih = new byte[20];
            net.random.nextBytes(ih);
            lookups.add(other.getPeers(ih, 7001, false, peers -> { }));
            int torrent = t;
            lookups.add(measured.getPeers(ih, 7000, false, peers -> found.put(torrent, true)));
        }
        // Settle: first lookups and announces, bucket refreshes, the first re-announce round.
        net.run(30 * 60_000L, 1_000);
        DhtStats before = measured.stats();
        long hour = 60 * 60_000L;
        net.run(hour, 1_000);
        DhtStats after = measured.stats();
        double out = (after.packetsOut() - before.packetsOut()) / (hour / 1000.0);
        double in = (after.packetsIn() - before.packetsIn()) / (hour / 1000.0);
        System.out.printf("FIGURE dht idle, %d torrents, %d-node network: %.2f packets/s out, %.2f packets/s in"
                + " (over one simulated hour after 30 minutes of settling); %d of %d torrents found their peer%n",
                TORRENTS, NODES, out, in, found.size(), TORRENTS);
        assertTrue(found.size() >= TORRENTS * 9 / 10, "lookups found the announced peer: " + found.size());
        assertTrue(out <= 5.0, "packets out per second at idle: " + out);
        assertTrue(in <= 5.0, "packets in per second at idle: " + in);
        lookups.forEach(DhtLookup::stop);
    }
}
