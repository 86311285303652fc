package dev.bitquark.bencode;

/**
 * Malformed or over-limit bencode, or a value of the wrong type. The message says what is wrong;
 * {@link #offset()} is the byte offset in the source array where it was found, or -1 when the value
 * was not decoded from bytes. Unchecked: callers at a trust boundary catch it and map it to their
 * own error (bad torrent, bad tracker response, protocol violation).
 */
public final class BencodeException extends RuntimeException {
    private final int offset;

    public BencodeException(String message, int offset) {
        super(offset >= 0 ? message + " (at byte " + offset + ")" : message);
        this.offset = offset;
    }

    /** Byte offset in the source array, or -1 if unknown. */
    public int offset() {
        return offset;
    }
}
