package dev.bitquark.bencode;

/** A bencoded integer ({@code i42e}), limited to the range of a Java {@code long}. Immutable. */
public record BInt(long value) implements BValue {

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
