package dev.bitquark.dht.krpc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit DHT node id, or any key in the same space (an info-hash, a lookup target). BEP 5: "the
 * distance metric is XOR and the result is interpreted as an unsigned integer". Immutable.
 */
public final class NodeId {
    public static final int LENGTH = 20;
    public static final int BITS = 160;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code bytes}, which must be exactly 20 bytes (BEP 5 ids and info-hashes). */
    public static NodeId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("id must be 20 bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return new NodeId(bytes.clone());
    }

    /** Reads 20 bytes at {@code offset}. */
    public static NodeId of(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < LENGTH) {
            throw new IllegalArgumentException("not enough bytes for an id at offset " + offset);
        }
        return new NodeId(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    public static NodeId fromHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** A uniformly random id. */
    public static NodeId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new NodeId(b);
    }

    /**
     * A random id sharing exactly the first {@code prefixBits} bits with this one and, unless
     * {@code orDeeper}, differing at bit {@code prefixBits}: a random point of routing-table bucket
     * {@code prefixBits} (BEP 5 refresh: "a random ID in the range of the bucket").
     */
    public NodeId randomWithPrefix(int prefixBits, boolean orDeeper, RandomGenerator random) {
        if (prefixBits < 0 || prefixBits > BITS) {
            throw new IllegalArgumentException("prefix of " + prefixBits + " bits");
        }
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        for (int i = 0; i < prefixBits; i++) {
            setBit(b, i, bit(i));
        }
        if (!orDeeper && prefixBits < BITS) {
            setBit(b, prefixBits, !bit(prefixBits));
        }
        return new NodeId(b);
    }

    public boolean bit(int index) {
        return (bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    private static void setBit(byte[] b, int index, boolean value) {
        int mask = 0x80 >>> (index & 7);
        b[index >>> 3] = (byte) (value ? b[index >>> 3] | mask : b[index >>> 3] & ~mask);
    }

    /** Number of leading bits this id shares with {@code other}: 160 if equal. */
    public int commonPrefixLength(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xFF;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /** Negative if {@code a} is closer to this id than {@code b} (XOR metric), 0 if equally close. */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < LENGTH; i++) {
            int da = (a.bytes[i] ^ bytes[i]) & 0xFF;
            int db = (b.bytes[i] ^ bytes[i]) & 0xFF;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    /** Orders ids by XOR distance to this one, closest first. */
    public Comparator<NodeId> byDistance() {
        return this::compareDistance;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
