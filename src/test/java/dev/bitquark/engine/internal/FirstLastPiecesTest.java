package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * First and last piece priority (qBittorrent's "firstLastPiecePrio"): the first and the last piece of each wanted
 * file are high priority, the others keep their file's; skipped files get nothing; turning it off restores them.
 */
class FirstLastPiecesTest {
    @Test
    void theEdgesOfEachWantedFileComeFirst() throws Exception {
        int piece = 16384;
        // Files of 5, 3 and 4 pieces, each starting on a piece boundary: pieces 0-4, 5-7, 8-11.
        Metainfo meta = Metainfo.parse(TorrentWriter.multiFile("fl").pieceLength(piece)
                .addFile(List.of("a.mkv"), OnContext.payload(5 * piece, 1))
                .addFile(List.of("b.nfo"), OnContext.payload(3 * piece, 2))
                .addFile(List.of("c.mkv"), OnContext.payload(4 * piece, 3)).write());
        try (OnContext on = new OnContext()) {
            Torrent t = on.torrent(meta);
            on.run(() -> {
                t.setFilePriorities(List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.LOW));
                t.selection().setFirstLast(true);
            });
            List<Priority> on1 = on.call(() -> {
                java.util.List<Priority> out = new java.util.ArrayList<>();
                for (int p = 0; p < 12; p++) {
                    out.add(t.picker().piecePriority(p));
                }
                return out;
            });
            assertEquals(List.of(Priority.HIGH, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL, Priority.HIGH,
                    Priority.SKIP, Priority.SKIP, Priority.SKIP,
                    Priority.HIGH, Priority.LOW, Priority.LOW, Priority.HIGH), on1);
            on.run(() -> t.selection().setFirstLast(false));
            assertEquals(Priority.NORMAL, on.call(() -> t.picker().piecePriority(0)));
            assertEquals(Priority.LOW, on.call(() -> t.picker().piecePriority(11)));
        }
    }
}
