package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.engine.TorrentHandle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.TransmissionPeer;

/**
 * bitquark downloads from a real Transmission (Debian transmission-daemon). Transmission ignores
 * 127.0.0.0/8 peers learned from trackers, so bitquark dials it directly (initial peers).
 */
@Interop
class TransmissionInteropTest {
    @TempDir
    Path work;

    @Test
    void downloadsFromTransmissionSeeder() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "multi", 21, 7, 400_000);
        Path torrent = work.resolve("multi.torrent");
        LibtorrentPeer.makeTorrent(work, payload, torrent, 65536);
        try (TransmissionPeer transmission = TransmissionPeer.start(work)) {
            transmission.seed(torrent, seedDir, Duration.ofSeconds(60));
            Path out = work.resolve("out");
            try (EngineUnderTest bq = new EngineUnderTest(out)) {
                String[] hp = transmission.address().split(":");
                TorrentHandle h = bq.add(torrent, out,
                        List.of(new InetSocketAddress(hp[0], Integer.parseInt(hp[1]))));
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(120));
            }
            assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(out.resolve("multi")));
        }
    }
}
