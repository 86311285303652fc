package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server (the packaged jar, as users run it) given only a magnet link through its API, with its DHT
 * bootstrapped from one node of a local libtorrent DHT network that is not the seeder: it resolves the
 * metadata and downloads byte-exact; {@code /api/v1/dht/stats} and the metrics show the routing table;
 * after a restart without any bootstrap node the routing table comes back from {@code data/dht.state}.
 */
class DhtServerIT {
    static final String PASSWORD = "dht-it-password";

    @TempDir
    Path work;

    private static String tail(Path log) {
        try {
            java.util.List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void resolvesAMagnetThroughTheDhtAndKeepsItsRoutingTableAcrossARestart() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "dht", 5, 77, 1_000_000);
        Path torrent = work.resolve("dht.torrent");
        String infoHash = LibtorrentPeer.makeTorrent(work, payload, torrent, 65536);
        Path srv = work.resolve("srv");
        try (LibtorrentDht net = LibtorrentDht.start(work, 4, seedDir, torrent)) {
            try (ServerProcess server = new ServerProcess(srv, Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                    "BITQUARK_DHT_BOOTSTRAP", net.node(0)))) {
                server.start();
                ServerApi api = new ServerApi(server, PASSWORD);
                long t0 = System.nanoTime();
                String id = api.addMagnet("magnet:?xt=urn:btih:" + infoHash);
                api.await(id, t -> t.getInteger("pieceCount") > 0, Duration.ofSeconds(60));
                long metadataMs = (System.nanoTime() - t0) / 1_000_000;
                JsonObject done = api.await(id, t -> t.getBoolean("finished"), Duration.ofSeconds(90));
                long doneMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals("live", done.getString("state"), done.encode());
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(srv.resolve("downloads").resolve("dht")),
                        "payload must be byte-exact");
                JsonObject dht = api.getJson("/api/v1/dht/stats");
                assertTrue(dht.getBoolean("enabled"), dht.encode());
                assertTrue(dht.getInteger("nodes") >= 3, "the libtorrent nodes are in the routing table: " + dht.encode());
                assertEquals(1, dht.getInteger("torrents"), dht.encode());
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.url("/q/metrics"))).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("bitquark_dht_nodes{state=\"good\"}"), "DHT metrics in Prometheus");
                System.out.println("FIGURE dht magnet-only server API: metadata in " + metadataMs
                        + " ms, complete in " + doneMs + " ms");
                server.terminate(Duration.ofSeconds(30)); // SIGTERM, as Kubernetes stops a pod
            }
            assertTrue(Files.exists(srv.resolve("data").resolve("dht.state")), () -> "the DHT's state is saved at stop:\n"
                    + tail(srv.resolve("server.log")));
            // No router this time: the nodes come from the saved routing table.
            try (ServerProcess again = new ServerProcess(srv, Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                    "BITQUARK_DHT_BOOTSTRAP", "none"))) {
                again.start();
                ServerApi api = new ServerApi(again, PASSWORD);
                api.awaitTrue("the saved nodes answer again", () -> {
                    JsonObject d = api.getJson("/api/v1/dht/stats");
                    return d.getInteger("nodes") >= 3;
                }, Duration.ofSeconds(30));
            }
        }
    }
}
