package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random streams: valid ones round-trip exactly, damaged ones fail only with WireException. */
class WireRoundTripTest {

    /** One random valid message of any kind, unknown ids included. */
    static byte[] randomMessage(Random rnd) {
        int piece = rnd.nextInt(1 << 20);
        int begin = rnd.nextInt(64) * 16384;
        int length = 1 + rnd.nextInt(16384);
        return switch (rnd.nextInt(19)) {
            case 0 -> MessageWriter.keepAlive();
            case 1 -> MessageWriter.choke();
            case 2 -> MessageWriter.unchoke();
            case 3 -> MessageWriter.interested();
            case 4 -> MessageWriter.notInterested();
            case 5 -> MessageWriter.have(piece);
            case 6 -> {
                byte[] bits = new byte[rnd.nextInt(300)];
                rnd.nextBytes(bits);
                ByteBuffer out = ByteBuffer.allocate(5 + bits.length);
                MessageWriter.writeBitfield(out, ByteBuffer.wrap(bits));
                yield out.array();
            }
            case 7 -> MessageWriter.request(piece, begin, length);
            case 8 -> {
                byte[] block = new byte[rnd.nextInt(4) == 0 ? 16384 : rnd.nextInt(2000)];
                rnd.nextBytes(block);
                yield MessageWriter.piece(piece, begin, ByteBuffer.wrap(block));
            }
            case 9 -> MessageWriter.cancel(piece, begin, length);
            case 10 -> MessageWriter.port(rnd.nextInt(65536));
            case 11 -> MessageWriter.suggest(piece);
            case 12 -> MessageWriter.haveAll();
            case 13 -> MessageWriter.haveNone();
            case 14 -> MessageWriter.reject(piece, begin, length);
            case 15 -> MessageWriter.allowedFast(piece);
            case 16 -> {
                byte[] payload = new byte[rnd.nextInt(500)];
                rnd.nextBytes(payload);
                yield MessageWriter.extended(rnd.nextInt(256), payload);
            }
            case 17 -> {
                int id = 21 + rnd.nextInt(235);
                byte[] frame = new byte[5 + rnd.nextInt(100)];
                ByteBuffer.wrap(frame).putInt(frame.length - 4).put((byte) id);
                yield frame;
            }
            default -> MessageWriter.have(Integer.MAX_VALUE);
        };
    }

    static byte[] randomStream(Random rnd, int messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            out.writeBytes(randomMessage(rnd));
        }
        return out.toByteArray();
    }

    static int[] randomSlices(Random rnd) {
        int[] sizes = new int[1 + rnd.nextInt(8)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 40000);
        }
        return sizes;
    }

    @Test
    void randomValidStreamsReEncodeToTheSameBytes() {
        Random rnd = new Random(20240601);
        for (int round = 0; round < 300; round++) {
            int messages = 1 + rnd.nextInt(60);
            byte[] stream = randomStream(rnd, messages);
            StreamVerifier.Outcome outcome = StreamVerifier.verify(stream, randomSlices(rnd));
            assertFalse(outcome.rejected(), "round " + round);
            assertEquals(messages, outcome.messages(), "round " + round);
        }
    }

    @Test
    void damagedStreamsFailOnlyWithWireException() {
        Random rnd = new Random(7);
        int rejected = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] stream = randomStream(rnd, 1 + rnd.nextInt(20));
            for (int flips = 1 + rnd.nextInt(4); flips > 0; flips--) {
                stream[rnd.nextInt(stream.length)] = (byte) rnd.nextInt(256);
            }
            if (StreamVerifier.verify(stream, randomSlices(rnd)).rejected()) {
                rejected++;
            }
        }
        assertTrue(rejected > 100, "damage should often be detected, was " + rejected);
    }

    @Test
    void randomBytesFailOnlyWithWireException() {
        Random rnd = new Random(11);
        for (int round = 0; round < 2000; round++) {
            byte[] stream = new byte[rnd.nextInt(400)];
            rnd.nextBytes(stream);
            // Small length prefixes so that frames actually complete instead of waiting for bodies.
            for (int i = 0; i + 4 < stream.length; i += 1 + rnd.nextInt(30)) {
                stream[i] = 0;
                stream[i + 1] = 0;
                stream[i + 2] = 0;
            }
            StreamVerifier.verify(stream, randomSlices(rnd));
        }
    }
}
