package dev.bitquark.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Many {@link DhtNode}s in one process: an in-memory UDP with zero latency (packets are queued and
 * delivered in order by {@link #deliver()}), one manual clock and deterministic randomness.
 */
final class SimNetwork {
    /** A datagram seen on the simulated wire. */
    record Packet(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    }

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final SplittableRandom random;
    final Map<InetSocketAddress, DhtNode> nodes = new LinkedHashMap<>();
    final List<DhtNode> list = new ArrayList<>();
    private final ArrayDeque<Packet> wire = new ArrayDeque<>();
    /** Sees every packet sent (before delivery). */
    Consumer<Packet> tap = p -> { };
    long delivered;

    SimNetwork(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static InetSocketAddress address(int i) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8),
                    (byte) i}), 6881);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    DhtNode add(DhtSettings settings, DhtState saved) {
        InetSocketAddress self = address(list.size() + 1);
        DhtNode n = new DhtNode(settings, clock, (data, to) -> send(self, to, data), random.split(), saved);
        nodes.put(self, n);
        list.add(n);
        return n;
    }

    DhtNode add() {
        return add(DhtSettings.defaults("0.0.0.0", 6881).withBootstrap(List.of()), null);
    }

    InetSocketAddress addressOf(DhtNode n) {
        return address(list.indexOf(n) + 1);
    }

    void send(InetSocketAddress from, InetSocketAddress to, byte[] data) {
        Packet p = new Packet(from, to, data);
        tap.accept(p);
        wire.addLast(p);
    }

    /** Delivers queued packets (and what they cause) until the wire is quiet. */
    void deliver() {
        for (int guard = 0; guard < 10_000_000 && !wire.isEmpty(); guard++) {
            Packet p = wire.pollFirst();
            DhtNode to = nodes.get(p.to());
            delivered++;
            if (to != null) {
                to.onPacket(p.data(), p.data().length, p.from());
            }
        }
    }

    /** Runs {@code millis} of simulated time, ticking every node every {@code step} ms. */
    void run(long millis, long step) {
        for (long t = 0; t < millis; t += step) {
            clock.advance(step);
            for (DhtNode n : list) {
                n.tick();
                deliver();
            }
        }
    }
}
