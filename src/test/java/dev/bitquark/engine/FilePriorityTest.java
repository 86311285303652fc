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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * File priorities on a live torrent: skipped files are not downloaded; selecting one after the
 * torrent finished makes it download again (interest re-sent, seeds re-dialed); high priority first.
 * Files are whole pieces long (32 KiB pieces), so no piece is shared between files.
 */
@LoopbackSwarm
class FilePriorityTest {
    private static final int PIECE = 32768;

    @TempDir
    Path work;

    @Test
    void skippedFileIsNotDownloadedAndSelectingItLaterCompletesIt() throws Exception {
        byte[][] files = {payload(8 * PIECE, 1), payload(6 * PIECE, 2), payload(4 * PIECE, 3)};
        Metainfo meta = SessionFixture.multiFile("set", PIECE, files);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "set", files);
        // A partial peer: it skipped f2, so it stays connected to us after we finish (not a seed).
        Path partialDir = work.resolve("partial");
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest partial = new EngineUnderTest(partialDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            TorrentHandle p = await(partial.engine.add(meta, TorrentOptions.defaults(partialDir)));
            await(p.setFilePriority(2, FilePriority.SKIP));
            await(p.addPeers(peersOf(seeder)));
            EngineUnderTest.awaitFinished(p, SessionFixture.TIMEOUT);
            assertFalse(Files.exists(partialDir.resolve("set/f2.bin")));

            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            await(h.setFilePriorities(List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.NORMAL)));
            await(h.addPeers(peersOf(seeder, partial)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);

            assertArrayEquals(files[0], Files.readAllBytes(out.resolve("set/f0.bin")));
            assertArrayEquals(files[2], Files.readAllBytes(out.resolve("set/f2.bin")));
            assertFalse(Files.exists(out.resolve("set/f1.bin")), "a skipped file is not created");
            TorrentStats done = stats(h);
            assertEquals(files[0].length + files[2].length, done.wantedBytes());
            assertEquals(files[0].length + files[2].length, done.downloadedTotal());
            List<FileStats> fs = await(h.fileStats());
            assertEquals(FilePriority.SKIP, fs.get(1).priority());
            assertEquals(0, fs.get(1).verifiedBytes());
            assertEquals(1.0, fs.get(0).progress());
            String partialAddress = peersOf(partial).get(0).getAddress().getHostAddress() + ":" + partial.engine.peerPort();
            waitUntil("only the partial peer stays connected", () -> {
                List<PeerStats> ps = await(h.peerStats());
                return ps.size() == 1 && ps.get(0).address().equals(partialAddress) && !ps.get(0).amInterested();
            });

            PeerStats before = await(h.peerStats()).get(0);
            assertEquals("bitquark 0.1", before.client(), "BEP 10 v");
            assertEquals(14.0 / 18, before.progress(), 1e-9, "the partial peer has f0 and f1: 14 of 18 pieces");
            assertFalse(before.seed());

            await(h.setFilePriority(1, FilePriority.HIGH));
            // On loopback f1 (4 pieces) may arrive before the next call reads the stats: then the
            // torrent is finished again, with f1 verified. Either way the selection took effect.
            TorrentStats selected = stats(h);
            assertEquals(files[0].length + files[1].length + files[2].length, selected.wantedBytes());
            assertTrue(!selected.finished() || selected.verifiedBytes() == selected.wantedBytes(),
                    "a newly selected file makes the torrent unfinished until it is downloaded: " + selected);
            List<PeerStats> toPartial = await(h.peerStats());
            assertTrue(stats(h).finished() || (!toPartial.isEmpty() && toPartial.get(0).amInterested()),
                    "INTERESTED is sent again to the peer that has f1: " + toPartial);
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(files[1], Files.readAllBytes(out.resolve("set/f1.bin")));
            assertEquals(files[0].length + files[1].length + files[2].length, stats(h).downloadedTotal());
        }
    }

    @Test
    void highPriorityFileFinishesFirst() throws Exception {
        byte[][] files = {payload(64 * PIECE, 4), payload(8 * PIECE, 5)};
        Metainfo meta = SessionFixture.multiFile("pair", PIECE, files);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "pair", files);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle seeding = seed(seeder, meta, seedDir);
            await(seeding.setRateLimits(0, 1L << 20));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            await(h.setFilePriority(1, FilePriority.HIGH));
            await(h.addPeers(peersOf(seeder)));
            waitUntil("the high-priority file", () -> await(h.fileStats()).get(1).progress() == 1.0);
            List<FileStats> fs = await(h.fileStats());
            assertTrue(fs.get(0).progress() < 1.0, "the normal file is not done yet: " + fs.get(0));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(files[0], Files.readAllBytes(out.resolve("pair/f0.bin")));
        }
    }

    @Test
    void rejectsAPriorityListOfTheWrongLength() throws Exception {
        byte[][] files = {payload(PIECE, 6), payload(PIECE, 7)};
        Metainfo meta = SessionFixture.multiFile("two", PIECE, files);
        try (EngineUnderTest engine = new EngineUnderTest(work)) {
            TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(work)));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(h.setFilePriorities(List.of(FilePriority.HIGH))));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, e.getCause()).kind());
            assertThrows(ExecutionException.class, () -> await(h.setFilePriority(2, FilePriority.HIGH)));
            assertEquals(List.of(FilePriority.NORMAL, FilePriority.NORMAL), await(h.filePriorities()));
        }
    }
}
