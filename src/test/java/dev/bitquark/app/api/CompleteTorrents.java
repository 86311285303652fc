package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Torrents whose data is in the test download folder before they are added. */
final class CompleteTorrents {
    private CompleteTorrents() {
    }

    /** A fresh single-file torrent whose file is complete on disk, added and checked (seeding); its id. */
    static String completeTorrent(String prefix) throws Exception {
        byte[] data = ApiFixtures.payload(100_000);
        String name = prefix + "-" + System.nanoTime() + ".bin";
        Path file = Path.of("target/test-state/downloads").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        byte[] torrent = TorrentWriter.singleFile(name, data).pieceLength(16384).write();
        String id = Metainfo.parse(torrent).infoHash().toHex();
        api().contentType("application/x-bittorrent").body(torrent).post("/api/v1/torrents").then().statusCode(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(api().get("/api/v1/torrents/" + id).then().extract().path("finished"))) {
            assertTrue(System.nanoTime() < deadline, "the complete torrent did not finish its check");
            Thread.sleep(50);
        }
        return id;
    }
}
