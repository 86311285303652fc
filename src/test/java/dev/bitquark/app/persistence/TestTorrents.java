package dev.bitquark.app.persistence;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small real torrents (two files, a few pieces) and resume data that fits them. Immutable. */
record TestTorrents(InfoHash hash, byte[] bytes, int pieceCount, int files) {

    /** Torrent number {@code i}: distinct content, so a distinct info-hash. */
    static TestTorrents create(int i) {
        Random random = new Random(i);
        byte[] a = new byte[20_000 + random.nextInt(40_000)];
        byte[] b = new byte[1 + random.nextInt(20_000)];
        random.nextBytes(a);
        random.nextBytes(b);
        try {
            byte[] bytes = TorrentWriter.multiFile("torrent-" + i)
                    .addFile(List.of("a.bin"), a).addFile(List.of("sub", "b.bin"), b)
                    .pieceLength(16 * 1024).write();
            Metainfo m = Metainfo.parse(bytes);
            return new TestTorrents(m.infoHash(), bytes, m.pieceCount(), m.files().size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resume data with the first {@code havePieces} pieces (at most all) done, uploaded = {@code uploaded}. */
    ResumeData resume(long addedAt, int havePieces, long uploaded) {
        byte[] have = new byte[(pieceCount + 7) / 8];
        for (int p = 0; p < Math.min(havePieces, pieceCount); p++) {
            have[p >>> 3] |= (byte) (0x80 >>> (p & 7));
        }
        List<FilePriority> prio = new ArrayList<>(Collections.nCopies(files, FilePriority.NORMAL));
        prio.set(files - 1, FilePriority.HIGH);
        long[] sizes = new long[files];
        long[] mtimes = new long[files];
        for (int f = 0; f < files; f++) {
            sizes[f] = f == 0 ? 1234 : -1;
            mtimes[f] = f == 0 ? 1_700_000_000_000L + addedAt : -1;
        }
        return new ResumeData(hash, Path.of("/downloads/" + hash.toHex().substring(0, 6)), pieceCount, have, prio,
                sizes, mtimes, uploaded, 5000, addedAt, -1, false, false, 0, 0, null);
    }

    ResumeData resume(long addedAt) {
        return resume(addedAt, 1, 0);
    }
}
