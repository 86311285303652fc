package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.EngineUnderTest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quiet torrent (no connection, no dial, no rate) hands back the same stats until something it shows
 * changes, so a session of thousands of idle torrents is sampled without walking each one; and every such
 * change shows at once.
 */
class QuietStatsTest {
    private static final int PIECE = 32768;

    @TempDir
    Path work;

    private static TorrentStats sampled(EngineUnderTest e, TorrentHandle h) throws Exception {
        EngineSnapshot s = await(e.engine.snapshot(Map.of()));
        return s.torrents().stream().filter(t -> t.infoHash().equals(h.infoHash())).findFirst().orElseThrow();
    }

    @Test
    void keepsTheStatsOfAQuietTorrentAndShowsEveryChangeAtOnce() throws Exception {
        byte[][] files = {payload(4 * PIECE, 31), payload(2 * PIECE, 32)};
        Metainfo meta = SessionFixture.multiFile("quiet", PIECE, files);
        Path dir = work.resolve("data");
        SessionFixture.writeFiles(dir, "quiet", files);
        try (EngineUnderTest engine = new EngineUnderTest(dir)) {
            TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(dir)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            TorrentStats first = sampled(engine, h);
            TorrentStats again = sampled(engine, h);
            assertSame(first, again, "nothing changed: the same stats object");
            assertSame(again, stats(h));

            await(h.setRateLimits(1000, 2000));
            TorrentStats limited = stats(h);
            assertNotSame(again, limited);
            assertEquals(1000, limited.downloadLimit());
            assertEquals(2000, limited.uploadLimit());

            await(h.setFilePriority(1, FilePriority.SKIP));
            assertEquals(files[0].length, stats(h).wantedBytes());

            await(h.setSequential(true));
            assertTrue(stats(h).sequential());

            await(h.setMaxConnections(7));
            assertEquals(7, stats(h).maxConnections());

            await(h.pause());
            assertEquals(TorrentState.PAUSED, stats(h).state());

            Path moved = work.resolve("moved");
            await(h.moveStorage(moved));
            assertEquals(moved.toString(), stats(h).saveDir());

            // A peer to dial (nobody listens there) makes the torrent known-peer count move: shown at once.
            await(h.addPeers(List.of(new InetSocketAddress("127.0.0.1", 9))));
            assertEquals(1, stats(h).peersKnown());
        }
    }
}
