package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TorrentGeometry;

/**
 * One BEP 3 {@code request}: {@code length} bytes at offset {@code begin} of {@code piece}. Requests chosen by
 * {@link PiecePicker} are block-aligned, so {@link #block()} is the block index. Immutable and thread-safe.
 */
public record BlockRequest(int piece, int begin, int length) {
    public BlockRequest {
        if (piece < 0 || begin < 0 || length <= 0) {
            throw new IllegalArgumentException(
                    "invalid block request: piece " + piece + ", begin " + begin + ", length " + length);
        }
    }

    /** Index of the block within its piece. */
    public int block() {
        return begin / TorrentGeometry.BLOCK_SIZE;
    }
}
