package dev.bitquark.bencode;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the decoder. In a normal test run Jazzer replays the committed seeds under
 * {@code BencodeFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class BencodeFuzzTest {

    /** Only BencodeException may escape, and whatever strict mode accepts is canonical. */
    @FuzzTest(maxDuration = "30s")
    void strictDecodeRoundTripsOrRejects(byte[] data) {
        BValue v;
        try {
            v = BDecoder.decode(data);
        } catch (BencodeException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, "offset in range: " + e.offset());
            return;
        }
        assertArrayEquals(data, BEncoder.encode(v));
    }

    /** Lenient mode accepts more, but its results re-encode to strict, equal values. */
    @FuzzTest(maxDuration = "30s")
    void lenientDecodeReencodesCanonically(byte[] data) {
        BValue v;
        try {
            v = BDecoder.decode(data, BencodeLimits.LENIENT);
        } catch (BencodeException e) {
            return;
        }
        byte[] canonical = BEncoder.encode(v);
        assertEquals(v, BDecoder.decode(canonical));
        if (v instanceof BDict d) {
            for (String key : d.keys()) {
                byte[] raw = d.rawBytes(key);
                assertEquals(d.get(key), BDecoder.decode(raw, BencodeLimits.LENIENT), "raw span of " + key);
            }
        }
    }

    /** A prefix decode ends inside the input and agrees with a whole decode of that prefix. */
    @FuzzTest(maxDuration = "30s")
    void prefixDecodeEndsInsideInput(byte[] data) {
        BDecoder.Result r;
        try {
            r = BDecoder.decodePrefix(data, 0, data.length, BencodeLimits.DEFAULT);
        } catch (BencodeException e) {
            return;
        }
        assertTrue(r.end() > 0 && r.end() <= data.length);
        assertEquals(r.value(), BDecoder.decode(data, 0, r.end(), BencodeLimits.DEFAULT));
    }
}
