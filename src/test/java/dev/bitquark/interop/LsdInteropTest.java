package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.lsd.LsdDropReason;
import dev.bitquark.lsd.LsdService;
import dev.bitquark.lsd.LsdSettings;
import dev.bitquark.lsd.LsdStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.testkit.ExternalProcess;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.Ports;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bitquark's local service discovery against a real libtorrent (Debian python3-libtorrent, LSD on,
 * listening on 127.0.0.1) on the loopback interface. libtorrent fixes BEP 14's group and port
 * (239.192.152.143:6771), so this test uses them too; both bind the port with address reuse.
 */
@Interop
class LsdInteropTest {
    static final InfoHash SHARED = InfoHash.fromHex("5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed");
    static final InfoHash ONLY_LIBTORRENT = InfoHash.fromHex("1777777777777777777777777777777777777777");
    static final InfoHash ONLY_BITQUARK = InfoHash.fromHex("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");

    @TempDir
    Path work;

    @Test
    void libtorrentAndBitquarkFindEachOtherOnLoopback() throws Exception {
        int ltPort = Ports.free();
        Vertx vertx = Vertx.vertx();
        // Stands in for bitquark's peer port: libtorrent dials the peers LSD gives it.
        try (ServerSocket peerPort = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             ExternalProcess lt = ExternalProcess.start("lt-lsd-" + ltPort, work, List.of(LibtorrentPeer.PYTHON,
                     LibtorrentPeer.script(work, "lt_lsd.py").toString(), "--port", Integer.toString(ltPort),
                     SHARED.toHex(), ONLY_LIBTORRENT.toHex()))) {
            lt.awaitLine(l -> l.equals("READY"), Duration.ofSeconds(30));
            // A short interval: libtorrent may have missed our first announce while it was starting.
            LsdSettings settings = new LsdSettings(LsdSettings.BEP14_GROUP, LsdSettings.BEP14_PORT, "lo",
                    Duration.ofSeconds(2), 5, 50);
            LsdService bq = LsdService.start(vertx, settings).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            try {
                CompletableFuture<List<InetSocketAddress>> found = new CompletableFuture<>();
                List<List<InetSocketAddress>> onlyOurs = new CopyOnWriteArrayList<>();
                bq.announce(SHARED.toBytes(), peerPort.getLocalPort(), found::complete);
                bq.announce(ONLY_BITQUARK.toBytes(), peerPort.getLocalPort(), onlyOurs::add);

                // libtorrent re-announces a new torrent at 2 s and 6 s, so we hear it even if we started late.
                assertEquals(List.of(new InetSocketAddress("127.0.0.1", ltPort)), found.get(10, TimeUnit.SECONDS),
                        lt.output());
                // libtorrent read our batched packet (two Infohash headers) and took the shared one ...
                lt.awaitLine(l -> l.equals("LSD_HEARD " + SHARED.toHex() + " 127.0.0.1:" + peerPort.getLocalPort()),
                        Duration.ofSeconds(10));
                // ... and dials the peer it learned, for that torrent.
                peerPort.setSoTimeout(10_000);
                try (Socket dialed = peerPort.accept()) {
                    dialed.setSoTimeout(10_000);
                    byte[] handshake = new byte[68];
                    new DataInputStream(dialed.getInputStream()).readFully(handshake);
                    assertEquals(SHARED, InfoHash.of(Arrays.copyOfRange(handshake, 28, 48)), "handshake's info-hash");
                }
                LsdStats st = awaitUnwanted(bq);
                assertEquals(List.of(), onlyOurs, "libtorrent does not announce it");
                assertTrue(st.dropped(LsdDropReason.OWN_MESSAGE) >= 1, st.toString());
                assertEquals(0, st.droppedTotal() - st.dropped(LsdDropReason.OWN_MESSAGE)
                        - st.dropped(LsdDropReason.RATE_LIMITED), "libtorrent's packets all decode: " + st);
            } finally {
                bq.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until libtorrent's announce of the torrent only it has was heard (and ignored). */
    private static LsdStats awaitUnwanted(LsdService bq) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            LsdStats st = bq.stats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (st.unwantedInfoHashes() >= 1) {
                return st;
            }
            if (System.nanoTime() > deadline) {
                fail("libtorrent's other torrent was never heard: " + st);
            }
            Thread.sleep(50);
        }
    }
}
