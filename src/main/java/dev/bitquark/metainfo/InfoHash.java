package dev.bitquark.metainfo;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte SHA-1 of a torrent's bencoded {@code info} dictionary (BEP 3). Immutable and
 * thread-safe; the stable identity of a torrent everywhere (API ids use {@link #toHex()}).
 */
public final class InfoHash implements Comparable<InfoHash> {
    public static final int LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;
    /** {@link #toHex()}, made on first use: the API and the event stream ask for it every second per torrent. */
    private String hex;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code bytes}, which must be exactly 20 bytes long. */
    public static InfoHash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("info-hash must be 20 bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return new InfoHash(bytes.clone());
    }

    /** Reads 20 bytes at {@code offset} of {@code src}. */
    public static InfoHash of(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < LENGTH) {
            throw new IllegalArgumentException("not enough bytes for an info-hash at offset " + offset);
        }
        return new InfoHash(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    /** Parses 40 hex digits (either case). */
    public static InfoHash fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("info-hash must be 40 hex digits");
        }
        try {
            return new InfoHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("info-hash must be 40 hex digits: " + e.getMessage());
        }
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the 20 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    /** Lower-case 40-digit hex. */
    public String toHex() {
        String h = hex;
        if (h == null) {
            h = HEX.formatHex(bytes); // a race makes it twice, equal: harmless (String is immutable)
            hex = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(InfoHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
