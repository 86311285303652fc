package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes a stream fed in slices and checks the decoder's contract: only {@link WireException}
 * escapes, every delivered message re-encodes to exactly the bytes it was decoded from, and
 * the delivered frames tile the stream from its start.
 */
final class StreamVerifier {
    private StreamVerifier() {
    }

    /** Result: how many messages were delivered and whether the stream was rejected. */
    record Outcome(int messages, boolean rejected) {
    }

    /**
     * @param sliceSizes sizes of the successive feeds, cycled; each at least 1
     */
    static Outcome verify(byte[] stream, int[] sliceSizes) {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(r);
        boolean rejected = false;
        int from = 0;
        int k = 0;
        try {
            while (from < stream.length) {
                int n = Math.min(sliceSizes[k++ % sliceSizes.length], stream.length - from);
                ByteBuffer slice = ByteBuffer.wrap(stream, from, n);
                d.feed(slice);
                assertFalse(slice.hasRemaining());
                from += n;
            }
        } catch (WireException e) {
            rejected = true;
        }
        int offset = 0;
        for (int i = 0; i < r.frames.size(); i++) {
            byte[] frame = r.frames.get(i);
            if (frame == null) {
                // Unknown message: skipped, so only its header can be checked.
                int length = ByteBuffer.wrap(stream, offset, 4).getInt();
                assertEquals("unknown " + (stream[offset + 4] & 0xFF) + " " + length, r.events.get(i));
                offset += 4 + length;
            } else {
                assertTrue(offset + frame.length <= stream.length, r.events.get(i));
                assertArrayEquals(frame, Arrays.copyOfRange(stream, offset, offset + frame.length), r.events.get(i));
                offset += frame.length;
            }
        }
        assertEquals(offset, d.deliveredBytes());
        if (!rejected) {
            // Whatever follows the last delivered frame is a partial frame the decoder still holds.
            assertEquals(offset == stream.length, d.atFrameBoundary());
        }
        return new Outcome(r.frames.size(), rejected);
    }
}
