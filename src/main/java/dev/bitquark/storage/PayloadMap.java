package dev.bitquark.storage;

import dev.bitquark.metainfo.TorrentGeometry;

/**
 * Payload offset to file lookup for one {@link StorageLayout}: flat arrays and a binary search,
 * so the per-block path allocates nothing. Immutable and thread-safe.
 */
final class PayloadMap {
    private final TorrentGeometry geometry;
    private final long[] starts;
    private final long[] lengths;
    private final boolean[] padding;

    PayloadMap(StorageLayout layout) {
        this.geometry = layout.geometry();
        int n = layout.fileCount();
        starts = new long[n];
        lengths = new long[n];
        padding = new boolean[n];
        for (int i = 0; i < n; i++) {
            StorageFile f = layout.files().get(i);
            starts[i] = f.offset();
            lengths[i] = f.length();
            padding[i] = f.padding();
        }
    }

    int fileCount() {
        return starts.length;
    }

    long start(int file) {
        return starts[file];
    }

    long length(int file) {
        return lengths[file];
    }

    boolean isPadding(int file) {
        return padding[file];
    }

    /**
     * Index of the file holding payload byte {@code pos} ({@code 0 <= pos < totalLength}): the last
     * file starting at or before {@code pos}. Zero-length files share their start with the next
     * file and come before it, so the last one found is never empty.
     */
    int fileAt(long pos) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Validates a range of a piece and returns its payload offset.
     *
     * @throws IllegalArgumentException naming the piece and range if it is not inside the piece
     */
    long payloadOffset(int piece, int begin, int length) {
        int size = geometry.pieceSize(piece); // throws for a piece outside the torrent
        if (begin < 0 || length < 0 || (long) begin + length > size) {
            throw new IllegalArgumentException(
                    "range begin " + begin + " length " + length + " outside piece " + piece + " of " + size + " bytes");
        }
        return geometry.pieceOffset(piece) + begin;
    }
}
