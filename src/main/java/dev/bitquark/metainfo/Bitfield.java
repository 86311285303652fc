package dev.bitquark.metainfo;

import java.util.Arrays;

/**
 * A fixed-size set of piece indexes in the BEP 3 wire layout: bit 0 is the high bit of byte 0.
 * Mutable and not thread-safe: owned by one context (the engine context or one worker job).
 */
public final class Bitfield {
    private final int size;
    private final byte[] bits;
    private int cardinality;

    public Bitfield(int size) {
        if (size < 0 || size > TorrentGeometry.MAX_PIECES) {
            throw new IllegalArgumentException("bitfield size out of range: " + size);
        }
        this.size = size;
        this.bits = new byte[byteLength(size)];
    }

    /** Number of bytes a bitfield of {@code size} bits takes on the wire. */
    public static int byteLength(int size) {
        return (size + 7) >>> 3;
    }

    /**
     * Parses the wire form. BEP 3: the length must be exactly ceil(size/8) and the spare bits at the
     * end must be clear; a peer that violates this is misbehaving, so both are errors.
     */
    public static Bitfield fromBytes(byte[] wire, int size) {
        if (wire.length != byteLength(size)) {
            throw new IllegalArgumentException("bitfield has " + wire.length + " bytes, expected " + byteLength(size));
        }
        int spare = wire.length * 8 - size;
        if (spare > 0 && (wire[wire.length - 1] & ((1 << spare) - 1)) != 0) {
            throw new IllegalArgumentException("bitfield has spare bits set");
        }
        Bitfield b = new Bitfield(size);
        System.arraycopy(wire, 0, b.bits, 0, wire.length);
        int count = 0;
        for (byte x : wire) {
            count += Integer.bitCount(x & 0xFF);
        }
        b.cardinality = count;
        return b;
    }

    public static Bitfield full(int size) {
        Bitfield b = new Bitfield(size);
        b.setAll();
        return b;
    }

    public int size() {
        return size;
    }

    public boolean get(int index) {
        check(index);
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    /** Sets bit {@code index}; returns true if it was clear. */
    public boolean set(int index) {
        check(index);
        int mask = 0x80 >>> (index & 7);
        int i = index >>> 3;
        if ((bits[i] & mask) != 0) {
            return false;
        }
        bits[i] |= (byte) mask;
        cardinality++;
        return true;
    }

    /** Clears bit {@code index}; returns true if it was set. */
    public boolean clear(int index) {
        check(index);
        int mask = 0x80 >>> (index & 7);
        int i = index >>> 3;
        if ((bits[i] & mask) == 0) {
            return false;
        }
        bits[i] &= (byte) ~mask;
        cardinality--;
        return true;
    }

    public void setAll() {
        Arrays.fill(bits, (byte) 0xFF);
        int spare = bits.length * 8 - size;
        if (spare > 0) {
            bits[bits.length - 1] &= (byte) (0xFF << spare);
        }
        cardinality = size;
    }

    public void clearAll() {
        Arrays.fill(bits, (byte) 0);
        cardinality = 0;
    }

    public int cardinality() {
        return cardinality;
    }

    public boolean isComplete() {
        return cardinality == size;
    }

    public boolean isEmpty() {
        return cardinality == 0;
    }

    /** Index of the next set bit at or after {@code from}, or -1. */
    public int nextSet(int from) {
        for (int i = Math.max(0, from); i < size; i++) {
            if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the next clear bit at or after {@code from}, or -1. */
    public int nextClear(int from) {
        for (int i = Math.max(0, from); i < size; i++) {
            if ((bits[i >>> 3] & (0x80 >>> (i & 7))) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of the wire form. */
    public byte[] toBytes() {
        return bits.clone();
    }

    public Bitfield copy() {
        Bitfield b = new Bitfield(size);
        System.arraycopy(bits, 0, b.bits, 0, bits.length);
        b.cardinality = cardinality;
        return b;
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("piece " + index + " outside bitfield of " + size);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitfield other && other.size == size && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Bitfield[" + cardinality + "/" + size + "]";
    }
}
