package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitForState;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.LoopbackSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitquark ↔ bitquark on loopback: the queue runs torrents in its order within its limits, moves reorder it, a
 * forced torrent skips it, and a seed stops at its seeding goal (and seeds on when started again by hand).
 */
@LoopbackSwarm
class QueueAndGoalsTest {
    @TempDir
    Path work;

    private static final QueueSettings ONE_DOWNLOAD = new QueueSettings(true, 1, -1, -1, false, 2048, 2048, 60);

    private record Fixture(List<Metainfo> metas, List<byte[]> data, Path seedDir) {
    }

    private Fixture torrents(int n, int size) throws Exception {
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        List<Metainfo> metas = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] d = payload(size, 100 + i);
            Files.write(seedDir.resolve("t" + i + ".bin"), d);
            metas.add(Metainfo.parse(TorrentWriter.singleFile("t" + i + ".bin", d).pieceLength(65536).write()));
            data.add(d);
        }
        return new Fixture(metas, data, seedDir);
    }

    @Test
    void theQueueRunsOneDownloadAtATimeInItsOrderAndMovesReorderIt() throws Exception {
        Fixture f = torrents(3, 2_000_000);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(f.seedDir());
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            for (Metainfo m : f.metas()) {
                seed(seeder, m, f.seedDir());
            }
            await(seeder.engine.setRateLimits(0, 1L << 20)); // about two seconds per torrent: time to look
            await(leecher.engine.setQueueSettings(ONE_DOWNLOAD));
            List<TorrentHandle> hs = new ArrayList<>();
            for (Metainfo m : f.metas()) {
                hs.add(await(leecher.engine.add(m, TorrentOptions.defaults(out).withInitialPeers(peersOf(seeder)))));
            }
            waitUntil("the first runs, the others wait", () -> stats(hs.get(0)).state() != TorrentState.QUEUED
                    && stats(hs.get(1)).state() == TorrentState.QUEUED && stats(hs.get(2)).state() == TorrentState.QUEUED);
            assertEquals(List.of(0, 1, 2), List.of(stats(hs.get(0)).queuePosition(), stats(hs.get(1)).queuePosition(),
                    stats(hs.get(2)).queuePosition()));
            assertEquals(0, stats(hs.get(1)).verifiedBytes(), "a queued torrent does not download");
            SessionStats session = await(leecher.engine.sessionStats());
            assertEquals(2, session.queued());
            assertTrue(session.queueing());

            // The last one to the top: it takes the only download slot, the first goes back to the queue.
            await(leecher.engine.queueMove(List.of(f.metas().get(2).infoHash()), QueueMove.TOP));
            assertEquals(0, stats(hs.get(2)).queuePosition());
            waitUntil("the moved torrent runs, the first waits", () -> stats(hs.get(2)).state() != TorrentState.QUEUED
                    && stats(hs.get(0)).state() == TorrentState.QUEUED);

            // Finished torrents seed (no seed limit) and free the download slot for the next in order.
            EngineUnderTest.awaitFinished(hs.get(2), SessionFixture.TIMEOUT);
            EngineUnderTest.awaitFinished(hs.get(0), SessionFixture.TIMEOUT);
            EngineUnderTest.awaitFinished(hs.get(1), SessionFixture.TIMEOUT);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(f.data().get(i), Files.readAllBytes(out.resolve("t" + i + ".bin")));
                assertEquals(TorrentState.LIVE, stats(hs.get(i)).state(), "seeds are not limited here");
            }
            // Counted in seconds (kept in resume data); the stats show whole minutes.
            TorrentTimes times = await(hs.get(2).resumeData()).times();
            assertTrue(times.downloadingSeconds() + times.seedingSeconds() >= 1, "running time is counted: " + times);
            assertEquals(0, stats(hs.get(2)).times().seedingSeconds() % 60, "whole minutes in the stats");
        }
    }

    @Test
    void aForcedTorrentRunsWhateverTheQueueAndIsNotCounted() throws Exception {
        Fixture f = torrents(2, 500_000);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(f.seedDir());
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            for (Metainfo m : f.metas()) {
                seed(seeder, m, f.seedDir());
            }
            await(leecher.engine.setQueueSettings(new QueueSettings(true, 0, 0, 0, false, 0, 0, 60)));
            TorrentHandle queued = await(leecher.engine.add(f.metas().get(0), TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            TorrentHandle forced = await(leecher.engine.add(f.metas().get(1), TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder)).withPolicy(TorrentPolicy.DEFAULT.withForced(true))));
            EngineUnderTest.awaitFinished(forced, SessionFixture.TIMEOUT);
            assertEquals(TorrentState.QUEUED, stats(queued).state(), "no slot at all: it waits");
            assertTrue(stats(forced).policy().forced());

            // Forced off: it goes back to the queue; forcing the other starts it.
            await(forced.setPolicy(TorrentPolicy.DEFAULT));
            waitForState(forced, TorrentState.QUEUED);
            await(queued.setPolicy(TorrentPolicy.DEFAULT.withForced(true)));
            EngineUnderTest.awaitFinished(queued, SessionFixture.TIMEOUT);

            // The queue off: every torrent that is not paused runs.
            await(leecher.engine.setQueueSettings(QueueSettings.OFF));
            waitForState(forced, TorrentState.LIVE);
        }
    }

    @Test
    void aSeedStopsAtItsGoalAndSeedsOnWhenStartedByHand() throws Exception {
        Fixture f = torrents(1, 400_000);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(f.seedDir());
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, f.metas().getFirst(), f.seedDir());
            // Ratio 0: reached the moment the download is complete (as in qBittorrent, where 0 stops at once).
            TorrentPolicy policy = TorrentPolicy.DEFAULT.withCategory("tv").withTags(List.of("a", "b"))
                    .withGoals(new SeedGoals(0, SeedGoals.SESSION, SeedGoals.SESSION));
            TorrentHandle h = await(leecher.engine.add(f.metas().getFirst(), TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder)).withPolicy(policy)));
            waitUntil("stopped at its goal", () -> stats(h).state() == TorrentState.PAUSED && stats(h).finished());
            TorrentStats s = stats(h);
            assertNotNull(s.goalReached(), "the goal it reached is told");
            assertTrue(s.goalReached().startsWith("seeding goal reached: ratio"), s.goalReached());
            assertEquals("tv", s.policy().category());
            assertEquals(List.of("a", "b"), s.policy().tags());
            ResumeData resume = await(h.resumeData());
            assertTrue(resume.paused(), "stopped at the goal is paused, kept across a restart");
            assertEquals(policy, resume.policy());

            await(h.resume());
            waitForState(h, TorrentState.LIVE);
            assertEquals(SeedGoals.UNLIMITED, stats(h).policy().goals(), "started by hand: seeds on without goals");
            assertNull(stats(h).goalReached());
            assertEquals(TorrentState.LIVE, stats(h).state());

            // The session's default applies to a torrent that takes it.
            await(h.setPolicy(stats(h).policy().withGoals(SeedGoals.FROM_SESSION)));
            await(leecher.engine.setDefaultSeedGoals(new SeedGoals(SeedGoals.NONE, 0, SeedGoals.NONE)));
            waitForState(h, TorrentState.PAUSED);
            assertTrue(stats(h).goalReached().contains("seeded"), stats(h).goalReached());
            assertFalse(stats(h).effectiveGoals().ratio() >= 0);
        }
    }

    @Test
    void aRestoredTorrentKeepsItsPlaceAndWaitsInTheQueueUnchecked() throws Exception {
        Fixture f = torrents(2, 300_000);
        Path dir = f.seedDir();
        ResumeData first;
        ResumeData second;
        try (EngineUnderTest a = new EngineUnderTest(dir)) {
            TorrentHandle h0 = seed(a, f.metas().get(0), dir);
            TorrentHandle h1 = seed(a, f.metas().get(1), dir);
            await(a.engine.queueMove(List.of(f.metas().get(1).infoHash()), QueueMove.TOP));
            await(h0.setPolicy(TorrentPolicy.DEFAULT.withTags(List.of("kept"))));
            first = await(h0.resumeData());
            second = await(h1.resumeData());
        }
        assertTrue(second.queueOrder() < first.queueOrder(), "the move is in the resume data");
        assertEquals(List.of("kept"), first.policy().tags());
        try (EngineUnderTest b = new EngineUnderTest(dir)) {
            await(b.engine.setQueueSettings(new QueueSettings(true, 0, 1, -1, false, 0, 0, 60)));
            TorrentHandle h0 = await(b.engine.add(f.metas().get(0), TorrentOptions.defaults(dir), first));
            TorrentHandle h1 = await(b.engine.add(f.metas().get(1), TorrentOptions.defaults(dir), second));
            // One seed slot: the one moved to the top takes it, as a seed (its resume data says so, unchecked).
            // (The first added may have started before the second was there: the queue stops it once its check is done.)
            waitUntil("the top one seeds, the other waits", () -> stats(h1).state() == TorrentState.LIVE
                    && stats(h1).finished() && stats(h0).state() == TorrentState.QUEUED);
            assertEquals(0, stats(h1).queuePosition());
            assertEquals(1, stats(h0).queuePosition());
            assertEquals(List.of("kept"), stats(h0).policy().tags());
        }
    }

    @Test
    void aTorrentMovesToAnyPlaceInTheQueue() throws Exception {
        Fixture f = torrents(4, 100_000);
        try (EngineUnderTest e = new EngineUnderTest(f.seedDir())) {
            List<TorrentHandle> hs = new ArrayList<>();
            for (Metainfo m : f.metas()) {
                hs.add(await(e.engine.add(m, TorrentOptions.defaults(f.seedDir()).withStartPaused(true))));
            }
            await(e.engine.queueMoveTo(f.metas().get(3).infoHash(), 1));
            List<Integer> positions = new ArrayList<>();
            for (TorrentHandle h : hs) {
                positions.add(stats(h).queuePosition());
            }
            assertEquals(List.of(0, 2, 3, 1), positions);
            await(e.engine.queueMoveTo(f.metas().get(0).infoHash(), 99));
            assertEquals(3, stats(hs.get(0)).queuePosition(), "past the end: last");
            await(e.engine.queueMoveTo(f.metas().get(2).infoHash(), 0));
            assertEquals(0, stats(hs.get(2)).queuePosition());
            java.util.Set<Long> orders = new java.util.HashSet<>();
            for (TorrentHandle h : hs) {
                long order = await(h.resumeData()).queueOrder();
                assertTrue(order != 0, "0 means no place kept");
                orders.add(order);
            }
            assertEquals(4, orders.size(), "every torrent has a place of its own");
        }
    }
}
