package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.persistence.StoredMagnet;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Ports;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Magnet links in the session: stored as links while their metadata is missing, so the fetch goes
 * on after a restart, and replaced by the .torrent made from the metadata once it arrives. The
 * seeder is a bitquark engine, which also serves the metadata (BEP 9).
 */
class SessionMagnetTest {
    @TempDir
    Path work;

    private static <T> T get(java.util.concurrent.CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void magnetStillFetchingMetadataContinuesAfterARestartAndIsThenStoredAsATorrent() throws Exception {
        byte[] data = new byte[2_500_000];
        new Random(11).nextBytes(data);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("m.bin"), data);
        byte[] torrent = TorrentWriter.singleFile("m.bin", data).pieceLength(16384).write();
        Metainfo meta = Metainfo.parse(torrent);
        int seederPort = Ports.free();
        String uri = "magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&dn=m.bin&x.pe=127.0.0.1:" + seederPort;
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");

        // Nobody has the metadata yet: the session closes while fetching.
        try (EngineUnderTest first = new EngineUnderTest(downloads);
             Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 200)) {
            get(session.restore());
            TorrentHandle h = get(session.addMagnet(uri, TorrentOptions.defaults(downloads)));
            assertEquals(TorrentState.METADATA, EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).state());
            assertFalse(h.hasMetadata());
            get(session.saveDirty()); // a periodic save must not fail for a torrent without resume data
            assertEquals(null, session.lastSaveError());
        }
        try (FileSessionStore store = new FileSessionStore(dataDir)) {
            store.open();
            List<StoredMagnet> stored = store.loadMagnets();
            assertEquals(1, stored.size());
            assertEquals(uri, stored.getFirst().magnetUri());
            assertEquals(List.of(), store.load());
        }

        try (EngineUnderTest seeder = new EngineUnderTest(new EngineConfig("127.0.0.1", seederPort, seedDir))) {
            TorrentHandle seeding = EngineUnderTest.await(seeder.engine.add(meta, TorrentOptions.defaults(seedDir)),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(seeding, Duration.ofSeconds(20));
            try (EngineUnderTest second = new EngineUnderTest(downloads);
                 Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 200)) {
                Session.RestoreReport report = get(session.restore());
                assertEquals(1, report.magnets(), report.toString());
                TorrentHandle h = session.handle(meta.infoHash());
                EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(30));
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(30));
                assertArrayEquals(data, Files.readAllBytes(downloads.resolve("m.bin")));
                awaitStoredAsTorrent(dataDir, meta);
            }
        }
        // Third start: a normal torrent, finished, no magnet left.
        try (EngineUnderTest third = new EngineUnderTest(downloads);
             Session session = new Session(third.engine, new FileSessionStore(dataDir), downloads, 200)) {
            Session.RestoreReport report = get(session.restore());
            assertEquals(1, report.restored(), report.toString());
            assertEquals(0, report.magnets(), report.toString());
            TorrentHandle h = session.handle(meta.infoHash());
            assertTrue(h.hasMetadata());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(20));
        }
    }

    /**
     * Regression: a magnet whose only peer source was its {@code x.pe} was stuck after a restart, because neither
     * its peers nor its trackers were kept with the torrent. The peers worth dialing are kept in the resume data.
     */
    @Test
    void aMagnetWithOnlyPeerHintsFindsItsPeersAgainAfterARestart() throws Exception {
        byte[] data = new byte[2_000_000];
        new Random(12).nextBytes(data);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("x.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("x.bin", data).pieceLength(16384).write());
        int seederPort = Ports.free();
        String uri = "magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&x.pe=127.0.0.1:" + seederPort;
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        try (EngineUnderTest seeder = new EngineUnderTest(new EngineConfig("127.0.0.1", seederPort, seedDir))) {
            EngineUnderTest.await(seeder.engine.setRateLimits(0, 300_000), Duration.ofSeconds(5));
            EngineUnderTest.awaitFinished(EngineUnderTest.await(seeder.engine.add(meta,
                    TorrentOptions.defaults(seedDir)), Duration.ofSeconds(10)), Duration.ofSeconds(20));
            try (EngineUnderTest first = new EngineUnderTest(downloads);
                 Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 200)) {
                get(session.restore());
                TorrentHandle h = get(session.addMagnet(uri, TorrentOptions.defaults(downloads)));
                EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).verifiedBytes() == 0) {
                    assertTrue(System.nanoTime() < deadline, "nothing downloaded");
                    Thread.sleep(20);
                }
                assertTrue(EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).progress() < 1.0,
                        "the restart must come before the end of the download");
            }
            try (FileSessionStore store = new FileSessionStore(dataDir)) {
                store.open();
                var resume = store.load().getFirst().resume();
                assertTrue(resume.peers().stream().anyMatch(p -> p.getPort() == seederPort), resume.peers().toString());
            }
            try (EngineUnderTest second = new EngineUnderTest(downloads);
                 Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 200)) {
                assertEquals(1, get(session.restore()).restored());
                TorrentHandle h = session.handle(meta.infoHash());
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(40));
                assertArrayEquals(data, Files.readAllBytes(downloads.resolve("x.bin")));
            }
        }
    }

    /** Trackers added to a magnet before its metadata are kept in its stored link and used after a restart. */
    @Test
    void trackersAddedToAFetchingMagnetSurviveARestart() throws Exception {
        String uri = "magnet:?xt=urn:btih:" + "ef".repeat(20) + "&dn=later&tr=udp%3A%2F%2F127.0.0.1%3A9%2Fa";
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        try (EngineUnderTest first = new EngineUnderTest(downloads);
             Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 200)) {
            get(session.restore());
            TorrentHandle h = get(session.addMagnet(uri, TorrentOptions.defaults(downloads)));
            assertEquals(List.of("udp://127.0.0.1:9/a"), EngineUnderTest.await(h.trackers(), Duration.ofSeconds(5))
                    .stream().map(t -> t.url()).toList(), "the link's trackers show while fetching");
            EngineUnderTest.await(h.addTrackers(List.of("http://127.0.0.1:10/announce")), Duration.ofSeconds(5));
            EngineUnderTest.await(h.removeTrackers(List.of("udp://127.0.0.1:9/a")), Duration.ofSeconds(5));
        }
        try (EngineUnderTest second = new EngineUnderTest(downloads);
             Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 200)) {
            assertEquals(1, get(session.restore()).magnets());
            TorrentHandle h = session.handles().getFirst();
            assertEquals(List.of("http://127.0.0.1:10/announce"), EngineUnderTest.await(h.trackers(),
                    Duration.ofSeconds(5)).stream().map(t -> t.url()).toList());
        }
    }

    /** The .torrent of the fetched metadata is in the store and the link is gone (the save is asynchronous). */
    private static void awaitStoredAsTorrent(Path dataDir, Metainfo meta) throws Exception {
        Path torrentFile = dataDir.resolve("torrents/" + meta.infoHash().toHex() + ".torrent");
        Path magnetFile = dataDir.resolve("magnets/" + meta.infoHash().toHex() + ".magnet");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((!Files.exists(torrentFile) || Files.exists(magnetFile)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(torrentFile), "the .torrent is stored");
        assertFalse(Files.exists(magnetFile), "the magnet link is replaced");
        assertEquals(meta.infoHash(), Metainfo.parse(Files.readAllBytes(torrentFile)).infoHash());
    }

    @Test
    void pausedMagnetComesBackPausedAndRemovalForgetsIt() throws Exception {
        String uri = "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=never";
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        try (EngineUnderTest first = new EngineUnderTest(downloads);
             Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 200)) {
            get(session.restore());
            TorrentHandle h = get(session.addMagnet(uri, TorrentOptions.defaults(downloads)));
            EngineUnderTest.await(h.pause(), Duration.ofSeconds(5));
        }
        try (EngineUnderTest second = new EngineUnderTest(downloads);
             Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 200)) {
            assertEquals(1, get(session.restore()).magnets());
            TorrentHandle h = session.handles().getFirst();
            assertEquals(TorrentState.PAUSED, EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).state());
            assertTrue(EngineUnderTest.await(h.metadataProgress(), Duration.ofSeconds(5)).paused());
            get(session.remove(h.infoHash(), false));
        }
        try (FileSessionStore store = new FileSessionStore(dataDir)) {
            store.open();
            assertEquals(List.of(), store.loadMagnets());
        }
    }

    @Test
    void settingsGivenBeforeTheMetadataSurviveARestart() throws Exception {
        String uri = "magnet:?xt=urn:btih:" + "cd".repeat(20) + "&dn=later";
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        Path elsewhere = downloads.resolve("tv");
        try (EngineUnderTest first = new EngineUnderTest(downloads);
             Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 60_000)) {
            get(session.restore());
            TorrentHandle h = get(session.addMagnet(uri, TorrentOptions.defaults(downloads).withSequential(true)));
            EngineUnderTest.await(h.setRateLimits(64_000, 8_000), Duration.ofSeconds(5));
            EngineUnderTest.await(h.setMaxConnections(9), Duration.ofSeconds(5));
            EngineUnderTest.await(h.moveStorage(elsewhere), Duration.ofSeconds(5));
            // As the API does: a limit change marks the torrent for the next save, a move saves at once.
            session.markDirty(h.infoHash());
            get(session.saveNow(h.infoHash()));
        }
        try (FileSessionStore store = new FileSessionStore(dataDir)) {
            store.open();
            StoredMagnet m = store.loadMagnets().getFirst();
            assertEquals(List.of(64_000L, 8_000L, 1L), List.of(m.downloadLimit(), m.uploadLimit(), m.sequential() ? 1L : 0L));
            assertEquals(elsewhere, m.saveDir());
            assertEquals(9, m.maxConnections());
        }
        try (EngineUnderTest second = new EngineUnderTest(downloads);
             Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 60_000)) {
            assertEquals(1, get(session.restore()).magnets());
            var stats = EngineUnderTest.await(session.handles().getFirst().stats(), Duration.ofSeconds(5));
            assertEquals(TorrentState.METADATA, stats.state());
            assertEquals(64_000, stats.downloadLimit());
            assertEquals(8_000, stats.uploadLimit());
            assertTrue(stats.sequential());
            assertEquals(elsewhere.toString(), stats.saveDir());
            assertEquals(9, stats.maxConnections());
        }
    }

    @Test
    void badMagnetLinkIsRefusedWithItsReason() throws Exception {
        Path downloads = work.resolve("downloads");
        try (EngineUnderTest engine = new EngineUnderTest(downloads);
             Session session = new Session(engine.engine, new FileSessionStore(work.resolve("state")), downloads, 200)) {
            get(session.restore());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> get(session.addMagnet("magnet:?xt=urn:btih:1234", TorrentOptions.defaults(downloads))));
            assertTrue(e.getCause() instanceof BadMagnetException, e.toString());
            assertTrue(session.handles().isEmpty());
        }
    }
}
