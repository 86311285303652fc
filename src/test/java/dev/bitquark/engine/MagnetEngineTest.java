package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.multiFile;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static dev.bitquark.engine.SessionFixture.writeFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * The magnet phase of the engine in-process: one bitquark engine serves the metadata (BEP 9) to
 * another; the handle of a magnet follows it into a torrent; what a torrent without metadata
 * refuses; removal while fetching; BEP 53 {@code so=}.
 */
@LoopbackSwarm
class MagnetEngineTest {
    @TempDir
    Path work;

    private static Magnet magnetOf(Metainfo meta, String extra) {
        return Magnet.parse("magnet:?xt=urn:btih:" + meta.infoHash().toHex() + extra);
    }

    @Test
    void fetchesMetadataFromABitquarkSeederAndDownloadsOnlyTheFilesOfSo() throws Exception {
        byte[] f0 = payload(300_000, 1);
        byte[] f1 = payload(200_000, 2);
        Metainfo meta = multiFile("so", 16384, f0, f1);
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "so", f0, f1);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            SessionFixture.Recorder events = new SessionFixture.Recorder();
            await(leecher.engine.setListener(events));
            TorrentHandle h = await(leecher.engine.addMagnet(magnetOf(meta, "&so=0&x.pe=127.0.0.1:"
                    + seeder.engine.peerPort()), TorrentOptions.defaults(out)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(f0, Files.readAllBytes(out.resolve("so/f0.bin")));
            List<FilePriority> priorities = await(h.filePriorities());
            assertEquals(List.of(FilePriority.NORMAL, FilePriority.SKIP), priorities, "BEP 53: only file 0");
            assertEquals(List.of("METADATA", "metadata", "CHECKING", "LIVE", "finished"), events.states());
            assertEquals(meta.infoHash(), h.metainfo().infoHash());
            assertEquals("so", stats(h).name());
        }
    }

    @Test
    void addingTheTorrentOfAFetchingMagnetEndsTheFetchOnTheSameHandle() throws Exception {
        byte[] f0 = payload(100_000, 3);
        Metainfo meta = multiFile("given", 16384, f0);
        Path out = work.resolve("out");
        try (EngineUnderTest engine = new EngineUnderTest(out)) {
            SessionFixture.Recorder events = new SessionFixture.Recorder();
            await(engine.engine.setListener(events));
            TorrentHandle magnet = await(engine.engine.addMagnet(magnetOf(meta, "&dn=given"), TorrentOptions.defaults(out)));
            assertEquals(TorrentState.METADATA, stats(magnet).state());
            assertEquals("given", stats(magnet).name(), "dn names it until the metadata arrives");
            assertEquals(1, await(engine.engine.sessionStats()).metadata());
            TorrentHandle added = await(engine.engine.add(meta, TorrentOptions.defaults(out)));
            assertEquals(magnet.infoHash(), added.infoHash());
            await(magnet.whenMetadata());
            assertTrue(magnet.hasMetadata());
            waitUntil("live", () -> stats(magnet).state() == TorrentState.LIVE);
            assertEquals(1, await(engine.engine.torrentCount()));
            assertEquals(List.of("METADATA", "metadata", "CHECKING", "LIVE"), events.states());
        }
    }

    @Test
    void withoutMetadataResumeDataRecheckAndFilePrioritiesFailClearly() throws Exception {
        Path out = work.resolve("out");
        Magnet magnet = Magnet.parse("magnet:?xt=urn:btih:" + "cd".repeat(20));
        try (EngineUnderTest engine = new EngineUnderTest(out)) {
            TorrentHandle h = await(engine.engine.addMagnet(magnet, TorrentOptions.defaults(out)));
            assertNull(h.metainfo());
            assertEquals(magnet, h.magnet());
            for (var call : List.<java.util.concurrent.Callable<?>>of(() -> await(h.resumeData()),
                    () -> await(h.recheck()), () -> await(h.setFilePriority(0, FilePriority.HIGH)))) {
                ExecutionException e = assertThrows(ExecutionException.class, call::call);
                assertEquals(EngineException.Kind.NO_METADATA, assertInstanceOf(EngineException.class, e.getCause()).kind(),
                        e.toString());
                assertTrue(e.getCause().getMessage().contains("has no metadata yet"), e.getCause().getMessage());
            }
            assertEquals(List.of(), await(h.fileStats()));
            MetadataProgress p = await(h.metadataProgress());
            assertFalse(p.complete());
            assertEquals(0, p.metadataSize());
        }
    }

    @Test
    void removingAMagnetWhileFetchingStopsItAndFailsTheWaiters() throws Exception {
        Path out = work.resolve("out");
        Magnet magnet = Magnet.parse("magnet:?xt=urn:btih:" + "ef".repeat(20));
        try (EngineUnderTest engine = new EngineUnderTest(out)) {
            SessionFixture.Recorder events = new SessionFixture.Recorder();
            await(engine.engine.setListener(events));
            TorrentHandle h = await(engine.engine.addMagnet(magnet, TorrentOptions.defaults(out)));
            var finished = h.whenFinished();
            await(engine.engine.remove(h.infoHash(), true));
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(finished));
            assertTrue(e.getCause().getMessage().contains("removed before its metadata arrived"), e.toString());
            assertThrows(ExecutionException.class, () -> await(h.stats()));
            assertEquals(0, await(engine.engine.torrentCount()));
            assertEquals(List.of("METADATA", "removed"), events.states());
            assertFalse(Files.exists(out.resolve("ef".repeat(20))));
        }
    }

    @Test
    void aTorrentServesItsMetadataToMagnetUsersWhileSeeding() throws Exception {
        byte[] f0 = payload(50_000, 4);
        Metainfo meta = multiFile("served", 16384, f0);
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "served", f0);
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(work.resolve("out"))) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.addMagnet(magnetOf(meta, ""), TorrentOptions.defaults(work.resolve("out"))
                    .withInitialPeers(peersOf(seeder))));
            await(h.whenMetadata());
            assertArrayEquals(meta.rawInfo(), h.metainfo().rawInfo());
            MetadataProgress p = await(h.metadataProgress());
            assertTrue(p.complete());
            assertEquals(List.of(), p.problems());
        }
    }
}
