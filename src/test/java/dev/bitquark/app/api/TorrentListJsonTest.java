package dev.bitquark.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list's rows: written once per change of a torrent's stats, and exactly as Jackson writes the items. */
class TorrentListJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final TorrentListJson rows = new TorrentListJson(JSON);

    static TorrentStats torrent(int n, String name, long downloadRate) {
        byte[] b = new byte[20];
        b[19] = (byte) n;
        return new TorrentStats(InfoHash.of(b), name, TorrentState.LIVE, null, false, 1000, 1000, 500, 500, 4, 2, 1.0,
                downloadRate, 0, 500, 0, 0, 1, 3, 0, -1, false, 4, "/downloads", 0, 0, false, 1_700_000_000_000L, 0, 50,
                Map.of(), name);
    }

    @Test
    void aTorrentWhoseStatsDidNotChangeKeepsItsRowAndAChangedOneIsWrittenAgain() {
        TorrentListJson.Row a = rows.row(torrent(1, "a", 0));
        TorrentListJson.Row b = rows.row(torrent(2, "b", 0));
        assertSame(a, rows.row(torrent(1, "a", 0)));
        TorrentListJson.Row b2 = rows.row(torrent(2, "b", 9));
        assertNotSame(b, b2);
        assertEquals(9, b2.dto().downloadRate());
    }

    @Test
    void theArrayIsWhatJacksonWritesForTheListOfItems() throws Exception {
        List<TorrentStats> stats = List.of(torrent(1, "a \"quoted\" ü", 5), torrent(2, "b", 0));
        List<TorrentListJson.Row> list = stats.stream().map(rows::row).toList();
        assertEquals(JSON.writeValueAsString(stats.stream().map(TorrentDto::of).toList()),
                new String(TorrentListJson.array(list), StandardCharsets.UTF_8));
        assertEquals("[]", new String(TorrentListJson.array(List.of()), StandardCharsets.UTF_8));
    }

    @Test
    void rowsOfRemovedTorrentsAreForgotten() {
        TorrentListJson.Row a = rows.row(torrent(1, "a", 0));
        rows.row(torrent(2, "b", 0));
        rows.retain(List.of(torrent(2, "b", 0)));
        assertNotSame(a, rows.row(torrent(1, "a", 0)));
    }
}
