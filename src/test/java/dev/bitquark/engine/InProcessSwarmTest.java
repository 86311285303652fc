package dev.bitquark.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * bitquark ↔ bitquark on loopback, no tracker: one engine seeds, another downloads; plus a hostile
 * peer that sends a 4 GiB length prefix. Checks the data, that the connections are gone afterwards
 * and that the engine's file handles are released (no leaks).
 */
@LoopbackSwarm
class InProcessSwarmTest {
    @TempDir
    Path work;

    private static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void oneEngineSeedsAnotherDownloadsThenBothLetGo() throws Exception {
        byte[] data = payload(5_000_000, 1);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("movie.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("movie.bin", data).pieceLength(65536).write());
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle seeding = EngineUnderTest.await(seeder.engine.add(meta, TorrentOptions.defaults(seedDir)),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(seeding, Duration.ofSeconds(30));
            TorrentHandle h = EngineUnderTest.await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(List.of(new InetSocketAddress("127.0.0.1", seeder.engine.peerPort())))),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60));
            assertArrayEquals(data, Files.readAllBytes(out.resolve("movie.bin")));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertEquals(data.length, s.verifiedBytes());
            assertEquals(0, s.wastedTotal(), "no block was fetched twice or thrown away");
            // Both complete: the seed-to-seed connection is dropped (neither can use the other).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).peersConnected() > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).peersConnected());
            TorrentStats seedStats = EngineUnderTest.await(seeding.stats(), Duration.ofSeconds(5));
            assertEquals(data.length, seedStats.uploadedTotal());
        }
        // After close every file handle is released: the folders can be removed and replaced.
        Files.delete(out.resolve("movie.bin"));
        Files.delete(seedDir.resolve("movie.bin"));
    }

    @Test
    void peerSendingAFourGigabyteLengthPrefixIsDisconnectedAtOnce() throws Exception {
        byte[] data = payload(300_000, 2);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("f.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("f.bin", data).pieceLength(32768).write());
        try (EngineUnderTest bq = new EngineUnderTest(seedDir)) {
            TorrentHandle h = EngineUnderTest.await(bq.engine.add(meta, TorrentOptions.defaults(seedDir)),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(30));
            long heapBefore = usedHeap();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", bq.engine.peerPort()), 2000);
                s.setSoTimeout(5000);
                OutputStream o = s.getOutputStream();
                byte[] hs = new byte[68];
                hs[0] = 19;
                System.arraycopy("BitTorrent protocol".getBytes(), 0, hs, 1, 19);
                meta.infoHash().copyTo(hs, 28);
                System.arraycopy("-XX0001-attacker0001".getBytes(), 0, hs, 48, 20);
                o.write(hs);
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readFully(new byte[68]); // our handshake back
                o.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7});
                byte[] junk = new byte[64 * 1024];
                long sent = 0;
                try {
                    for (int i = 0; i < 4096; i++) {
                        o.write(junk);
                        sent += junk.length;
                    }
                } catch (IOException closedByBitquark) {
                    // expected: the connection is closed at the length prefix
                }
                assertTrue(sent < 256L << 20, "bitquark kept reading junk: " + sent);
                assertTrue(drainsToEof(in), "connection closed by bitquark");
            }
            assertTrue(usedHeap() - heapBefore < 64L << 20, "no large allocation for the announced length");
            assertEquals(0, EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).peersConnected());
        }
    }

    private static boolean drainsToEof(InputStream in) {
        try {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // our bitfield/have messages, then EOF
            }
            return true;
        } catch (IOException e) {
            return true; // reset: closed too
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
