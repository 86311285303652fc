package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Regression: during a recheck {@code checkedPieces} still counted the previous check (1,024 pieces) while
 * {@code checkedFraction} showed the running one (0.28). Both describe the running check, at every sample.
 */
@LoopbackSwarm
class RecheckProgressTest {
    @TempDir
    Path work;

    @Test
    void checkedPiecesMoveInStepWithTheCheckedFraction() throws Exception {
        int pieces = 1024;
        byte[] data = payload(pieces * 16384, 12);
        Metainfo meta = SessionFixture.multiFile("recheck", 16384, data);
        SessionFixture.writeFiles(work, "recheck", data);
        try (EngineUnderTest e = new EngineUnderTest(work)) {
            TorrentHandle h = seed(e, meta, work);
            assertEquals(pieces, stats(h).checkedPieces(), "the first check read every piece");
            List<TorrentStats> samples = new ArrayList<>();
            // recheck() and the first stats() hop onto the engine context in this order: the first sample is
            // taken after the recheck started and before any of its pieces was read.
            var done = h.recheck();
            samples.add(stats(h));
            while (!done.isComplete()) {
                samples.add(stats(h));
            }
            samples.add(stats(h));
            TorrentStats first = samples.get(0);
            assertEquals(TorrentState.CHECKING, first.state());
            assertEquals(0, first.checkedPieces(), "a new check starts at 0, like its fraction");
            for (TorrentStats s : samples) {
                if (s.state() == TorrentState.CHECKING) {
                    assertEquals(Math.round(s.checkedFraction() * pieces), s.checkedPieces(),
                            "checkedPieces " + s.checkedPieces() + " at fraction " + s.checkedFraction());
                }
            }
            TorrentStats last = samples.get(samples.size() - 1);
            assertEquals(pieces, last.checkedPieces());
            assertEquals(1.0, last.checkedFraction());
            assertTrue(await(h.whenFinished()) == null);
        }
    }
}
