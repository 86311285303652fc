package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.writeFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.bitquark.lsd.LsdService;
import dev.bitquark.lsd.LsdSettings;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.LoopbackSwarm;
import dev.bitquark.testkit.Ports;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local service discovery (BEP 14) as the engine's peer source: two engines on one machine, no tracker and no
 * peers given, find each other through multicast announces on the loopback interface (a test group and port, so
 * nothing else on the machine hears them) and the leecher downloads byte-exact.
 */
@LoopbackSwarm
class LsdPeerSourceTest {
    @TempDir
    Path work;

    @Test
    void twoEnginesFindEachOtherThroughLocalDiscovery() throws Exception {
        byte[] f0 = payload(300_000, 91);
        Metainfo meta = SessionFixture.multiFile("lsd", 16384, f0);
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "lsd", f0);
        Path out = work.resolve("out");
        LsdSettings settings = new LsdSettings("239.255.14.15", Ports.free(), "lo", Duration.ofMinutes(5), 5, 50);
        Vertx vertx = Vertx.vertx();
        try {
            LsdService a = await(LsdService.start(vertx, settings));
            LsdService b = await(LsdService.start(vertx, settings));
            try (EngineUnderTest seeder = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, seedDir)
                    .withPeerSource(new LsdPeerSource(a)));
                 EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, out)
                         .withPeerSource(new LsdPeerSource(b)))) {
                seed(seeder, meta, seedDir);
                TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                assertArrayEquals(f0, Files.readAllBytes(out.resolve("lsd/f0.bin")));
            } finally {
                await(a.close());
                await(b.close());
            }
        } finally {
            vertx.close();
        }
    }
}
