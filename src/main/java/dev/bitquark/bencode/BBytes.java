package dev.bitquark.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bencoded byte string ({@code 4:spam}). Bencode strings are raw bytes, not text: names are
 * usually UTF-8, {@code pieces} is binary. Immutable and thread-safe: the bytes are copied on the
 * way in and on the way out.
 */
public final class BBytes implements BValue {
    public static final BBytes EMPTY = new BBytes(new byte[0]);

    private final byte[] bytes;

    private BBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static BBytes of(byte[] bytes) {
        return new BBytes(bytes.clone());
    }

    /** A byte string holding a copy of {@code length} bytes of {@code src} at {@code offset}. */
    public static BBytes of(byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        return new BBytes(Arrays.copyOfRange(src, offset, offset + length));
    }

    /** A byte string holding the UTF-8 encoding of {@code text}. */
    public static BBytes of(String text) {
        return new BBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes} without copying; only for arrays nobody else references. */
    static BBytes wrap(byte[] bytes) {
        return new BBytes(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] asBytes() {
        return bytes.clone();
    }

    /** Copies all bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes mapped one to one onto chars 0..255 (the form {@link BDict} uses for keys). */
    public String asLatin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** True if the bytes are well-formed UTF-8 (so {@link #asString()} is lossless). */
    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** True if the bytes equal {@code other}. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** Unsigned lexicographic order, the order of dictionary keys (BEP 3). */
    int compareTo(BBytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Writes the encoded bytes as-is (package-private: the encoder needs them without a copy). */
    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public String typeName() {
        return "byte string";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable ASCII as text, anything else as hex; long values are cut to keep logs small. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, 64);
        boolean printable = true;
        for (int i = 0; i < shown; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                printable = false;
                break;
            }
        }
        String body = printable
                ? '"' + new String(bytes, 0, shown, StandardCharsets.US_ASCII) + '"'
                : "0x" + java.util.HexFormat.of().formatHex(bytes, 0, shown);
        return shown < bytes.length ? body + "...(" + bytes.length + " bytes)" : body;
    }
}
