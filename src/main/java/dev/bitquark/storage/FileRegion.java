package dev.bitquark.storage;

import java.nio.file.Path;

/**
 * A contiguous run of bytes of one file, for zero-copy uploads: the engine opens {@code file} and
 * sends {@code length} bytes from {@code position} (sendfile). A region with a null {@code file}
 * stands for a BEP 47 padding file, which is never on disk: send {@code length} zero bytes.
 * Immutable and thread-safe.
 */
public record FileRegion(Path file, long position, int length) {
    public FileRegion {
        if (position < 0 || length <= 0) {
            throw new IllegalArgumentException("bad region: position " + position + ", length " + length);
        }
    }

    /** A run of {@code length} zero bytes of a padding file. */
    public static FileRegion zeros(int length) {
        return new FileRegion(null, 0, length);
    }

    public boolean isZeros() {
        return file == null;
    }
}
