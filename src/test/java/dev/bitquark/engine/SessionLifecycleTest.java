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
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/** bitquark ↔ bitquark on loopback: pause and resume, removal, recheck while live, the global connection limit. */
@LoopbackSwarm
class SessionLifecycleTest {
    @TempDir
    Path work;

    @Test
    void pauseAndResumeMidDownloadFinishesByteExact() throws Exception {
        byte[] data = payload(6_000_000, 11);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("movie.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("movie.bin", data).pieceLength(65536).write());
        Path out = work.resolve("out");
        SessionFixture.Recorder events = new SessionFixture.Recorder();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle seeding = seed(seeder, meta, seedDir);
            await(seeding.setRateLimits(0, 3L << 20)); // about two seconds of transfer: time to pause
            await(leecher.engine.setListener(events));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            waitUntil("a third downloaded", () -> stats(h).verifiedBytes() > data.length / 3);

            await(h.pause());
            TorrentStats paused = stats(h);
            assertEquals(TorrentState.PAUSED, paused.state());
            assertEquals(0, paused.peersConnected());
            assertFalse(paused.finished());
            // Not a wait for time: once the seeder has no connection to us either, nothing can arrive.
            waitUntil("the seeder sees the connection gone", () -> stats(seeding).peersConnected() == 0);
            assertEquals(0, stats(h).peersConnected(), "a paused torrent dials nobody");
            assertEquals(paused.downloadedTotal(), stats(h).downloadedTotal(), "nothing arrives while paused");
            ResumeData resume = await(h.resumeData());
            assertTrue(resume.paused());
            assertEquals(paused.havePieces(), Bitfield.fromBytes(resume.have(), meta.pieceCount()).cardinality(),
                    "pausing flushes: every had piece is durable");

            await(h.resume());
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(data, Files.readAllBytes(out.resolve("movie.bin")));
            assertTrue(stats(h).downloadedTotal() < 2L * data.length, "pieces had before the pause were kept");
            assertEquals(List.of("CHECKING", "LIVE", "PAUSED", "LIVE", "finished"), events.states());
            assertTrue(events.events.contains("resume"), "resume data changes are announced");
        }
    }

    @Test
    void removeWithDeleteFilesDeletesOnlyTheTorrentsFiles() throws Exception {
        byte[] a = payload(300_000, 1);
        byte[] b = payload(200_000, 2);
        Path seedDir = work.resolve("seed");
        Metainfo meta = SessionFixture.multiFile("album", 32768, a, b);
        SessionFixture.writeFiles(seedDir, "album", a, b);
        Path out = work.resolve("out");
        Files.createDirectories(out.resolve("album"));
        Files.writeString(out.resolve("foreign.txt"), "not the torrent's");
        Files.writeString(out.resolve("album").resolve("notes.txt"), "mine too");
        SessionFixture.Recorder events = new SessionFixture.Recorder();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            await(leecher.engine.setListener(events));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertTrue(Files.exists(out.resolve("album/f1.bin")));

            await(leecher.engine.remove(meta.infoHash(), true));

            assertFalse(Files.exists(out.resolve("album/f0.bin")));
            assertFalse(Files.exists(out.resolve("album/f1.bin")));
            assertEquals("not the torrent's", Files.readString(out.resolve("foreign.txt")));
            assertEquals("mine too", Files.readString(out.resolve("album/notes.txt")), "a folder with foreign files stays");
            assertEquals(0, await(leecher.engine.torrentCount()));
            ExecutionException gone = assertThrows(ExecutionException.class, () -> stats(h));
            assertEquals(EngineException.Kind.REMOVED, assertInstanceOf(EngineException.class, gone.getCause()).kind());
            waitUntil("removed event", () -> events.states().contains("removed"));
            assertArrayEquals(a, Files.readAllBytes(seedDir.resolve("album/f0.bin")), "the seeder's copy is untouched");
        }
    }

    @Test
    void removingWithoutDeletingKeepsTheFilesAndAnUnknownTorrentIsAnError() throws Exception {
        byte[] a = payload(100_000, 3);
        Path dir = work.resolve("seed");
        Metainfo meta = SessionFixture.multiFile("keep", 16384, a);
        SessionFixture.writeFiles(dir, "keep", a);
        try (EngineUnderTest engine = new EngineUnderTest(dir)) {
            seed(engine, meta, dir);
            assertEquals(meta.infoHash(), engine.engine.find(meta.infoHash()).orElseThrow().infoHash(),
                    "find: the handle of a torrent in the engine");
            await(engine.engine.remove(meta.infoHash(), false));
            assertTrue(engine.engine.find(meta.infoHash()).isEmpty(), "find: nothing once removed");
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("keep/f0.bin")));
            ExecutionException unknown = assertThrows(ExecutionException.class,
                    () -> await(engine.engine.remove(meta.infoHash(), true)));
            assertEquals(EngineException.Kind.NOT_FOUND, assertInstanceOf(EngineException.class, unknown.getCause()).kind());
        }
    }

    @Test
    void recheckWhileLiveFindsACorruptedPieceAndDownloadsItAgain() throws Exception {
        byte[] data = payload(2_000_000, 21);
        int pieceLength = 32768;
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("disk.img"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("disk.img", data).pieceLength(pieceLength).write());
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertEquals(data.length, stats(h).downloadedTotal());

            try (RandomAccessFile f = new RandomAccessFile(out.resolve("disk.img").toFile(), "rw")) {
                f.seek(5L * pieceLength + 100);
                f.write(data[5 * pieceLength + 100] ^ 0x5A);
            }
            await(h.recheck());
            TorrentStats afterCheck = stats(h);
            assertEquals(meta.pieceCount(), afterCheck.checkedPieces(), "a recheck reads every piece");
            assertFalse(afterCheck.fastResumed());

            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(data, Files.readAllBytes(out.resolve("disk.img")));
            TorrentStats done = stats(h);
            assertEquals(data.length + pieceLength, done.downloadedTotal(), "exactly the damaged piece came again");
            assertEquals(TorrentState.LIVE, done.state());
        }
    }

    @Test
    void moveStorageWhileDownloadingFinishesInTheNewFolder() throws Exception {
        byte[] a = payload(2_500_000, 41);
        byte[] b = payload(1_000_000, 42);
        Metainfo meta = SessionFixture.multiFile("moving", 32768, a, b);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "moving", a, b);
        Path out = work.resolve("out");
        Path moved = work.resolve("moved");
        SessionFixture.Recorder events = new SessionFixture.Recorder();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle seeding = seed(seeder, meta, seedDir);
            await(seeding.setRateLimits(0, 1L << 20));
            await(leecher.engine.setListener(events));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            waitUntil("some data", () -> stats(h).havePieces() > 4);

            await(h.moveStorage(moved));
            assertEquals(TorrentState.LIVE, stats(h).state(), "back to where it was");
            assertFalse(Files.exists(out.resolve("moving/f0.bin")));
            assertTrue(Files.exists(moved.resolve("moving/f0.bin")));

            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(a, Files.readAllBytes(moved.resolve("moving/f0.bin")));
            assertArrayEquals(b, Files.readAllBytes(moved.resolve("moving/f1.bin")));
            assertFalse(Files.exists(out.resolve("moving")), "the old folder, which the engine created, is gone");
            assertEquals(moved.toAbsolutePath().normalize(), await(h.resumeData()).saveDir());
            assertTrue(stats(h).downloadedTotal() < a.length + b.length + 2_000_000L);
            assertEquals(List.of("CHECKING", "LIVE", "PAUSED", "LIVE", "finished"), events.states());
        }
    }

    @Test
    void aFailedMoveKeepsTheOldCopyInUse() throws Exception {
        byte[] a = payload(200_000, 44);
        Path dir = work.resolve("data");
        Path target = work.resolve("target");
        Metainfo meta = SessionFixture.multiFile("stay", 16384, a);
        SessionFixture.writeFiles(dir, "stay", a);
        Files.createDirectories(target.resolve("stay"));
        Files.writeString(target.resolve("stay/f0.bin"), "someone else's file");
        try (EngineUnderTest engine = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(engine, meta, dir);
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(h.moveStorage(target)));
            EngineException storage = assertInstanceOf(EngineException.class, e.getCause());
            assertEquals(EngineException.Kind.STORAGE, storage.kind());
            assertInstanceOf(dev.bitquark.storage.StorageException.class, storage.getCause());
            assertEquals(TorrentState.LIVE, stats(h).state());
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("stay/f0.bin")));
            assertEquals("someone else's file", Files.readString(target.resolve("stay/f0.bin")));
            assertEquals(dir.toAbsolutePath().normalize(), await(h.resumeData()).saveDir());
        }
    }

    @Test
    void recheckOfAPausedTorrentLeavesItPausedAndResumeGoesLiveWithoutAnotherCheck() throws Exception {
        byte[] a = payload(400_000, 43);
        Path dir = work.resolve("data");
        Metainfo meta = SessionFixture.multiFile("still", 16384, a);
        SessionFixture.writeFiles(dir, "still", a);
        try (EngineUnderTest engine = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(engine, meta, dir);
            await(h.pause());
            await(h.recheck());
            TorrentStats s = stats(h);
            assertEquals(TorrentState.PAUSED, s.state());
            assertEquals(meta.pieceCount(), s.havePieces());
            assertEquals(meta.pieceCount(), s.checkedPieces());
            await(h.resume());
            assertEquals(TorrentState.LIVE, stats(h).state(), "the pieces are known: no check on resume");
            assertTrue(stats(h).finished());
        }
    }

    @Test
    void globalConnectionLimitHoldsAcrossTorrents() throws Exception {
        byte[] one = payload(1_200_000, 31);
        byte[] two = payload(1_200_000, 32);
        Path seedDir = work.resolve("seed");
        Metainfo m1 = SessionFixture.multiFile("one", 32768, one);
        Metainfo m2 = SessionFixture.multiFile("two", 32768, two);
        SessionFixture.writeFiles(seedDir, "one", one);
        SessionFixture.writeFiles(seedDir, "two", two);
        Path out = work.resolve("out");
        EngineConfig limited = new EngineConfig("127.0.0.1", 0, out).withMaxConnections(2);
        try (EngineUnderTest s1 = new EngineUnderTest(seedDir);
             EngineUnderTest s2 = new EngineUnderTest(seedDir);
             EngineUnderTest s3 = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(limited)) {
            for (EngineUnderTest s : List.of(s1, s2, s3)) {
                // 256 KiB/s per seeder (one second of burst): each download takes about a second.
                await(s.engine.setRateLimits(0, 256L << 10));
                seed(s, m1, seedDir);
                seed(s, m2, seedDir);
            }
            TorrentHandle h1 = await(leecher.engine.add(m1, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(s1, s2, s3))));
            TorrentHandle h2 = await(leecher.engine.add(m2, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(s1, s2, s3))));
            int most = 0;
            while (!(stats(h1).finished() && stats(h2).finished())) {
                SessionStats s = await(leecher.engine.sessionStats());
                most = Math.max(most, s.peersConnected());
                assertTrue(s.peersConnected() <= 2, "connections across torrents: " + s.peersConnected());
                assertTrue(stats(h1).peersConnected() + stats(h2).peersConnected() <= 2);
                Thread.sleep(10);
            }
            assertEquals(2, most, "the limit was reached, and it held");
            assertArrayEquals(one, Files.readAllBytes(out.resolve("one/f0.bin")));
            assertArrayEquals(two, Files.readAllBytes(out.resolve("two/f0.bin")));
            SessionStats end = await(leecher.engine.sessionStats());
            assertEquals(2, end.torrents());
            assertEquals(2, end.seeding());
            assertEquals(one.length + two.length, end.downloadedTotal());
        }
    }

    @Test
    void connectionLimitChangedAtRunTimeHolds() throws Exception {
        byte[] one = payload(600_000, 33);
        Path seedDir = work.resolve("seed");
        Metainfo m1 = SessionFixture.multiFile("one", 32768, one);
        SessionFixture.writeFiles(seedDir, "one", one);
        Path out = work.resolve("out");
        try (EngineUnderTest s1 = new EngineUnderTest(seedDir);
             EngineUnderTest s2 = new EngineUnderTest(seedDir);
             EngineUnderTest s3 = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            SessionFixture.seedThrottled(m1, seedDir, 256L << 10, s1, s2, s3);
            await(leecher.engine.setMaxConnections(1));
            assertEquals(1, await(leecher.engine.sessionStats()).maxConnections());
            TorrentHandle h = await(leecher.engine.add(m1, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(s1, s2, s3))));
            int most = 0;
            while (!stats(h).finished()) {
                SessionStats s = await(leecher.engine.sessionStats());
                most = Math.max(most, s.peersConnected());
                assertTrue(s.connections() <= 1, "dialing and connected: " + s.connections());
                Thread.sleep(10);
            }
            assertEquals(1, most, "the limit was reached, and it held");
            assertArrayEquals(one, Files.readAllBytes(out.resolve("one/f0.bin")));
            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> await(leecher.engine.setMaxConnections(0)));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, refused.getCause(),
                    "at least one connection").kind());
        }
    }
}
