package dev.bitquark.metainfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fixed-size set of piece indexes in the BEP 3 wire layout: bit 0 is the high bit of byte 0.
 * Mutable and not thread-safe: owned by one context (the engine context or one worker job).
 */
public final class Bitfield {
    /** Eight bytes as one big-endian long: bit 63 is the first piece of the eight, as on the wire. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
        int i = Math.max(0, from);
        if (i >= size) {
            return -1;
        }
        // The first byte here and the rest in another method, so this part stays small enough to be inlined
        // into loops over the set bits, which mostly find the next one in the same byte.
        int at = i >>> 3;
        int b = bits[at] & (0xFF >>> (i & 7));
        return b != 0 ? firstBit(at, b) : nextSetFromByte(at + 1);
    }

    /** Index of the next clear bit at or after {@code from}, or -1. */
    public int nextClear(int from) {
        int i = Math.max(0, from);
        if (i >= size) {
            return -1;
        }
        int at = i >>> 3;
        int b = ~bits[at] & (0xFF >>> (i & 7));
        return belowSize(b != 0 ? firstBit(at, b) : nextClearFromByte(at + 1));
    }

    /** First set bit in bytes {@code at} and later: 64 pieces a word, then the last few bytes one by one. */
    private int nextSetFromByte(int at) {
        for (; at + 8 <= bits.length; at += 8) {
            long w = (long) WORD.get(bits, at);
            if (w != 0) {
                return (at << 3) + Long.numberOfLeadingZeros(w);
            }
        }
        for (; at < bits.length; at++) {
            if (bits[at] != 0) {
                return firstBit(at, bits[at] & 0xFF);
            }
        }
        return -1;
    }

    /** First clear bit in bytes {@code at} and later, spare bits included (see {@link #belowSize}). */
    private int nextClearFromByte(int at) {
        for (; at + 8 <= bits.length; at += 8) {
            long w = ~(long) WORD.get(bits, at);
            if (w != 0) {
                return (at << 3) + Long.numberOfLeadingZeros(w);
            }
        }
        for (; at < bits.length; at++) {
            if (bits[at] != (byte) 0xFF) {
                return firstBit(at, ~bits[at] & 0xFF);
            }
        }
        return -1;
    }

    /** Index of the highest set bit of {@code b} (0..255, not 0), byte {@code at}: wire order, high bit first. */
    private static int firstBit(int at, int b) {
        return (at << 3) + Integer.numberOfLeadingZeros(b) - 24;
    }

    /** The spare bits after the last piece are always clear, so a scan for a clear bit may land on one (or end: -1). */
    private int belowSize(int index) {
        return index < size ? index : -1;
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
