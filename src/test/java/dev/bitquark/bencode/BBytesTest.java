package dev.bitquark.bencode;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BBytesTest {
    @Test
    void copiesOnTheWayInAndOut() {
        byte[] src = {1, 2, 3};
        BBytes b = BBytes.of(src);
        src[0] = 9;
        assertEquals(1, b.byteAt(0));
        b.asBytes()[1] = 9;
        assertEquals(2, b.byteAt(1));
    }

    @Test
    void decodesUtf8AndDetectsMalformedUtf8() {
        assertEquals("h\u00e9", BBytes.of("h\u00e9").asString());
        assertTrue(BBytes.of("h\u00e9").isValidUtf8());
        BBytes latin1 = BBytes.of(new byte[] {'h', (byte) 0xe9});
        assertFalse(latin1.isValidUtf8());
        assertEquals("h\ufffd", latin1.asString());
        assertEquals("h\u00e9", latin1.asLatin1());
    }

    @Test
    void toStringShowsTextOrHexAndTruncates() {
        assertEquals("\"spam\"", BBytes.of("spam").toString());
        assertEquals("0x00ff", BBytes.of(new byte[] {0, (byte) 0xff}).toString());
        assertTrue(BBytes.of("x".repeat(100)).toString().endsWith("...(100 bytes)"));
    }
}
