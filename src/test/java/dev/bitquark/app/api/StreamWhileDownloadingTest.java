package dev.bitquark.app.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Interop;

/**
 * The real engine downloads a 24 MiB file from a real libtorrent seeder limited to 1 MiB/s (about 24 s for the
 * whole file); Range requests near the end of the file, sent while it downloads, answer with the right bytes while
 * most of the file is still missing: their pieces were fetched ahead of the rest.
 */
@Interop
@QuarkusTest
class StreamWhileDownloadingTest {
    private static final int SIZE = 24 << 20;
    private static final int PIECE = 64 * 1024;

    @Inject
    SessionService sessions;

    private static JsonPath torrent(String id) {
        return given().header("Authorization", TestAuth.basic()).get("/api/v1/torrents/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static byte[] slice(Path file, long offset, int length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] out = new byte[length];
            f.seek(offset);
            f.readFully(out);
            return out;
        }
    }

    @Test
    void rangeNearTheEndIsServedWhileTheFileIsStillDownloading() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "stream-lt-");
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "feature.mp4", SIZE, 77);
        Path torrentFile = work.resolve("feature.torrent");
        byte[] torrent = TorrentWriter.singleFile(payload).pieceLength(PIECE).write();
        Files.write(torrentFile, torrent);
        String id = dev.bitquark.metainfo.Metainfo.parse(torrent).infoHash().toHex();

        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), 1 << 20, torrentFile)) {
            given().header("Authorization", TestAuth.basic()).contentType("application/x-bittorrent").body(torrent)
                    .when().post("/api/v1/torrents").then().statusCode(201);
            sessions.session().handle(InfoHash.fromHex(id))
                    .addPeers(List.of(new InetSocketAddress("127.0.0.1", seeder.port())))
                    .toCompletionStage().toCompletableFuture().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (torrent(id).getInt("havePieces") < 4) {
                assertTrue(System.nanoTime() < deadline, "the download did not start: " + seeder.output());
                Thread.sleep(50);
            }

            HttpClient http = HttpClient.newHttpClient();
            List<String> progress = new ArrayList<>();
            // Each range straddles a piece boundary. Pieces come in random order otherwise, so all four arriving in
            // the first half of the download by chance is unlikely (1 in 16).
            long[] starts = {SIZE - 70_000, (long) (SIZE * 0.7) + 30_000};
            for (long first : starts) {
                JsonPath before = torrent(id);
                assertTrue(!before.getBoolean("finished") && before.getInt("havePieces") < before.getInt("pieceCount"));
                long last = first + 69_999;
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + RestAssured.port + "/api/v1/torrents/" + id + "/files/0/stream"))
                        .header("Authorization", TestAuth.basic())
                        .header("Range", "bytes=" + first + "-" + last)
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
                JsonPath after = torrent(id);
                progress.add(after.getInt("havePieces") + "/" + after.getInt("pieceCount"));
                assertEquals(206, r.statusCode());
                assertEquals("bytes " + first + "-" + last + "/" + SIZE,
                        r.headers().firstValue("Content-Range").orElse(null));
                assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElse(null));
                assertArrayEquals(slice(payload, first, 70_000), r.body(), "bytes " + first + "-" + last);
                assertTrue(after.getInt("havePieces") < after.getInt("pieceCount") / 2,
                        "answered only after half the file had arrived: " + progress);
            }
        } finally {
            given().header("Authorization", TestAuth.basic()).delete("/api/v1/torrents/" + id + "?deleteFiles=true");
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
