package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.TorrentGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageLayoutTest {
    private static StorageFile file(int index, long length, long offset) {
        return new StorageFile(index, List.of("f" + index), length, offset, false);
    }

    @Test
    void acceptsFilesThatTileThePayload() {
        StorageLayout l = new StorageLayout(new TorrentGeometry(30, 16), List.of(file(0, 10, 0), file(1, 0, 10), file(2, 20, 10)));
        assertEquals(3, l.fileCount());
        assertEquals(30, l.file(2).end());
    }

    @Test
    void rejectsGapsOverlapsAndWrongTotals() {
        TorrentGeometry g = new TorrentGeometry(30, 16);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> new StorageLayout(g, List.of(file(0, 10, 0), file(1, 20, 11))));
        assertTrue(gap.getMessage().contains("file 1 starts at payload offset 11, expected 10"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StorageLayout(g, List.of(file(0, 10, 0), file(1, 20, 9))));
        assertThrows(IllegalArgumentException.class, () -> new StorageLayout(g, List.of(file(0, 10, 0), file(1, 19, 10))));
        assertThrows(IllegalArgumentException.class, () -> new StorageLayout(g, List.of(file(0, 10, 0), file(2, 20, 10))));
        assertThrows(IllegalArgumentException.class, () -> new StorageLayout(g, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new StorageLayout(g, List.of(file(0, 30, 0))).file(1));
    }

    @Test
    void storageFileRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new StorageFile(0, List.of(), 1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new StorageFile(0, List.of("a"), -1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new StorageFile(-1, List.of("a"), 1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new StorageFile(0, List.of("a"), Long.MAX_VALUE, 1, false));
    }

    @Test
    void payloadMapFindsTheFileHoldingEachByteSkippingEmptyFiles() {
        StorageLayout l = new StorageLayout(new TorrentGeometry(30, 16),
                List.of(file(0, 0, 0), file(1, 10, 0), file(2, 0, 10), file(3, 0, 10), file(4, 20, 10)));
        PayloadMap m = new PayloadMap(l);
        assertEquals(1, m.fileAt(0));
        assertEquals(1, m.fileAt(9));
        assertEquals(4, m.fileAt(10));
        assertEquals(4, m.fileAt(29));
    }
}
