package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzzes the decoders with arbitrary streams. In regular test runs Jazzer replays the seeds in
 * {@code WireFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class WireFuzzTest {

    /** Byte 0 picks the feed slice sizes and whether a handshake comes first; the rest is the stream. */
    @FuzzTest(maxDuration = "30s")
    void framesFailOnlyWithWireExceptionAndReEncodeExactly(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 0xFF;
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        if ((mode & 0x80) != 0) {
            stream = afterHandshake(stream);
            if (stream == null) {
                return;
            }
        }
        int[] slices = {1 + (mode & 0x07), 1 + ((mode >>> 3) & 0x0F) * 7, 4096};
        StreamVerifier.verify(stream, slices);
    }

    /** Runs the handshake decoder; returns what follows the handshake, or null if it was rejected or incomplete. */
    private static byte[] afterHandshake(byte[] stream) {
        HandshakeDecoder d = new HandshakeDecoder();
        ByteBuffer in = ByteBuffer.wrap(stream);
        try {
            if (!d.feed(in)) {
                return null;
            }
        } catch (WireException e) {
            return null;
        }
        Handshake h = d.handshake();
        if (!Arrays.equals(h.encode(), Arrays.copyOf(stream, Handshake.LENGTH))) {
            throw new AssertionError("handshake does not re-encode to its bytes");
        }
        return Arrays.copyOfRange(stream, in.position(), stream.length);
    }

    /**
     * The BEP 10 payload codecs on arbitrary payloads: only WireException escapes, and whatever
     * decodes re-encodes to a payload that decodes to the same value (clamping is idempotent).
     */
    @FuzzTest(maxDuration = "30s")
    void extensionPayloadsFailOnlyWithWireExceptionAndReDecodeEqual(byte[] payload) {
        try {
            ExtendedHandshake h = ExtendedHandshake.decode(ByteBuffer.wrap(payload));
            assertEquals(h, ExtendedHandshake.decode(ByteBuffer.wrap(h.encode())));
        } catch (WireException expected) {
            // rejected input is fine
        }
        try {
            MetadataMessage m = MetadataMessage.decode(ByteBuffer.wrap(payload));
            assertEquals(m, MetadataMessage.decode(ByteBuffer.wrap(m.encode())));
        } catch (WireException expected) {
            // rejected input is fine
        }
        try {
            PexMessage pex = PexMessage.decode(ByteBuffer.wrap(payload));
            if (pex.added().size() <= PexMessage.MAX_SENT && pex.dropped().size() <= PexMessage.MAX_SENT) {
                assertEquals(pex, PexMessage.decode(ByteBuffer.wrap(pex.encode())));
            }
        } catch (WireException expected) {
            // rejected input is fine
        }
    }
}
