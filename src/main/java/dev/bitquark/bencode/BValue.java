package dev.bitquark.bencode;

/**
 * A bencoded value (BEP 3): an integer, a byte string, a list or a dictionary. All implementations
 * are immutable and thread-safe once built; decoded values own copies of their bytes, except that a
 * decoded {@link BDict} keeps a reference to the source array to serve {@link BDict#rawBytes(String)}.
 */
public sealed interface BValue permits BInt, BBytes, BList, BDict {

    /** A short human-readable name of the kind of value, used in error messages. */
    String typeName();

    static BInt of(long value) {
        return new BInt(value);
    }

    /** A byte string holding the UTF-8 encoding of {@code text}. */
    static BBytes of(String text) {
        return BBytes.of(text);
    }

    /** A byte string holding a copy of {@code bytes}. */
    static BBytes of(byte[] bytes) {
        return BBytes.of(bytes);
    }
}
