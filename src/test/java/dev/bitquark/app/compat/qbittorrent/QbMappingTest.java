package dev.bitquark.app.compat.qbittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.engine.TorrentTimes;
import dev.bitquark.metainfo.InfoHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The qBittorrent persona's states, info object and sync diffs, from engine stats alone. */
class QbMappingTest {
    static TorrentStats stats(TorrentState state, boolean finished, long down, long up, TorrentPolicy policy) {
        return new TorrentStats(InfoHash.fromHex("00112233445566778899aabbccddeeff00112233"), "Show", state, null,
                finished, 1000, 1000, finished ? 1000 : 400, finished ? 1000 : 400, 10, finished ? 10 : 4, 1.0,
                down, up, 400, 800, 0, 1, 5, 1, finished ? 0 : 60, false, 10, "/dl/tv", 0, 0, false, 1_700_000_000_000L,
                finished ? 1_700_000_100_000L : 0, 50, Map.of(), "Show")
                .withSessionParts(policy, 0, 1, new TorrentTimes(120, 60, 0), SeedGoals.UNLIMITED, null);
    }

    @Test
    void statesFollowQbittorrentFiveNames() {
        TorrentPolicy p = TorrentPolicy.DEFAULT;
        assertEquals("stoppedUP", TorrentInfo.state(stats(TorrentState.PAUSED, true, 0, 0, p)));
        assertEquals("stoppedDL", TorrentInfo.state(stats(TorrentState.PAUSED, false, 0, 0, p)));
        assertEquals("queuedDL", TorrentInfo.state(stats(TorrentState.QUEUED, false, 0, 0, p)));
        assertEquals("queuedUP", TorrentInfo.state(stats(TorrentState.QUEUED, true, 0, 0, p)));
        assertEquals("checkingDL", TorrentInfo.state(stats(TorrentState.CHECKING, false, 0, 0, p)));
        assertEquals("metaDL", TorrentInfo.state(stats(TorrentState.METADATA, false, 0, 0, p)));
        assertEquals("downloading", TorrentInfo.state(stats(TorrentState.LIVE, false, 10, 0, p)));
        assertEquals("stalledDL", TorrentInfo.state(stats(TorrentState.LIVE, false, 0, 0, p)));
        assertEquals("uploading", TorrentInfo.state(stats(TorrentState.LIVE, true, 0, 10, p)));
        assertEquals("stalledUP", TorrentInfo.state(stats(TorrentState.LIVE, true, 0, 0, p)));
        assertEquals("forcedDL", TorrentInfo.state(stats(TorrentState.LIVE, false, 10, 0, p.withForced(true))));
        assertEquals("forcedUP", TorrentInfo.state(stats(TorrentState.LIVE, true, 0, 0, p.withForced(true))));
        assertEquals("error", TorrentInfo.state(stats(TorrentState.ERROR, false, 0, 0, p)));
    }

    @Test
    void theInfoObjectCarriesWhatSonarrReads() {
        TorrentPolicy p = new TorrentPolicy("tv", List.of("a", "b"), new SeedGoals(2, SeedGoals.SESSION,
                SeedGoals.NONE), false);
        Map<String, Object> m = TorrentInfo.of(stats(TorrentState.LIVE, false, 10, 0, p),
                new TorrentInfo.Context("magnet:?xt=urn:btih:00", "", 1, false, 3, true, ""));
        assertEquals("tv", m.get("category"));
        assertEquals("a, b", m.get("tags"));
        assertEquals("/dl/tv", m.get("save_path"));
        assertEquals("/dl/tv/Show", m.get("content_path"), "never the save path itself");
        assertEquals(2.0, m.get("ratio_limit"));
        assertEquals(-2L, m.get("seeding_time_limit"));
        assertEquals(-1L, m.get("inactive_seeding_time_limit"));
        assertEquals(60L, m.get("eta"));
        assertEquals(4, m.get("priority"), "queue position, 1-based, while queueing is on");
        assertEquals(-1L, m.get("dl_limit"), "no limit");
        assertEquals(60L, m.get("seeding_time"), "seconds");
        assertEquals(TorrentInfo.ETA_INFINITY, TorrentInfo.of(stats(TorrentState.LIVE, true, 0, 0, p),
                new TorrentInfo.Context("", "", 0, false, 0, true, "")).get("eta"));
    }

    @Test
    void filtersAcceptFourAndFiveNames() {
        Map<String, Object> stopped = TorrentInfo.of(stats(TorrentState.PAUSED, true, 0, 0, TorrentPolicy.DEFAULT),
                new TorrentInfo.Context("", "", 0, false, 0, false, ""));
        assertTrue(QbTorrents.matches("stopped", stopped));
        assertTrue(QbTorrents.matches("paused", stopped));
        assertTrue(QbTorrents.matches("completed", stopped));
        assertFalse(QbTorrents.matches("seeding", stopped));
        assertFalse(QbTorrents.matches("running", stopped));
        assertTrue(QbTorrents.matches("inactive", stopped));
    }

    @Test
    void syncSendsEverythingFirstThenOnlyWhatChanged() {
        QbSync sync = new QbSync();
        Map<String, Map<String, Object>> one = Map.of("h1", Map.of("name", "A", "progress", 0.5));
        Map<String, Object> full = sync.answer("s", 0, one, Map.of("tv", Map.of("name", "tv", "savePath", "")),
                List.of("x"), Map.of(), Map.of("dl_info_speed", 1));
        assertEquals(true, full.get("full_update"));
        int rid = (Integer) full.get("rid");

        Map<String, Map<String, Object>> two = Map.of("h1", Map.of("name", "A", "progress", 0.7),
                "h2", Map.of("name", "B", "progress", 0.0));
        Map<String, Object> diff = sync.answer("s", rid, two, Map.of(), List.of("x", "y"), Map.of(),
                Map.of("dl_info_speed", 1));
        assertFalse(diff.containsKey("full_update"));
        assertEquals(Map.of("h1", Map.of("progress", 0.7), "h2", Map.of("name", "B", "progress", 0.0)),
                diff.get("torrents"));
        assertEquals(List.of("tv"), diff.get("categories_removed"));
        assertEquals(List.of("y"), diff.get("tags"));
        assertFalse(diff.containsKey("server_state"), "nothing changed there");

        Map<String, Object> gone = sync.answer("s", (Integer) diff.get("rid"), Map.of(), Map.of(), List.of("x", "y"),
                Map.of(), Map.of("dl_info_speed", 1));
        assertEquals(List.of("h1", "h2"), ((List<?>) gone.get("torrents_removed")).stream().sorted().toList());
        assertEquals(true, sync.answer("s", 12345, Map.of(), Map.of(), List.of(), Map.of(), Map.of())
                .get("full_update"), "an rid the server did not send: everything again");
        assertEquals(true, sync.answer("other", (Integer) gone.get("rid"), Map.of(), Map.of(), List.of(), Map.of(),
                Map.of()).get("full_update"), "per session");
    }
}
