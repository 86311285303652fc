package dev.bitquark.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeding goals (which one is reached, the session's defaults), a policy's names, the queue's limits. */
class SeedGoalsAndPolicyTest {
    @Test
    void theFirstGoalReachedIsToldWithItsFigures() {
        SeedGoals g = new SeedGoals(2.0, 60, 30);
        assertNull(g.reached(1.99, 3599, 1799));
        assertEquals("seeding goal reached: ratio 2.00 of 2.00", g.reached(2.0, 0, 0));
        assertEquals("seeding goal reached: seeded 60 min of 60 min", g.reached(0, 3600, 0));
        assertEquals("seeding goal reached: no upload for 30 min of 30 min", g.reached(0, 0, 1800));
        assertNull(SeedGoals.UNLIMITED.reached(1e6, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
        assertEquals("seeding goal reached: ratio 0.00 of 0.00", new SeedGoals(0, -1, -1).reached(0, 0, 0),
                "ratio 0 stops at once, as in qBittorrent");
    }

    @Test
    void aTorrentTakesTheSessionsGoalsWhereItHasNone() {
        SeedGoals session = new SeedGoals(1.5, SeedGoals.NONE, 10);
        assertEquals(session, SeedGoals.FROM_SESSION.over(session));
        assertEquals(new SeedGoals(3, SeedGoals.NONE, SeedGoals.NONE),
                new SeedGoals(3, SeedGoals.SESSION, SeedGoals.NONE).over(session));
        assertTrue(session.any());
        assertEquals(false, SeedGoals.UNLIMITED.any());
    }

    @Test
    void goalsOutOfRangeAreRefusedNamingTheLimit() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedGoals(-3, 0, 0)).getMessage()
                .startsWith("ratio limit"));
        assertThrows(IllegalArgumentException.class, () -> new SeedGoals(Double.NaN, 0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedGoals(1, -5, 0)).getMessage()
                .startsWith("seeding time limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SeedGoals(1, 0, SeedGoals.MAX_MINUTES + 1))
                .getMessage().startsWith("idle seeding limit"));
    }

    @Test
    void theShareRatioOfATorrentAddedCompleteIsMeasuredAgainstItsSize() {
        assertEquals(2.0, SeedGoals.ratioOf(200, 100, 1000));
        assertEquals(0.5, SeedGoals.ratioOf(500, 0, 1000));
        assertEquals(0.0, SeedGoals.ratioOf(0, 0, 0));
    }

    @Test
    void categoriesAndTagsAreKeptTrimmedAndOnce() {
        TorrentPolicy p = new TorrentPolicy("  tv/anime ", List.of("a", " b", "a"), SeedGoals.FROM_SESSION, false);
        assertEquals("tv/anime", p.category());
        assertEquals(List.of("a", "b"), p.tags());
        assertNull(p.withCategory("").category(), "an empty category is none");
    }

    @Test
    void namesThatWouldLeaveTheFolderOrBreakTheApisAreRefused() {
        for (String bad : List.of("..", "tv/../x", "/tv", "tv/", "tv//anime", "a\\b", "tv\u0000", "x".repeat(201))) {
            assertThrows(IllegalArgumentException.class, () -> TorrentPolicy.checkCategory(bad), bad);
        }
        for (String bad : List.of("", "  ", "a,b", "ta\tb")) {
            assertThrows(IllegalArgumentException.class, () -> TorrentPolicy.checkTag(bad), bad);
        }
        assertEquals("4k HDR", TorrentPolicy.checkTag(" 4k HDR "));
        assertThrows(IllegalArgumentException.class, () -> new TorrentPolicy(null,
                java.util.Collections.nCopies(TorrentPolicy.MAX_TAGS + 1, "t"), SeedGoals.FROM_SESSION, false));
    }

    @Test
    void queueLimitsAreMinusOneOrACount() {
        assertEquals(false, QueueSettings.OFF.enabled());
        assertEquals(3, QueueSettings.OFF.maxDownloads());
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(true, -2, 1, 1, false, 0, 0, 60));
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(true, 1, 1, 1, false, -1, 0, 60));
        assertThrows(IllegalArgumentException.class, () -> new QueueSettings(true, 1, 1, 1, false, 0, 0, 86_401));
    }
}
