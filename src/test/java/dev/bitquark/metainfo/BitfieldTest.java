package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BitfieldTest {
    @Test
    void usesWireBitOrderHighBitFirst() {
        Bitfield b = new Bitfield(10);
        b.set(0);
        b.set(9);
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x40}, b.toBytes());
        assertEquals(2, b.cardinality());
    }

    @Test
    void rejectsSpareBitsAndWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Bitfield.fromBytes(new byte[] {0, 0x01}, 10));
        assertThrows(IllegalArgumentException.class, () -> Bitfield.fromBytes(new byte[] {0}, 10));
        assertEquals(1, Bitfield.fromBytes(new byte[] {0, 0x40}, 10).cardinality());
    }

    @Test
    void fullSetsOnlyRealBits() {
        Bitfield b = Bitfield.full(10);
        assertTrue(b.isComplete());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xC0}, b.toBytes());
        assertEquals(-1, b.nextClear(0));
        assertTrue(b.clear(3));
        assertEquals(3, b.nextClear(0));
    }
}
