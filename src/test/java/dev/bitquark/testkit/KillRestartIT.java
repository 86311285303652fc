package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * fetches again at most the pieces in flight (the rest are in resume data or the piece journal), and
 * finishes byte-exact. Then it seeds to a real libtorrent leecher and is restarted twice more
 * (SIGTERM, then kill -9): seeding, 100 %, spot check only, uploaded and downloaded totals kept.
 */
class KillRestartIT {
    static final String PASSWORD = "kill-restart-it-password";
    static final long SIZE = 256L << 20;
    /** Seeder upload rate: the download takes about 8 s, so the kill points fall inside it. */
    static final long RATE = 32L << 20;
    /**
     * Pieces in flight (16 MiB of piece buffers) and a little slack for pieces completed in the last
     * milliseconds before the kill (the piece journal is written as pieces complete, not fsynced).
     */
    static final long MAX_REFETCH = 20L << 20;

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

    /** Polls until {@code done} holds for the torrent, or fails with the last state and the server log. */
    private JsonObject await(ServerProcess s, String id, java.util.function.Predicate<JsonObject> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject t = torrent(s, id);
        while (!done.test(t)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + t + "\n" + s.log());
            }
            Thread.sleep(50);
            t = torrent(s, id);
        }
        return t;
    }

    @Test
    void survivesKillNineMidDownloadAndRestartsSeedingAfterCompletion() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "big.bin", SIZE, 11);
        Path torrentFile = work.resolve("big.torrent");
        Path downloaded = work.resolve("srv").resolve("downloads").resolve("big.bin");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            tracker.allow(LibtorrentPeer.makeTorrent(work, payload, torrentFile, 256 * 1024, tracker.httpAnnounceUrl()));
            // Default settings (save interval 1 s): what a user gets.
            try (ServerProcess server = new ServerProcess(work.resolve("srv"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                    "QUARKUS_LOG_CATEGORY__DEV_BITQUARK_ENGINE_INTERNAL__LEVEL", "DEBUG"))) {
                Files.createDirectories(work.resolve("srv"));
                server.start();
                String id;
                try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), RATE, torrentFile)) {
                    HttpResponse<String> added = call(server, "POST", "/api/v1/torrents", Files.readAllBytes(torrentFile));
                    assertEquals(201, added.statusCode(), added.body());
                    id = new JsonObject(added.body()).getString("id");
                    for (double point : new double[] {0.3, 0.65}) {
                        long before = awaitVerified(server, id, (long) (SIZE * point), Duration.ofSeconds(120))
                                .getLong("verifiedBytes");
                        server.kill9();
                        long restart = System.nanoTime();
                        server.start();
                        JsonObject t = await(server, id, x -> !"checking".equals(x.getString("state")),
                                Duration.ofSeconds(60));
                        long kept = t.getLong("verifiedBytes");
                        System.out.printf("kill -9 at %.0f%%: verified %d MiB before, %d MiB kept after restart "
                                        + "(%d MiB to fetch again); fast resume=%s, pieces hashed=%s, live %d ms after exec%n",
                                point * 100, before >> 20, kept >> 20, Math.max(0, before - kept) >> 20,
                                t.getBoolean("fastResumed"), t.getValue("checkedPieces"),
                                (System.nanoTime() - restart) / 1_000_000);
                        assertEquals("live", t.getString("state"), t.encode());
                        assertTrue(t.getBoolean("fastResumed"), "restored without a full recheck: " + t + "\n" + server.log());
                        assertTrue(t.getLong("checkedPieces") < t.getLong("pieceCount") / 2,
                                "hashed only the spot check and the unsynced pieces: " + t);
                        assertTrue(kept >= before - MAX_REFETCH,
                                "at most the pieces in flight fetched again: " + t);
                    }
                    await(server, id, x -> x.getBoolean("finished"), Duration.ofSeconds(120));
                }
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(downloaded));

                // Seed to a real leecher, so that there is an uploaded total to keep.
                Path leechDir = work.resolve("leech");
                try (LibtorrentPeer leecher = LibtorrentPeer.leech(work, leechDir,
                        List.of("127.0.0.1:" + server.peerPort()), torrentFile)) {
                    leecher.awaitDone(Duration.ofSeconds(120));
                }
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(leechDir.resolve("big.bin")));
                JsonObject seeded = await(server, id, x -> x.getLong("uploadedTotal") >= SIZE, Duration.ofSeconds(30));

                // Restart after completion, by kill -9 and then gracefully: seeding, 100 %, no recheck, totals kept.
                for (boolean graceful : new boolean[] {false, true}) {
                    if (graceful) {
                        Duration took = server.terminate(Duration.ofSeconds(30));
                        System.out.printf("SIGTERM while seeding: exited in %d ms%n", took.toMillis());
                    } else {
                        // A seeding torrent's totals are saved every 10 s (plus the 1 s save interval).
                        Thread.sleep(11_500);
                        server.kill9();
                    }
                    server.start();
                    JsonObject t = await(server, id, x -> !"checking".equals(x.getString("state")), Duration.ofSeconds(60));
                    assertEquals("live", t.getString("state"), t.encode());
                    assertTrue(t.getBoolean("finished"), t.encode());
                    assertEquals(1.0, t.getDouble("progress"), 1e-9, t.encode());
                    assertTrue(t.getBoolean("fastResumed"), "no full recheck: " + t);
                    assertTrue(t.getLong("checkedPieces") <= 16, "spot check only: " + t);
                    assertEquals(seeded.getLong("uploadedTotal"), t.getLong("uploadedTotal"), "uploaded total kept: " + t);
                    assertEquals(seeded.getLong("downloadedTotal"), t.getLong("downloadedTotal"), "downloaded total kept: " + t);
                }
            }
        }
        assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(downloaded));
    }
}
