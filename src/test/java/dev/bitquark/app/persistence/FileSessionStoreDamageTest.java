package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.FileSessionStoreTest.hashes;
import static dev.bitquark.app.persistence.FileSessionStoreTest.loaded;
import static dev.bitquark.app.persistence.FileSessionStoreTest.opened;
import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BInt;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY #16: damaged session, resume and .torrent files. Start-up never fails, falls back to
 * the previous generation, else rebuilds or rechecks, and never drops a torrent silently.
 */
class FileSessionStoreDamageTest {
    static final TestTorrents A = FileSessionStoreTest.A;
    static final TestTorrents B = FileSessionStoreTest.B;
    static final TestTorrents C = FileSessionStoreTest.C;

    @TempDir
    Path dir;

    /** A, B, C added in that order; A's resume saved twice (so it has a previous generation). */
    @BeforeEach
    void threeTorrents() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(100, 1, 1));
            s.add(B.hash(), B.bytes(), B.resume(200));
            s.add(C.hash(), C.bytes(), C.resume(300));
            s.saveResume(A.resume(100, 2, 2));
        }
    }

    /** Damage applied to a whole file (frame included), as a crash, a full disk or a bad disk leaves it. */
    static Stream<Arguments> fileDamage() {
        return Stream.of(
                Arguments.of("0-byte", (UnaryOperator<byte[]>) b -> new byte[0]),
                Arguments.of("truncated to 5 bytes", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, 5)),
                Arguments.of("truncated after the header", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, AtomicFile.HEADER_LENGTH)),
                Arguments.of("truncated mid-payload", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2)),
                Arguments.of("truncated by one byte", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1)),
                Arguments.of("random bytes", (UnaryOperator<byte[]>) b -> random(b.length)),
                Arguments.of("one bit flipped", (UnaryOperator<byte[]>) b -> {
                    byte[] c = b.clone();
                    c[c.length - 2] ^= 4;
                    return c;
                }));
    }

    private Path session() {
        return dir.resolve("session.bq");
    }

    private Path resume(TestTorrents t) {
        return dir.resolve("resume/" + t.hash().toHex() + ".resume");
    }

    @ParameterizedTest(name = "session.bq {0}")
    @MethodSource("fileDamage")
    void aDamagedSessionListFallsBackToItsPreviousGenerationAndKeepsEveryTorrent(String name, UnaryOperator<byte[]> damage)
            throws Exception {
        Files.write(session(), damage.apply(Files.readAllBytes(session())));
        try (FileSessionStore s = opened(dir)) {
            // session.bq.1 lists A and B; C's .torrent file is on disk, so it is restored too.
            assertEquals(List.of(A.hash(), B.hash(), C.hash()), hashes(s.load()));
            LoadReport r = s.lastLoad();
            assertEquals("session.bq.1 (previous generation)", r.sessionSource());
            assertEquals(1, r.unlisted());
            assertEquals(List.of(), r.damaged());
            assertTrue(r.problems().getFirst().startsWith("session.bq: "), r.problems().toString());
        }
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash(), B.hash(), C.hash()), hashes(s.load()));
            assertTrue(s.lastLoad().clean(), "the repaired list was written back: " + s.lastLoad());
        }
    }

    @ParameterizedTest(name = "session.bq and .1 {0}")
    @MethodSource("fileDamage")
    void bothSessionGenerationsDamagedRebuildsTheListFromTheTorrentFiles(String name, UnaryOperator<byte[]> damage)
            throws Exception {
        Files.write(session(), damage.apply(Files.readAllBytes(session())));
        Path previous = dir.resolve("session.bq.1");
        Files.write(previous, damage.apply(Files.readAllBytes(previous)));
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash(), C.hash()), hashes(loaded), "in added order (resume added-at)");
            assertEquals(2, loaded.getFirst().resume().uploadedTotal());
            LoadReport r = s.lastLoad();
            assertEquals("rebuilt from torrents/", r.sessionSource());
            assertEquals(3, r.restored());
            assertEquals(3, r.unlisted());
        }
        try (FileSessionStore s = opened(dir)) {
            assertEquals(3, s.load().size());
            assertEquals("session.bq", s.lastLoad().sessionSource());
        }
    }

    @Test
    void aSessionListOfANewerVersionFallsBack() throws Exception {
        // A valid frame holding another kind of document, then the list itself at version 2.
        Files.write(session(), AtomicFile.frame(ResumeDataCodec.encode(A.resume(1))));
        try (FileSessionStore s = opened(dir)) {
            assertEquals(3, s.load().size());
            assertTrue(s.lastLoad().problems().getFirst().contains("format is \"bitquark-resume\""),
                    s.lastLoad().problems().toString());
        }
        byte[] list = AtomicFile.unframe(Files.readAllBytes(session()));
        byte[] v2 = dev.bitquark.bencode.BEncoder.encode(ResumeDataCodecTest.with(ResumeDataCodecTest.dict(list),
                "version", new BInt(2)));
        Files.write(session(), AtomicFile.frame(v2));
        try (FileSessionStore s = opened(dir)) {
            assertEquals(3, s.load().size());
            assertTrue(s.lastLoad().problems().getFirst().contains("version 2 is newer"), s.lastLoad().problems().toString());
        }
    }

    @ParameterizedTest(name = "resume {0}")
    @MethodSource("fileDamage")
    void damagedResumeDataFallsBackToItsPreviousGeneration(String name, UnaryOperator<byte[]> damage) throws Exception {
        Files.write(resume(A), damage.apply(Files.readAllBytes(resume(A))));
        try (FileSessionStore s = opened(dir)) {
            StoredTorrent a = s.load().getFirst();
            assertEquals(1, a.resume().uploadedTotal(), "the generation before the last save");
            assertTrue(a.problem().startsWith("resume data from the previous generation"), a.problem());
            assertEquals(1, s.lastLoad().fromPreviousGeneration());
            assertEquals(0, s.lastLoad().withoutResume());
        }
    }

    @ParameterizedTest(name = "resume {0}")
    @MethodSource("fileDamage")
    void damagedResumeDataWithoutAPreviousGenerationMeansAFullCheck(String name, UnaryOperator<byte[]> damage)
            throws Exception {
        Files.write(resume(B), damage.apply(Files.readAllBytes(resume(B))));
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(3, loaded.size(), "the torrent stays in the session");
            StoredTorrent b = loaded.get(1);
            assertNull(b.resume());
            assertTrue(b.problem().startsWith("resume data unusable, full check needed"), b.problem());
            assertTrue(b.problem().contains(B.hash().toHex() + ".resume: "), b.problem());
            assertEquals(1, s.lastLoad().withoutResume());
            assertNotNull(loaded.get(0).resume());
            assertNotNull(loaded.get(2).resume());
        }
    }

    static Stream<Arguments> wrongResumeData() {
        ResumeData base = B.resume(200);
        return Stream.of(
                Arguments.of("a different piece count", new ResumeData(B.hash(), base.saveDir(), B.pieceCount() + 8,
                        new byte[(B.pieceCount() + 15) / 8], base.filePriorities(), base.fileSizes(), base.fileMtimes(),
                        0, 0, 0, 0, false, false, 0, 0, null), "claims " + (B.pieceCount() + 8) + " pieces"),
                Arguments.of("another torrent's info-hash", A.resume(1), "belongs to torrent " + A.hash()),
                Arguments.of("a different file count", new ResumeData(B.hash(), base.saveDir(), B.pieceCount(),
                        base.have(), List.of(dev.bitquark.engine.FilePriority.LOW), new long[1], new long[1],
                        0, 0, 0, 0, false, false, 0, 0, null), "lists 1 files"));
    }

    @ParameterizedTest(name = "resume with {0}")
    @MethodSource("wrongResumeData")
    void resumeDataThatDoesNotFitTheTorrentIsNotTrusted(String name, ResumeData wrong, String reason) throws Exception {
        Files.write(resume(B), AtomicFile.frame(ResumeDataCodec.encode(wrong)));
        try (FileSessionStore s = opened(dir)) {
            StoredTorrent b = s.load().get(1);
            assertNull(b.resume());
            assertTrue(b.problem().contains(reason), b.problem());
        }
    }

    @Test
    void resumeDataOfANewerVersionIsNotTrusted() throws Exception {
        byte[] v2 = ResumeDataCodecTest.edit(B.resume(200), d -> ResumeDataCodecTest.with(d, "version", new BInt(2)));
        Files.write(resume(B), AtomicFile.frame(v2));
        try (FileSessionStore s = opened(dir)) {
            StoredTorrent b = s.load().get(1);
            assertNull(b.resume());
            assertTrue(b.problem().contains("version 2 is newer than this build reads"), b.problem());
        }
    }

    @Test
    void missingResumeDataMeansAFullCheck() throws Exception {
        Files.delete(resume(C));
        try (FileSessionStore s = opened(dir)) {
            StoredTorrent c = s.load().get(2);
            assertNull(c.resume());
            assertEquals("no resume data, full check needed", c.problem());
        }
    }

    @Test
    void aMissingTorrentFileIsReportedAndItsResumeDataKept() throws Exception {
        Files.delete(dir.resolve("torrents/" + B.hash().toHex() + ".torrent"));
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash(), C.hash()), hashes(s.load()));
            LoadReport r = s.lastLoad();
            assertEquals(1, r.damaged().size());
            LoadReport.Damaged d = r.damaged().getFirst();
            assertEquals(B.hash(), d.infoHash());
            assertTrue(d.reason().contains("is missing"), d.reason());
            assertEquals(List.of(dir.resolve("damaged/" + B.hash().toHex() + ".resume")), d.keptFiles());
            assertTrue(Files.exists(d.keptFiles().getFirst()));
            assertTrue(r.summary().contains("1 could not be restored"), r.summary());
        }
        try (FileSessionStore s = opened(dir)) {
            assertEquals(2, s.load().size());
            assertTrue(s.lastLoad().clean(), "reported once, then out of the list: " + s.lastLoad());
        }
    }

    @ParameterizedTest(name = ".torrent {0}")
    @MethodSource("fileDamage")
    void aDamagedTorrentFileIsMovedToDamagedAsItIs(String name, UnaryOperator<byte[]> damage) throws Exception {
        Path tf = dir.resolve("torrents/" + C.hash().toHex() + ".torrent");
        byte[] damaged = damage.apply(Files.readAllBytes(tf));
        Files.write(tf, damaged);
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash(), B.hash()), hashes(s.load()));
            LoadReport.Damaged d = s.lastLoad().damaged().getFirst();
            assertEquals(C.hash(), d.infoHash());
            assertTrue(d.reason().startsWith("its torrent file "), d.reason());
            assertArrayEquals(damaged, Files.readAllBytes(dir.resolve("damaged/" + C.hash().toHex() + ".torrent")));
            assertTrue(Files.exists(dir.resolve("damaged/" + C.hash().toHex() + ".resume")));
            assertFalse(Files.exists(tf));
        }
    }

    @Test
    void aTorrentFileUnderAnotherTorrentsNameIsNotRestored() throws Exception {
        Path tf = dir.resolve("torrents/" + C.hash().toHex() + ".torrent");
        Files.write(tf, A.bytes());
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash(), B.hash()), hashes(s.load()));
            assertTrue(s.lastLoad().damaged().getFirst().reason().contains("holds info-hash " + A.hash()));
        }
    }

    @Test
    void aTorrentFileMissingFromTheListIsRestoredNotDropped() throws Exception {
        TestTorrents d = TestTorrents.create(4);
        Files.write(dir.resolve("torrents/" + d.hash().toHex() + ".torrent"), d.bytes());
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash(), C.hash(), d.hash()), hashes(loaded));
            assertEquals("no resume data, full check needed", loaded.get(3).problem());
            assertEquals(1, s.lastLoad().unlisted());
        }
    }

    @Test
    void anInterruptedRemovalIsFinishedAtTheNextStart() throws Exception {
        // The list says "removing B" but B's files are still there (crash before they were deleted).
        SessionList list = new SessionList(List.of(new SessionList.Entry(A.hash(), 100), new SessionList.Entry(C.hash(), 300)),
                Set.of(B.hash()));
        new AtomicFile(session()).write(list.encode());
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash(), C.hash()), hashes(s.load()));
            assertEquals(List.of(), s.lastLoad().damaged());
        }
        assertFalse(Files.exists(dir.resolve("torrents/" + B.hash().toHex() + ".torrent")));
        assertFalse(Files.exists(resume(B)));
    }

    @Test
    void resumeDataOfNoTorrentIsKeptInDamaged() throws Exception {
        InfoHash stranger = TestTorrents.create(9).hash();
        Path orphan = dir.resolve("resume/" + stranger.toHex() + ".resume");
        Files.copy(resume(B), orphan);
        try (FileSessionStore s = opened(dir)) {
            assertEquals(3, s.load().size());
            assertFalse(Files.exists(orphan));
            assertTrue(Files.exists(dir.resolve("damaged/" + stranger.toHex() + ".resume")));
            assertTrue(s.lastLoad().problems().toString().contains("resume data without a torrent file"));
        }
    }

    @Test
    void everythingDamagedAtOnceStillStarts() throws Exception {
        for (String f : List.of("session.bq", "session.bq.1")) {
            Files.write(dir.resolve(f), random(100));
        }
        Files.write(resume(A), new byte[0]);
        Files.write(dir.resolve("resume/" + A.hash().toHex() + ".resume.1"), new byte[0]);
        Files.write(dir.resolve("torrents/" + B.hash().toHex() + ".torrent"), random(50));
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(Set.of(A.hash(), C.hash()), Set.copyOf(hashes(loaded)));
            LoadReport r = s.lastLoad();
            assertEquals(2, r.restored());
            assertEquals(1, r.withoutResume());
            assertEquals(1, r.damaged().size());
            System.out.println("everything damaged: " + r.summary());
        }
    }

    private static byte[] random(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }
}
