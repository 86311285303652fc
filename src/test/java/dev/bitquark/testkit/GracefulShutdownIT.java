package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.FakeHttpTracker;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Kubernetes sends) in the middle of a download: the server tells the tracker it
 * stopped, saves every torrent's resume data with its pieces flushed, and exits well inside the
 * 30 s grace period; the restart loses nothing and needs only the spot check.
 */
class GracefulShutdownIT {
    static final String PASSWORD = "graceful-shutdown-it-password";
    static final long SIZE = 128L << 20;

    @TempDir
    Path work;

    final HttpClient http = HttpClient.newHttpClient();

    private JsonObject torrent(ServerProcess s, String id) throws Exception {
        HttpResponse<String> r = http.send(request(s, "/api/v1/torrents/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private HttpRequest.Builder request(ServerProcess s, String path) {
        return HttpRequest.newBuilder(URI.create(s.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonObject await(ServerProcess s, String id, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
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

    private static boolean fromUs(FakeHttpTracker.Request r) {
        return r.params().getOrDefault("peer_id", "").startsWith(PeerId.CLIENT_PREFIX);
    }

    @Test
    void sigtermAnnouncesStoppedSavesEverythingAndExitsInsideTheGracePeriod() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "movie.mkv", SIZE, 5);
        Path torrentFile = work.resolve("movie.torrent");
        Path srv = work.resolve("srv");
        Files.createDirectories(srv);
        try (FakeHttpTracker tracker = new FakeHttpTracker()) {
            LibtorrentPeer.makeTorrent(work, payload, torrentFile, 256 * 1024, tracker.url("/announce"));
            AtomicReference<byte[]> peers = new AtomicReference<>(new byte[0]);
            tracker.handle("/announce", exchange -> FakeHttpTracker.send(exchange, 200, BEncoder.encode(BDict.builder()
                    .put("interval", 1800).put("peers", peers.get()).build())));
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), 16L << 20, torrentFile);
                 ServerProcess server = new ServerProcess(srv, Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))) {
                // The tracker hands out the seeder (compact IPv4 peers, BEP 23).
                peers.set(ByteBuffer.allocate(6).put(new byte[] {127, 0, 0, 1}).putShort((short) seeder.port()).array());
                server.start();
                HttpResponse<String> added = http.send(request(server, "/api/v1/torrents")
                        .header("Content-Type", "application/x-bittorrent")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(torrentFile))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, added.statusCode(), added.body());
                String id = new JsonObject(added.body()).getString("id");
                await(server, id, t -> t.getLong("verifiedBytes") >= SIZE * 2 / 5);

                Duration exit = server.terminate(Duration.ofSeconds(30));
                List<FakeHttpTracker.Request> ours = tracker.requests.stream().filter(GracefulShutdownIT::fromUs).toList();
                System.out.printf("SIGTERM mid-download: exited in %d ms; announces %s%n", exit.toMillis(),
                        ours.stream().map(FakeHttpTracker.Request::event).toList());
                assertTrue(exit.compareTo(Duration.ofSeconds(10)) < 0, "well inside the 30 s grace period: " + exit);
                assertEquals("started", ours.getFirst().event());
                assertEquals("stopped", ours.getLast().event(), "the tracker was told: " + ours);

                server.start();
                JsonObject t = await(server, id, x -> !"checking".equals(x.getString("state")));
                System.out.printf("restart after SIGTERM: %d MiB kept, %d pieces hashed, fast resume=%s%n",
                        t.getLong("verifiedBytes") >> 20, t.getLong("checkedPieces"), t.getBoolean("fastResumed"));
                assertEquals("live", t.getString("state"), t.encode());
                assertTrue(t.getBoolean("fastResumed"), t.encode());
                assertTrue(t.getLong("checkedPieces") <= 9, "a spot check only: everything was flushed: " + t);
                assertTrue(t.getLong("verifiedBytes") >= SIZE * 2 / 5, "nothing lost: " + t);
                await(server, id, x -> x.getBoolean("finished"));
            }
        }
        assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(srv.resolve("downloads").resolve("movie.mkv")));
    }
}
