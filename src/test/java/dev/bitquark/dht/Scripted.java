package dev.bitquark.dht;

import dev.bitquark.dht.krpc.Decoded;
import dev.bitquark.dht.krpc.KrpcCodec;
import dev.bitquark.dht.krpc.KrpcMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One node under test with a recording transport and a manual clock; the test plays the other nodes. */
final class Scripted {
    record Sent(KrpcMessage message, InetSocketAddress to, int size) {
    }

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final List<Sent> sent = new ArrayList<>();
    final DhtNode node;

    Scripted(DhtSettings settings, DhtState saved, long seed) {
        node = new DhtNode(settings, clock, (data, to) -> {
            Decoded d = KrpcCodec.decode(data, data.length);
            if (!d.isOk()) {
                throw new AssertionError("node sent an undecodable packet: " + d.reason());
            }
            sent.add(new Sent(d.message(), to, data.length));
        }, new SplittableRandom(seed), saved);
    }

    Scripted() {
        this(DhtSettings.defaults("0.0.0.0", 0).withBootstrap(List.of()), null, 1);
    }

    static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    void receive(KrpcMessage m, InetSocketAddress from) {
        byte[] b = KrpcCodec.encode(m);
        node.onPacket(b, b.length, from);
    }

    void receive(byte[] raw, InetSocketAddress from) {
        node.onPacket(raw, raw.length, from);
    }

    /** Messages sent to {@code to} since the last call, of the given type. */
    <T extends KrpcMessage> List<T> take(Class<T> type, InetSocketAddress to) {
        List<T> out = new ArrayList<>();
        sent.removeIf(s -> {
            if ((to == null || s.to().equals(to)) && type.isInstance(s.message())) {
                out.add(type.cast(s.message()));
                return true;
            }
            return false;
        });
        return out;
    }

    /** Ticks every 250 ms for {@code millis}. */
    void run(long millis) {
        for (long t = 0; t < millis; t += 250) {
            clock.advance(250);
            node.tick();
        }
    }
}
