package dev.bitquark.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.api.ByteRange.Kind;
import org.junit.jupiter.api.Test;

/** Range header parsing per RFC 9110 section 14, for a file of 1000 bytes unless stated. */
class ByteRangeTest {
    private static ByteRange r(String header) {
        return ByteRange.of(header, null, 1000);
    }

    private static void partial(String header, long first, long last) {
        ByteRange b = r(header);
        assertEquals(Kind.PARTIAL, b.kind(), header + ": " + b.problem());
        assertEquals(first, b.first(), header);
        assertEquals(last, b.last(), header);
        assertEquals(last - first + 1, b.length());
    }

    private static void refused(String header) {
        ByteRange b = r(header);
        assertEquals(Kind.UNSATISFIABLE, b.kind(), header);
        assertEquals(0, b.length());
        assertTrue(b.problem() != null && !b.problem().isBlank(), header);
    }

    @Test
    void absentRangeIsTheWholeFile() {
        ByteRange b = r(null);
        assertEquals(Kind.WHOLE, b.kind());
        assertEquals(0, b.first());
        assertEquals(999, b.last());
        assertEquals(1000, b.length());
        assertEquals(0, ByteRange.of(null, null, 0).length(), "a whole empty file is zero bytes");
    }

    @Test
    void parsesClosedOpenAndSuffixRanges() {
        partial("bytes=0-0", 0, 0);
        partial("bytes=10-19", 10, 19);
        partial("bytes=990-", 990, 999);
        partial("bytes=-1", 999, 999);
        partial("bytes=-100", 900, 999);
        partial("  BYTES = 5 - 6 ", 5, 6);
    }

    @Test
    void clipsTheEndAndLongSuffixesToTheFile() {
        partial("bytes=900-5000", 900, 999);
        partial("bytes=0-99999999999999999999999", 0, 999);
        partial("bytes=-5000", 0, 999);
        partial("bytes=-99999999999999999999999", 0, 999);
    }

    @Test
    void unsatisfiableRangesAreRefused() {
        refused("bytes=1000-");
        refused("bytes=1000-2000");
        refused("bytes=99999999999999999999999-");
        refused("bytes=-0");
        assertEquals(Kind.UNSATISFIABLE, ByteRange.of("bytes=0-", null, 0).kind(), "nothing of an empty file");
        assertEquals(Kind.UNSATISFIABLE, ByteRange.of("bytes=-5", null, 0).kind());
    }

    @Test
    void malformedAndMultipleRangesAreRefused() {
        for (String h : new String[] {"bytes=", "bytes=-", "bytes=5", "bytes=a-b", "bytes=5-4", "bytes=+1-2",
                "bytes=1-2,3-4", "bytes=0-1,", "bytes=0x10-20", "bytes 0-5", "=0-5", "bytes=-1-2"}) {
            refused(h);
        }
        refused("bytes=" + "1".repeat(ByteRange.MAX_HEADER));
    }

    @Test
    void otherUnitsAndIfRangeAreIgnored() {
        assertEquals(Kind.WHOLE, r("items=0-5").kind(), "RFC 9110 14.2: unknown units MUST be ignored");
        assertEquals(Kind.WHOLE, ByteRange.of("bytes=0-5", "\"etag\"", 1000).kind(),
                "no validator of ours can match an If-Range");
    }
}
