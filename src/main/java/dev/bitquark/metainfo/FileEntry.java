package dev.bitquark.metainfo;

import java.util.List;

/**
 * One file of a torrent's payload, in torrent order.
 *
 * <p>{@link #path()} holds sanitized components (see {@link PathSanitizer}), relative to the
 * torrent's directory for a multi-file torrent ({@link Metainfo#name()}), or just {@code [name]} for a
 * single-file torrent; {@link Metainfo#storagePath(int)} gives the path under the save directory.
 * {@link #offset()} is the payload offset of the file's first byte. A padding file (BEP 47) only
 * aligns the next file to a piece boundary: its bytes are zeros and it must never be created on disk.
 * Immutable.
 *
 * @param attributes BEP 47 {@code attr} letters ({@code p} padding, {@code x} executable,
 *                   {@code h} hidden, {@code l} symlink), empty if absent
 */
public record FileEntry(int index, List<String> path, long length, long offset, boolean padding, String attributes) {
    public FileEntry {
        path = List.copyOf(path);
        if (index < 0 || length < 0 || offset < 0 || path.isEmpty()) {
            throw new IllegalArgumentException("bad file entry " + index + " " + path);
        }
        attributes = attributes == null ? "" : attributes;
    }

    /** Payload offset just after the file's last byte. */
    public long endOffset() {
        return offset + length;
    }

    /** BEP 47 {@code x}: the file should be made executable. */
    public boolean executable() {
        return attributes.indexOf('x') >= 0;
    }

    /** BEP 47 {@code h}: the file should be hidden. */
    public boolean hidden() {
        return attributes.indexOf('h') >= 0;
    }

    /** The path joined with {@code /}, for display and logs. */
    public String displayPath() {
        return String.join("/", path);
    }
}
