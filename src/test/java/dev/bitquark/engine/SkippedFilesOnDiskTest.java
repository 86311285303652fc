package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Regression: skipped files were created on disk at full size (sparse, holding the bytes of the pieces they share
 * with wanted files), a 17-byte skipped file was written whole, and a file skipped later kept its full size. Files
 * here are not piece-aligned, so wanted pieces carry bytes of skipped files: those go to the hidden part file
 * {@code .<info-hash>.parts}, and into the real file only if it becomes wanted.
 */
@LoopbackSwarm
class SkippedFilesOnDiskTest {
    private static final int PIECE = 16384;

    @TempDir
    Path work;

    private byte[][] files;
    private Metainfo meta;
    private Path seedDir;

    /** f0 10.5 pieces, f1 17 bytes (inside one piece shared with f0 and f2), f2 7.3 pieces, f3 5 pieces + 99. */
    private void prepare() throws Exception {
        files = new byte[][] {payload(10 * PIECE + PIECE / 2, 1), payload(17, 2), payload(7 * PIECE + 5000, 3),
                payload(5 * PIECE + 99, 4)};
        meta = SessionFixture.multiFile("mix", PIECE, files);
        seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "mix", files);
    }

    private Path partFile(Path out) {
        return out.resolve("." + meta.infoHash().toHex() + ".parts");
    }

    /** Downloads {@link #meta} into {@code out} from {@code seeder} with f1 and f2 skipped from the start. */
    private TorrentHandle downloadSkippingF1AndF2(EngineUnderTest seeder, EngineUnderTest leecher, Path out)
            throws Exception {
        seed(seeder, meta, seedDir);
        TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out).withFilePriorities(
                List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.SKIP, FilePriority.NORMAL))));
        await(h.addPeers(peersOf(seeder)));
        EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
        return h;
    }

    private static List<String> filesUnder(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void skippedFilesAreNeverCreatedAndComeFromThePartFileWhenWanted() throws Exception {
        prepare();
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle h = downloadSkippingF1AndF2(seeder, leecher, out);

            assertEquals(List.of("." + meta.infoHash().toHex() + ".parts", "mix/f0.bin", "mix/f3.bin"), filesUnder(out),
                    "only the wanted files and the hidden part file are on disk");
            assertArrayEquals(files[0], Files.readAllBytes(out.resolve("mix/f0.bin")));
            assertArrayEquals(files[3], Files.readAllBytes(out.resolve("mix/f3.bin")));
            // The part file holds only the shared pieces (2: f0|f1|f2 and f2|f3), not the skipped files whole.
            assertTrue(Files.size(partFile(out)) < 8L * PIECE, "part file of " + Files.size(partFile(out)) + " bytes");

            // A check reads the shared pieces from the part file: all wanted pieces are there.
            await(h.recheck());
            assertTrue(stats(h).finished(), "the recheck found every wanted piece: " + stats(h));

            // f1 (17 bytes, all in a downloaded piece) is wanted now: it comes out of the part file, no download.
            long before = stats(h).downloadedTotal();
            await(h.setFilePriority(1, FilePriority.NORMAL));
            waitUntil("f1 out of the part file", () -> Files.exists(out.resolve("mix/f1.bin")));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(files[1], Files.readAllBytes(out.resolve("mix/f1.bin")));
            assertEquals(before, stats(h).downloadedTotal(), "nothing was downloaded again");

            // f2 too: its shared pieces come from the part file, the rest from the peer; the part file goes.
            await(h.setFilePriority(2, FilePriority.NORMAL));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            waitUntil("the part file is gone once empty", () -> !Files.exists(partFile(out)));
            assertArrayEquals(files[2], Files.readAllBytes(out.resolve("mix/f2.bin")));
            await(h.recheck());
            assertTrue(stats(h).finished());
        }
    }

    @Test
    void aFileSkippedAfterItStartedLeavesTheDiskWhenItHoldsNothingOfItsOwn() throws Exception {
        prepare();
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            // Only f0 and f1 wanted: the piece shared with f2 brings f2's first bytes, into the file f2 itself
            // because f2 is wanted until now.
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out).withFilePriorities(
                    List.of(FilePriority.NORMAL, FilePriority.NORMAL, FilePriority.NORMAL, FilePriority.SKIP))));
            await(h.setFilePriority(2, FilePriority.SKIP));
            await(h.setFilePriority(2, FilePriority.NORMAL));
            await(h.addPeers(peersOf(seeder)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertTrue(Files.exists(out.resolve("mix/f2.bin")));
            // f3 was skipped from the start and never created, though its first piece (shared with f2) is had.
            assertFalse(Files.exists(out.resolve("mix/f3.bin")));

            // Skipping f3's neighbour f2 now: it holds whole pieces of its own, so it stays (nothing is lost).
            await(h.setFilePriority(2, FilePriority.SKIP));
            Thread.sleep(200);
            assertArrayEquals(files[2], Files.readAllBytes(out.resolve("mix/f2.bin")));
            await(h.recheck());
            assertTrue(stats(h).finished());
        }
        // A fresh torrent where f3 is wanted and then skipped before anything of its own arrived: no peers, so
        // nothing is downloaded; then it is skipped: the file is not on disk and never appears.
        Path other = work.resolve("other");
        try (EngineUnderTest engine = new EngineUnderTest(other)) {
            TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(other)));
            waitUntil("checked", () -> stats(h).state() == TorrentState.LIVE);
            await(h.setFilePriority(3, FilePriority.SKIP));
            Thread.sleep(100);
            assertFalse(Files.exists(other.resolve("mix/f3.bin")));
        }
    }

    @Test
    void thePartFileSurvivesARestartAndAMove() throws Exception {
        prepare();
        Path out = work.resolve("out");
        ResumeData resume;
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle h = downloadSkippingF1AndF2(seeder, leecher, out);
            await(leecher.engine.close());
            resume = await(h.resumeData());
        }
        Path moved = out.resolve("moved");
        try (EngineUnderTest second = new EngineUnderTest(out)) {
            TorrentHandle h = await(second.engine.add(meta, TorrentOptions.defaults(out), resume));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertFalse(Files.exists(out.resolve("mix/f1.bin")));
            await(h.moveStorage(moved));
            waitUntil("moved", () -> stats(h).saveDir().equals(moved.toString()) && stats(h).state() == TorrentState.LIVE);
            assertTrue(Files.exists(moved.resolve("." + meta.infoHash().toHex() + ".parts")), "the part file moved");
            assertFalse(Files.exists(partFile(out)));
            await(h.recheck());
            assertTrue(stats(h).finished(), "the shared pieces are still whole after the move: " + stats(h));
            await(h.setFilePriority(1, FilePriority.NORMAL));
            waitUntil("f1 out of the part file", () -> Files.exists(moved.resolve("mix/f1.bin")));
            assertArrayEquals(files[1], Files.readAllBytes(moved.resolve("mix/f1.bin")));
            assertTrue(await(second.engine.remove(meta.infoHash(), true)) == null);
            assertFalse(Files.exists(moved.resolve("." + meta.infoHash().toHex() + ".parts")),
                    "removed with its files, the part file goes too");
        }
    }
}
