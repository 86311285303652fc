package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link SessionStore} contract, run against every store (the file store and PostgreSQL): what is stored
 * comes back whole and in the order added; adding again replaces and keeps the place; resume data of a torrent
 * that is not stored is ignored; removal forgets; settings and magnets round-trip. A store's own tests cover what
 * only it has (files on disk, transactions, damage).
 */
abstract class SessionStoreContract {
    static final TestTorrents A = TestTorrents.create(11);
    static final TestTorrents B = TestTorrents.create(12);
    static final TestTorrents C = TestTorrents.create(13);

    /** A store over fresh, empty state, opened. */
    abstract SessionStore fresh() throws Exception;

    /** A new store over the same state as the last {@link #fresh()} one (a restart), opened; the old one is closed. */
    abstract SessionStore reopened() throws Exception;

    private static List<InfoHash> hashes(List<StoredTorrent> list) {
        return list.stream().map(StoredTorrent::infoHash).toList();
    }

    /** Resume data of {@code t} with trackers of its own and peers to dial. */
    private static ResumeData withTrackersAndPeers(TestTorrents t, long addedAt) {
        ResumeData r = t.resume(addedAt, 2, 77);
        return new ResumeData(r.infoHash(), r.saveDir(), r.pieceCount(), r.have(), r.filePriorities(), r.fileSizes(),
                r.fileMtimes(), r.uploadedTotal(), r.downloadedTotal(), r.addedAtMillis(), r.completedAtMillis(),
                r.paused(), r.sequential(), r.downloadLimit(), r.uploadLimit(), r.error(), r.unsynced(), 9,
                List.of(List.of("udp://127.0.0.1:9/a", "http://127.0.0.1:10/b"), List.of("https://127.0.0.1:11/c")),
                List.of(PeerAddress.parse("127.0.0.1:6881"), PeerAddress.parse("[2001:db8::1]:51413")));
    }

    @Test
    void aNewStoreHoldsNothing() throws Exception {
        try (SessionStore s = fresh()) {
            assertEquals(List.of(), s.load());
            assertEquals(List.of(), s.loadMagnets());
            assertEquals(SessionSettings.DEFAULTS, s.loadSettings());
        }
    }

    @Test
    void torrentsComeBackWholeInTheOrderTheyWereAdded() throws Exception {
        ResumeData b = withTrackersAndPeers(B, 2);
        try (SessionStore s = fresh()) {
            s.load();
            s.add(C.hash(), C.bytes(), C.resume(3));
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.add(B.hash(), B.bytes(), b);
        }
        try (SessionStore s = reopened()) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(C.hash(), A.hash(), B.hash()), hashes(loaded));
            assertArrayEquals(B.bytes(), loaded.get(2).torrentFile());
            assertSameResume(b, loaded.get(2).resume());
            assertEquals(b.trackers(), loaded.get(2).resume().trackers());
            assertEquals(b.peers(), loaded.get(2).resume().peers());
            assertNull(loaded.get(0).resume().trackers(), "no trackers of its own: the metainfo's");
            assertEquals(List.of(), loaded.get(0).resume().peers());
        }
    }

    @Test
    void saveResumeReplacesTheResumeData() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.saveResume(A.resume(1, 2, 20));
            s.saveResume(A.resume(1, 3, 30));
        }
        try (SessionStore s = reopened()) {
            assertEquals(30, s.load().getFirst().resume().uploadedTotal());
        }
    }

    @Test
    void addingATorrentAgainReplacesItsResumeDataAndKeepsItsPlace() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.add(B.hash(), B.bytes(), B.resume(2));
            s.add(A.hash(), A.bytes(), A.resume(1, 2, 99));
        }
        try (SessionStore s = reopened()) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash()), hashes(loaded));
            assertEquals(99, loaded.getFirst().resume().uploadedTotal());
        }
    }

    @Test
    void resumeDataOfATorrentThatIsNotStoredIsIgnored() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            s.saveResume(C.resume(3));
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.remove(A.hash());
            s.saveResume(A.resume(1, 2, 20)); // a save that raced the removal
            assertEquals(List.of(), s.load());
        }
    }

    @Test
    void addRefusesResumeDataOfAnotherTorrent() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            assertThrows(IllegalArgumentException.class, () -> s.add(A.hash(), A.bytes(), B.resume(2)));
        }
    }

    @Test
    void removeForgetsATorrentIgnoresUnknownOnesAndTheTorrentCanComeBack() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(1));
            s.add(B.hash(), B.bytes(), B.resume(2));
            s.remove(A.hash());
            s.remove(C.hash());
            assertEquals(List.of(B.hash()), hashes(s.load()));
            s.add(A.hash(), A.bytes(), A.resume(5));
        }
        try (SessionStore s = reopened()) {
            assertEquals(List.of(B.hash(), A.hash()), hashes(s.load()), "added again: at the end");
        }
    }

    @Test
    void settingsRoundTrip() throws Exception {
        SessionSettings changed = SessionSettings.DEFAULTS.withRateLimits(1_000, 2_000);
        try (SessionStore s = fresh()) {
            s.load();
            s.saveSettings(changed);
        }
        try (SessionStore s = reopened()) {
            assertEquals(changed, s.loadSettings());
        }
    }

    @Test
    void magnetsComeBackInOrderAreReplacedAndGiveWayToTheirTorrent() throws Exception {
        StoredMagnet m1 = new StoredMagnet(A.hash(), "magnet:?xt=urn:btih:" + A.hash().toHex() + "&dn=a",
                Path.of("/downloads/a"), false, 100);
        StoredMagnet m2 = new StoredMagnet(B.hash(), "magnet:?xt=urn:btih:" + B.hash().toHex() + "&x.pe=127.0.0.1:1",
                Path.of("/downloads/b"), false, 200);
        try (SessionStore s = fresh()) {
            s.load();
            s.saveMagnet(m2);
            s.saveMagnet(m1);
            s.saveMagnet(m2.withSettings(Path.of("/downloads/b2"), true, 1, 2, true, 3));
        }
        try (SessionStore s = reopened()) {
            assertEquals(List.of(m1, m2.withSettings(Path.of("/downloads/b2"), true, 1, 2, true, 3)), s.loadMagnets(),
                    "in the order they were added to the session, whatever order they were stored in");
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(1));
            assertEquals(List.of(B.hash()), s.loadMagnets().stream().map(StoredMagnet::infoHash).toList());
            s.remove(B.hash());
            assertEquals(List.of(), s.loadMagnets());
        }
    }

    @Test
    void categoriesTagsGoalsQueueAndTimesComeBackWithTheirTorrentsMagnetsAndSettings() throws Exception {
        dev.bitquark.engine.TorrentPolicy policy = new dev.bitquark.engine.TorrentPolicy("tv/anime",
                List.of("sonarr", "4k"), new dev.bitquark.engine.SeedGoals(1.5, dev.bitquark.engine.SeedGoals.NONE,
                        dev.bitquark.engine.SeedGoals.SESSION), true).withFirstLastPieces(true)
                .withName("Anime – Season 1");
        ResumeData a = A.resume(1).withSessionParts(policy, -7,
                new dev.bitquark.engine.TorrentTimes(120, 3600, 1_700_000_000_000L));
        StoredMagnet m = new StoredMagnet(B.hash(), "magnet:?xt=urn:btih:" + B.hash().toHex(), Path.of("/downloads/b"),
                false, 100).withSessionParts(policy.withForced(false), 42);
        java.util.SortedMap<String, String> categories = new java.util.TreeMap<>(java.util.Map.of("tv/anime", "",
                "movies", "films/radarr"));
        SessionSettings settings = SessionSettings.DEFAULTS
                .withQueue(new dev.bitquark.engine.QueueSettings(true, 2, -1, 10, true, 1000, 500, 30))
                .withSeedGoals(new dev.bitquark.engine.SeedGoals(2, 1440, dev.bitquark.engine.SeedGoals.NONE))
                .withCategories(categories)
                .withTags(new java.util.TreeSet<>(List.of("sonarr", "4k", "keep")));
        try (SessionStore s = fresh()) {
            s.load();
            s.add(A.hash(), A.bytes(), a);
            s.saveMagnet(m);
            s.saveSettings(settings);
        }
        try (SessionStore s = reopened()) {
            ResumeData back = s.load().getFirst().resume();
            assertEquals(policy, back.policy());
            assertEquals(-7, back.queueOrder());
            assertEquals(a.times(), back.times());
            assertEquals(List.of(m), s.loadMagnets());
            SessionSettings loaded = s.loadSettings();
            assertEquals(settings, loaded);
            assertEquals(List.of("movies", "tv/anime"), List.copyOf(loaded.categories().keySet()));
        }
    }

    @Test
    void resumeDataWithoutSessionPartsLoadsWithTheDefaults() throws Exception {
        try (SessionStore s = fresh()) {
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(1));
        }
        try (SessionStore s = reopened()) {
            ResumeData back = s.load().getFirst().resume();
            assertEquals(dev.bitquark.engine.TorrentPolicy.DEFAULT, back.policy());
            assertEquals(0, back.queueOrder());
            assertEquals(SessionSettings.DEFAULTS, s.loadSettings());
        }
    }
}
