package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.TransmissionPeer;

/** The real peers used by the interop tests work among themselves (so a failure elsewhere is ours). */
@Interop
class InteropHarnessTest {
    @TempDir
    Path work;

    @Test
    void libtorrentToLibtorrentThroughOpentracker() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "multi", 21, 7, 300_000);
        Path torrent = work.resolve("multi.torrent");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            String ih = LibtorrentPeer.makeTorrent(work, payload, torrent, 32768, tracker.httpAnnounceUrl());
            tracker.allow(ih);
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
                 TransmissionPeer tr = TransmissionPeer.start(work)) {
                tr.seed(torrent, seedDir, Duration.ofSeconds(60));
                Path out = work.resolve("out");
                Files.createDirectories(out);
                try (LibtorrentPeer leecher = LibtorrentPeer.leech(work, out, List.of(), torrent)) {
                    leecher.awaitDone(Duration.ofSeconds(60));
                }
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(out.resolve("multi")));
            }
        }
    }
}
