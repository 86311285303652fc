package dev.bitquark.storage;

import dev.bitquark.metainfo.TorrentGeometry;
import java.util.List;

/**
 * What storage needs to know about a torrent: its piece geometry and its files in payload order
 * (BEP 3: the payload is the files concatenated in the order of the info dictionary). The engine
 * builds it from the metainfo; storage depends on nothing else.
 *
 * <p>Immutable and thread-safe. The constructor proves the files tile the payload exactly: file
 * {@code i} has index {@code i}, starts where file {@code i - 1} ends, and the last one ends at
 * {@link TorrentGeometry#totalLength()}.
 */
public record StorageLayout(TorrentGeometry geometry, List<StorageFile> files) {
    public StorageLayout {
        if (geometry == null) {
            throw new IllegalArgumentException("geometry is missing");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("a torrent needs at least one file");
        }
        files = List.copyOf(files);
        long expected = 0;
        for (int i = 0; i < files.size(); i++) {
            StorageFile f = files.get(i);
            if (f.index() != i) {
                throw new IllegalArgumentException("file at position " + i + " has index " + f.index());
            }
            if (f.offset() != expected) {
                throw new IllegalArgumentException(
                        "file " + i + " starts at payload offset " + f.offset() + ", expected " + expected);
            }
            expected = f.end();
        }
        if (expected != geometry.totalLength()) {
            throw new IllegalArgumentException(
                    "files cover " + expected + " bytes but the torrent has " + geometry.totalLength());
        }
    }

    public int fileCount() {
        return files.size();
    }

    public StorageFile file(int index) {
        if (index < 0 || index >= files.size()) {
            throw new IllegalArgumentException("file " + index + " outside 0.." + (files.size() - 1));
        }
        return files.get(index);
    }

    /** This layout with file {@code index} at {@code path} (components below the root) instead. */
    public StorageLayout withPath(int index, List<String> path) {
        StorageFile f = file(index);
        List<StorageFile> next = new java.util.ArrayList<>(files);
        next.set(index, new StorageFile(index, path, f.length(), f.offset(), f.padding()));
        return new StorageLayout(geometry, next);
    }
}
