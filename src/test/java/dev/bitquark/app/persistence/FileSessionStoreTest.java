package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSessionStore}: what is saved comes back, in order, and the layout on disk. */
class FileSessionStoreTest {
    static final TestTorrents A = TestTorrents.create(1);
    static final TestTorrents B = TestTorrents.create(2);
    static final TestTorrents C = TestTorrents.create(3);

    @TempDir
    Path dir;

    static FileSessionStore opened(Path dir) throws PersistenceException {
        FileSessionStore s = new FileSessionStore(dir);
        s.open();
        return s;
    }

    static FileSessionStore loaded(Path dir) throws PersistenceException {
        FileSessionStore s = opened(dir);
        s.load();
        return s;
    }

    static List<InfoHash> hashes(List<StoredTorrent> list) {
        return list.stream().map(StoredTorrent::infoHash).toList();
    }

    @Test
    void restoresTorrentsInTheOrderTheyWereAdded() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(C.hash(), C.bytes(), C.resume(300));
            s.add(A.hash(), A.bytes(), A.resume(100));
            s.add(B.hash(), B.bytes(), B.resume(200));
        }
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(C.hash(), A.hash(), B.hash()), hashes(loaded));
            assertArrayEquals(A.bytes(), loaded.get(1).torrentFile());
            ResumeDataCodecTest.assertSame(A.resume(100), loaded.get(1).resume());
            assertNull(loaded.get(1).problem());
            LoadReport r = s.lastLoad();
            assertTrue(r.clean(), r.toString());
            assertEquals("session.bq", r.sessionSource());
            assertEquals(3, r.restored());
        }
    }

    @Test
    void writesTheDocumentedLayout() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.saveResume(A.resume(1, 2, 10));
            s.saveSettings(new SessionSettings(5, 6));
        }
        assertArrayEquals(A.bytes(), Files.readAllBytes(dir.resolve("torrents/" + A.hash().toHex() + ".torrent")),
                "the .torrent file is kept as it is, for the user");
        assertTrue(Files.isRegularFile(dir.resolve("resume/" + A.hash().toHex() + ".resume")));
        assertTrue(Files.isRegularFile(dir.resolve("resume/" + A.hash().toHex() + ".resume.1")));
        assertTrue(Files.isRegularFile(dir.resolve("session.bq")));
        assertTrue(Files.isRegularFile(dir.resolve("settings.bq")));
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.toString().contains(".tmp-")).toList());
        }
    }

    @Test
    void saveResumeReplacesTheResumeDataAndKeepsThePreviousOne() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1, 1, 10));
            s.saveResume(A.resume(1, 2, 20));
            s.saveResume(A.resume(1, 3, 30));
        }
        try (FileSessionStore s = opened(dir)) {
            ResumeData r = s.load().getFirst().resume();
            assertEquals(30, r.uploadedTotal());
            ResumeData previous = ResumeDataCodec.decode(AtomicFile.unframe(
                    Files.readAllBytes(dir.resolve("resume/" + A.hash().toHex() + ".resume.1"))));
            assertEquals(20, previous.uploadedTotal());
        }
    }

    @Test
    void addingATorrentAgainReplacesItsResumeDataAndKeepsItsPlace() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.add(B.hash(), B.bytes(), B.resume(2));
            s.add(A.hash(), A.bytes(), A.resume(1, 2, 99));
        }
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash()), hashes(loaded));
            assertEquals(99, loaded.getFirst().resume().uploadedTotal());
        }
    }

    @Test
    void removeForgetsTheTorrentAndDeletesItsFiles() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.add(B.hash(), B.bytes(), B.resume(2));
            s.saveResume(B.resume(2, 2, 1));
            s.remove(B.hash());
            s.remove(C.hash()); // unknown: ignored
            s.saveResume(B.resume(2, 3, 3)); // racing a removal: ignored, writes nothing
        }
        try (Stream<Path> files = Files.list(dir.resolve("resume"))) {
            assertEquals(List.of(A.hash().toHex() + ".resume"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(dir.resolve("torrents/" + B.hash().toHex() + ".torrent")));
        try (FileSessionStore s = opened(dir)) {
            assertEquals(List.of(A.hash()), hashes(s.load()));
            assertTrue(s.lastLoad().clean(), s.lastLoad().toString());
        }
    }

    @Test
    void aRemovedTorrentCanBeAddedAgain() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.remove(A.hash());
            s.add(A.hash(), A.bytes(), A.resume(7));
        }
        try (FileSessionStore s = opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash()), hashes(loaded));
            assertEquals(7, loaded.getFirst().resume().addedAtMillis());
        }
    }

    @Test
    void settingsRoundTripAndDefaultWhenNeverSaved() throws Exception {
        try (FileSessionStore s = opened(dir)) {
            assertEquals(SessionSettings.DEFAULTS, s.loadSettings());
            s.saveSettings(new SessionSettings(1000, 2000));
            s.saveSettings(new SessionSettings(3000, 4000));
        }
        try (FileSessionStore s = opened(dir)) {
            assertEquals(new SessionSettings(3000, 4000), s.loadSettings());
        }
        Files.write(dir.resolve("settings.bq"), new byte[0]);
        try (FileSessionStore s = opened(dir)) {
            assertEquals(new SessionSettings(1000, 2000), s.loadSettings(), "previous generation");
        }
        Files.write(dir.resolve("settings.bq.1"), new byte[] {1, 2, 3});
        try (FileSessionStore s = opened(dir)) {
            assertEquals(SessionSettings.DEFAULTS, s.loadSettings(), "both damaged: defaults, no exception");
        }
    }

    @Test
    void aNewDataFolderLoadsAsAnEmptySession() throws Exception {
        try (FileSessionStore s = opened(dir.resolve("new/data"))) {
            assertEquals(List.of(), s.load());
            assertEquals("new session", s.lastLoad().sessionSource());
            assertTrue(s.lastLoad().clean());
            assertFalse(Files.exists(dir.resolve("new/data/session.bq")), "an empty session writes nothing");
        }
    }

    @Test
    void openRemovesLeftoversOfInterruptedSaves() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(1));
        }
        Path stray = Files.write(dir.resolve("resume/" + A.hash().toHex() + ".resume.tmp-1x2y"), new byte[] {1});
        Path stray2 = Files.write(dir.resolve("session.bq.tmp-zz"), new byte[] {1});
        try (FileSessionStore s = opened(dir)) {
            assertFalse(Files.exists(stray));
            assertFalse(Files.exists(stray2));
            assertEquals(1, s.load().size());
        }
    }

    @Test
    void anUnusableDataFolderFailsToOpen() throws Exception {
        Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
        PersistenceException e = assertThrows(PersistenceException.class, () -> new FileSessionStore(file).open());
        assertTrue(e.getMessage().contains("cannot be created"), e.getMessage());
    }

    @Test
    void changesBeforeLoadAreRefused() throws Exception {
        try (FileSessionStore s = new FileSessionStore(dir)) {
            assertThrows(IllegalStateException.class, s::load, "not open");
            s.open();
            // Adding before loading would write a list without the torrents already saved.
            assertThrows(IllegalStateException.class, () -> s.add(A.hash(), A.bytes(), A.resume(1)));
            assertThrows(IllegalStateException.class, () -> s.remove(A.hash()));
        }
    }

    @Test
    void addRefusesATorrentFileOfAnotherTorrent() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.add(A.hash(), B.bytes(), A.resume(1)));
            assertTrue(e.getMessage().contains("holds info-hash " + B.hash()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.add(A.hash(), A.bytes(), B.resume(1)));
            assertThrows(IllegalArgumentException.class, () -> s.add(A.hash(), new byte[] {'x'}, A.resume(1)));
        }
        try (Stream<Path> files = Files.list(dir.resolve("torrents"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void describesItself() {
        assertEquals("files " + dir.toAbsolutePath().normalize(), new FileSessionStore(dir).describe());
    }

    static StoredMagnet magnet(TestTorrents t, boolean paused, long addedAt) {
        return new StoredMagnet(t.hash(), "magnet:?xt=urn:btih:" + t.hash().toHex() + "&dn=x&tr=udp%3A%2F%2Ft.example%3A6969",
                Path.of("/downloads/m"), paused, addedAt);
    }

    @Test
    void keepsMagnetsWithoutMetadataAcrossARestartInTheOrderAdded() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(B, false, 200));
            s.saveMagnet(magnet(A, false, 100));
            s.saveMagnet(magnet(A, true, 100)); // replaced: paused since
        }
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(magnet(A, true, 100), magnet(B, false, 200)), s.loadMagnets());
            assertTrue(Files.isRegularFile(dir.resolve("magnets/" + A.hash().toHex() + ".magnet")));
            assertEquals(List.of(), s.load(), "a magnet is no torrent yet");
        }
    }

    @Test
    void storingTheTorrentOfAMagnetReplacesTheMagnet() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(A, false, 100));
            s.add(A.hash(), A.bytes(), A.resume(100));
            assertEquals(List.of(), s.loadMagnets());
            s.saveMagnet(magnet(A, true, 100)); // a late save of the link changes nothing
        }
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(A.hash()), hashes(s.load()));
            assertEquals(List.of(), s.loadMagnets());
        }
        try (Stream<Path> files = Files.list(dir.resolve("magnets"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aMagnetLeftOverByACrashAfterItsTorrentWasStoredIsDeletedOnLoad() throws Exception {
        Path file = dir.resolve("magnets/" + A.hash().toHex() + ".magnet");
        byte[] saved;
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(A, false, 100));
            saved = Files.readAllBytes(file);
            s.add(A.hash(), A.bytes(), A.resume(100));
        }
        Files.write(file, saved); // as if the process died before deleting it
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(), s.loadMagnets());
            assertFalse(Files.exists(file));
            assertEquals(List.of(A.hash()), hashes(s.load()));
        }
    }

    @Test
    void removeForgetsAStoredMagnet() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(A, false, 100));
            s.saveMagnet(magnet(B, false, 200));
            s.remove(A.hash());
        }
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(magnet(B, false, 200)), s.loadMagnets());
        }
    }

    @Test
    void aDamagedMagnetIsKeptAsideAndTheOthersLoad() throws Exception {
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(A, false, 100));
            s.saveMagnet(magnet(B, false, 200));
        }
        Files.writeString(dir.resolve("magnets/" + A.hash().toHex() + ".magnet"), "garbage");
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(magnet(B, false, 200)), s.loadMagnets());
            assertTrue(Files.isRegularFile(dir.resolve("damaged/" + A.hash().toHex() + ".magnet")));
        }
    }

    @Test
    void aMagnetFileNamingAnotherTorrentIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("magnets"));
        try (FileSessionStore s = loaded(dir)) {
            s.saveMagnet(magnet(B, false, 200));
        }
        Files.move(dir.resolve("magnets/" + B.hash().toHex() + ".magnet"),
                dir.resolve("magnets/" + A.hash().toHex() + ".magnet"));
        try (FileSessionStore s = loaded(dir)) {
            assertEquals(List.of(), s.loadMagnets());
        }
    }
}
