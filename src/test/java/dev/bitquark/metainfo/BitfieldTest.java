package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
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

    @Test
    void nextSetAndNextClearAgreeWithABitByBitScan() {
        Random rnd = new Random(42);
        // Sizes around the 8-bit and 64-bit strides, with and without spare bits in the last byte.
        for (int size : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 71, 72, 127, 128, 129, 200, 1000, 4096, 4099}) {
            for (double fraction : new double[] {0.0, 0.01, 0.5, 0.99, 1.0}) {
                Bitfield b = new Bitfield(size);
                for (int i = 0; i < size; i++) {
                    if (rnd.nextDouble() < fraction) {
                        b.set(i);
                    }
                }
                for (int from = -2; from <= size + 2; from++) {
                    assertEquals(scan(b, from, true), b.nextSet(from), "nextSet size " + size + " from " + from);
                    assertEquals(scan(b, from, false), b.nextClear(from), "nextClear size " + size + " from " + from);
                }
            }
        }
    }

    @Test
    void nextClearNeverReturnsASpareBit() {
        Bitfield b = Bitfield.full(4099);
        assertEquals(-1, b.nextClear(0));
        assertEquals(-1, b.nextClear(4095));
        b.clear(4098);
        assertEquals(4098, b.nextClear(0));
        assertEquals(-1, b.nextSet(4099));
        assertEquals(4097, b.nextSet(4097));
    }

    private static int scan(Bitfield b, int from, boolean set) {
        for (int i = Math.max(0, from); i < b.size(); i++) {
            if (b.get(i) == set) {
                return i;
            }
        }
        return -1;
    }
}
