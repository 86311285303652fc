package dev.bitquark.storage;

import java.util.List;

/**
 * One file of a torrent as storage sees it: its position in the layout, its path below the
 * torrent's root (already sanitized path components, never joined with a separator), its length
 * and the payload offset of its first byte. A {@code padding} file (BEP 47 attribute {@code p})
 * only aligns the next file to a piece boundary: it is never created on disk and reads as zeros.
 *
 * <p>Immutable and thread-safe. Storage checks the path components again (defense in depth) when
 * it resolves them under the root: see {@link FileStorage}.
 */
public record StorageFile(int index, List<String> path, long length, long offset, boolean padding) {
    public StorageFile {
        if (index < 0) {
            throw new IllegalArgumentException("file index must not be negative, got " + index);
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("file " + index + " has an empty path");
        }
        path = List.copyOf(path); // also rejects null components
        if (length < 0) {
            throw new IllegalArgumentException("file " + index + " has a negative length " + length);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("file " + index + " has a negative offset " + offset);
        }
        if (Long.MAX_VALUE - offset < length) {
            throw new IllegalArgumentException("file " + index + " ends past the largest payload offset");
        }
    }

    /** Payload offset one past the last byte of this file. */
    public long end() {
        return offset + length;
    }

    /** The path components joined with {@code /}, for messages only. */
    public String displayPath() {
        return String.join("/", path);
    }
}
