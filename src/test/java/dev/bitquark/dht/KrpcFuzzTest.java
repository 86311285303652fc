package dev.bitquark.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bitquark.dht.krpc.Decoded;
import dev.bitquark.dht.krpc.KrpcCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz targets for the KRPC codec and the node's packet handler. In a normal test run Jazzer replays
 * the committed seeds under {@code KrpcFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class KrpcFuzzTest {
    static final InetSocketAddress FROM = Scripted.addr("10.0.0.2", 6881);

    /** The codec never throws; what it accepts re-encodes to bytes it decodes to the same encoding. */
    @FuzzTest(maxDuration = "30s")
    void codecDecodesOrRefusesWithAReason(byte[] data) {
        Decoded d = KrpcCodec.decode(data, data.length);
        if (!d.isOk()) {
            assertTrue(d.reason() != null && !d.reason().isEmpty());
            return;
        }
        byte[] again = KrpcCodec.encode(d.message());
        Decoded d2 = KrpcCodec.decode(again, again.length);
        assertTrue(d2.isOk(), () -> "re-encoded message refused: " + d2.reason());
        assertArrayEquals(again, KrpcCodec.encode(d2.message()));
    }

    /**
     * Whatever arrives, the node neither throws nor fails inside: the packet is answered, or its drop
     * is counted by reason, and at most two packets go out (an answer and a ping to a new node).
     */
    @FuzzTest(maxDuration = "30s")
    void nodeAnswersOrCountsEveryPacket(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        DhtNode node = new DhtNode(DhtSettings.defaults("0.0.0.0", 0).withBootstrap(List.of()), () -> 1_000_000L,
                (packet, to) -> out.add(packet), new SplittableRandom(1), null);
        node.onPacket(data, data.length, FROM);
        DhtStats s = node.stats();
        assertFalse(s.droppedByReason().containsKey("internal-error"), () -> "internal error on " + s);
        long dropped = s.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(1, s.packetsIn());
        assertTrue(dropped >= 1 || !out.isEmpty(), "neither answered nor counted");
        assertTrue(out.size() <= 2, "at most an answer and a ping");
        for (byte[] p : out) {
            assertTrue(p.length <= KrpcCodec.MAX_PACKET, "answers fit one datagram");
            assertTrue(KrpcCodec.decode(p, p.length).isOk(), "answers are valid KRPC");
        }
    }
}
