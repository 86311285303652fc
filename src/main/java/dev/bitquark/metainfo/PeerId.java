package dev.bitquark.metainfo;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte peer id (BEP 20 style: {@code -BQ0100-} followed by 12 random bytes). Immutable.
 */
public final class PeerId {
    public static final int LENGTH = 20;
    /** BEP 20 Azureus-style prefix: client "BQ", version 0.1.0.0. */
    public static final String CLIENT_PREFIX = "-BQ0100-";
    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies exactly 20 bytes. */
    public static PeerId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("peer id must be 20 bytes");
        }
        return new PeerId(bytes.clone());
    }

    /** Reads 20 bytes at {@code offset}. */
    public static PeerId of(byte[] src, int offset) {
        if (offset < 0 || src.length - offset < LENGTH) {
            throw new IllegalArgumentException("not enough bytes for a peer id at offset " + offset);
        }
        return new PeerId(Arrays.copyOfRange(src, offset, offset + LENGTH));
    }

    /** A fresh id with our client prefix and 12 random URL-safe characters. */
    public static PeerId random() {
        // A fresh SecureRandom per call (this is rare): a static one would be created at native-image
        // build time and carry a fixed seed into every binary.
        SecureRandom random = new SecureRandom();
        byte[] b = new byte[LENGTH];
        byte[] prefix = CLIENT_PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        for (int i = prefix.length; i < LENGTH; i++) {
            b[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new PeerId(b);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
