package dev.bitquark.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {
    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The metrics once they satisfy {@code wanted} (they follow the engine samples, every events interval). */
    static String awaitMetrics(Predicate<String> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        String m = metrics();
        while (!wanted.test(m) && System.nanoTime() < end) {
            Thread.sleep(100);
            m = metrics();
        }
        assertTrue(wanted.test(m), what + ":\n" + m);
        return m;
    }

    @Test
    void exposesEngineAndJvmMetricsInPrometheusFormat() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE bitquark_engine_up gauge"))
                .body(containsString("bitquark_engine_up 1.0"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void exposesSessionCountersAndGauges() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE bitquark_pieces_hash_failures counter"))
                .body(containsString("bitquark_pieces_hash_failures_total "))
                .body(containsString("bitquark_tracker_announces_total{result=\"ok\"}"))
                .body(containsString("bitquark_tracker_announces_total{result=\"failed\"}"))
                .body(containsString("bitquark_disk_queue "))
                .body(containsString("bitquark_torrents{state=\"live\"}"))
                .body(containsString("bitquark_session_peers "));
    }

    @Test
    void perTorrentGaugesComeWithATorrentAndGoWithIt() throws Exception {
        byte[] data = new byte[40_000];
        new Random(31).nextBytes(data);
        byte[] torrent = TorrentWriter.singleFile("metrics Ünïcode.bin", data).pieceLength(16384).write();
        String id = TestAuth.authed().contentType("application/x-bittorrent").body(torrent)
                .when().post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        String tag = "infohash=\"" + id + "\"";
        String[] gauges = {"bitquark_torrent_downloaded_bytes", "bitquark_torrent_uploaded_bytes",
                "bitquark_torrent_download_rate_bytes_per_second", "bitquark_torrent_upload_rate_bytes_per_second",
                "bitquark_torrent_peers", "bitquark_torrent_progress"};
        try {
            // The sampler registers a torrent's gauges one by one: a scrape may fall between two of them.
            String m = awaitMetrics(s -> java.util.Arrays.stream(gauges).allMatch(g -> s.lines()
                    .anyMatch(l -> l.startsWith(g + "{") && l.contains(tag))), "gauges of " + id);
            for (String gauge : gauges) {
                assertTrue(m.lines().anyMatch(l -> l.startsWith(gauge + "{") && l.contains(tag)
                        && l.contains("name=\"metrics Ünïcode.bin\"")), gauge + " for " + id + ":\n" + m);
            }
        } finally {
            TestAuth.authed().when().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
        String after = awaitMetrics(s -> !s.contains(tag), "gauges of " + id + " removed");
        assertFalse(after.contains(id));
    }
}
