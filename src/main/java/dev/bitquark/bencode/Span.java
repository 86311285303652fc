package dev.bitquark.bencode;

/**
 * A half-open byte range {@code [start, end)} of the array a value was decoded from. Used to hash
 * exactly the bytes of the file (the info-hash is the SHA-1 of the raw {@code info} value, BEP 3),
 * whatever normalisation a re-encode would apply. Immutable.
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
