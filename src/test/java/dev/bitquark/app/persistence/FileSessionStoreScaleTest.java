package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.engine.ResumeData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session of 1,000 torrents saved and loaded on the real disk; prints the times (no limit asserted). */
class FileSessionStoreScaleTest {
    static final int TORRENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void aThousandTorrentsRoundTrip() throws Exception {
        List<TestTorrents> torrents = new ArrayList<>(TORRENTS);
        for (int i = 0; i < TORRENTS; i++) {
            torrents.add(TestTorrents.create(10_000 + i));
        }
        long t0 = System.nanoTime();
        try (FileSessionStore s = FileSessionStoreTest.loaded(dir)) {
            for (int i = 0; i < TORRENTS; i++) {
                TestTorrents t = torrents.get(i);
                s.add(t.hash(), t.bytes(), t.resume(1000 + i));
            }
        }
        long t1 = System.nanoTime();
        try (FileSessionStore s = FileSessionStoreTest.loaded(dir)) {
            for (int i = 0; i < TORRENTS; i++) {
                s.saveResume(torrents.get(i).resume(1000 + i, 2, i));
            }
        }
        long t2 = System.nanoTime();
        List<StoredTorrent> loaded;
        long t3;
        try (FileSessionStore s = FileSessionStoreTest.opened(dir)) {
            t3 = System.nanoTime();
            loaded = s.load();
            long t4 = System.nanoTime();
            assertTrue(s.lastLoad().clean(), s.lastLoad().summary());
            System.out.printf("%d torrents: add %.0f ms (%.2f ms each), saveResume %.0f ms (%.2f ms each), "
                            + "load %.0f ms (%.3f ms each)%n", TORRENTS,
                    (t1 - t0) / 1e6, (t1 - t0) / 1e6 / TORRENTS, (t2 - t1) / 1e6, (t2 - t1) / 1e6 / TORRENTS,
                    (t4 - t3) / 1e6, (t4 - t3) / 1e6 / TORRENTS);
        }
        assertEquals(TORRENTS, loaded.size());
        for (int i = 0; i < TORRENTS; i++) {
            TestTorrents t = torrents.get(i);
            StoredTorrent st = loaded.get(i);
            assertEquals(t.hash(), st.infoHash(), "order at " + i);
            assertArrayEquals(t.bytes(), st.torrentFile());
            ResumeData r = st.resume();
            assertEquals(i, r.uploadedTotal());
            assertEquals(1000 + i, r.addedAtMillis());
        }
    }
}
