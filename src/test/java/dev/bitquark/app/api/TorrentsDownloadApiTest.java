package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.Interop;

/**
 * A download through the API from a real libtorrent seeder found through a real tracker
 * (opentracker): priorities given at add hold from the first piece (a skipped file is never
 * downloaded), the tracker list shows the announce, and changing a priority while live fetches the rest.
 */
@Interop
@QuarkusTest
class TorrentsDownloadApiTest {
    private static final int PIECE = 16384;
    private static final int FILE = 10 * PIECE; // piece-aligned files: no piece is shared between two of them

    @Inject
    EngineService engine;
    @Inject
    SessionService sessions;
    @TempDir
    Path work;

    private static void awaitDone(String id, int havePieces) {
        ApiFixtures.await(havePieces + " pieces of " + id, Duration.ofSeconds(90), () -> {
            var t = api().get("/api/v1/torrents/" + id).then().statusCode(200).extract();
            return Boolean.TRUE.equals(t.path("finished")) && Integer.valueOf(havePieces).equals(t.path("havePieces"));
        });
    }

    /** Writes {@code files} as f0.bin, f1.bin... under {@code seedDir/name} and a torrent of them; returns its path. */
    private Path seeded(Path seedDir, String name, byte[][] files) throws Exception {
        Files.createDirectories(seedDir.resolve(name));
        TorrentWriter w = TorrentWriter.multiFile(name).pieceLength(PIECE);
        for (int i = 0; i < files.length; i++) {
            Files.write(seedDir.resolve(name).resolve("f" + i + ".bin"), files[i]);
            w.addFile(List.of("f" + i + ".bin"), files[i]);
        }
        Path torrentFile = work.resolve(name + ".torrent");
        Files.write(torrentFile, w.write());
        return torrentFile;
    }

    @Test
    void skippedAtAddIsNeverDownloadedAndTrackersShowTheAnnounce() throws Exception {
        String name = "dl-" + System.nanoTime();
        byte[][] files = {ApiFixtures.payload(FILE), ApiFixtures.payload(FILE), ApiFixtures.payload(FILE)};
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir.resolve(name));
        TorrentWriter w = TorrentWriter.multiFile(name).pieceLength(PIECE);
        for (int i = 0; i < files.length; i++) {
            Files.write(seedDir.resolve(name).resolve("f" + i + ".bin"), files[i]);
            w.addFile(List.of("f" + i + ".bin"), files[i]);
        }
        byte[] probe = w.write();
        String hex = ApiFixtures.hex(probe);
        try (OpenTracker tracker = OpenTracker.start(work, hex)) {
            byte[] torrent = w.announce(tracker.httpAnnounceUrl()).write();
            Path torrentFile = work.resolve(name + ".torrent");
            Files.write(torrentFile, torrent);
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir,
                    List.of("127.0.0.1:" + engine.engine().peerPort()), torrentFile)) {
                String id = api().multiPart("torrent", name + ".torrent", torrent, "application/x-bittorrent")
                        .multiPart("sequential", "true")
                        .multiPart("files", "[{\"index\":1,\"priority\":\"skip\"}]")
                        .post("/api/v1/torrents").then().statusCode(201).extract().path("id");
                awaitDone(id, 20);
                api().get("/api/v1/torrents/" + id + "/files").then().statusCode(200)
                        .body("verifiedBytes", equalTo(List.of(FILE, 0, FILE)));
                api().get("/api/v1/torrents/" + id + "/pieces").then().statusCode(200).body("havePieces", equalTo(20));
                Path out = sessions.downloadDir(null).resolve(name);
                assertArrayEquals(files[0], Files.readAllBytes(out.resolve("f0.bin")));
                assertArrayEquals(files[2], Files.readAllBytes(out.resolve("f2.bin")));
                Path skipped = out.resolve("f1.bin");
                assertFalse(Files.exists(skipped) && Arrays.equals(files[1], Files.readAllBytes(skipped)),
                        "the skipped file was downloaded");
                api().get("/api/v1/torrents/" + id + "/trackers").then().statusCode(200)
                        .body("[0].url", equalTo(tracker.httpAnnounceUrl())).body("[0].status", equalTo("ok"))
                        .body("[0].lastAnnounce", notNullValue()).body("[0].nextAnnounce", notNullValue())
                        .body("[0].seeders", greaterThanOrEqualTo(1)).body("[0].peers", greaterThanOrEqualTo(1));

                api().contentType("application/json").body("[{\"index\":1,\"priority\":\"normal\"}]")
                        .patch("/api/v1/torrents/" + id + "/files").then().statusCode(200);
                awaitDone(id, 30);
                assertArrayEquals(files[1], Files.readAllBytes(skipped));
                api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
            }
        }
    }

    /** A magnet link with the seeder as x.pe: metadata from the peer (BEP 9), then the whole download. */
    @Test
    void aMagnetLinkFetchesItsMetadataFromThePeerAndDownloads() throws Exception {
        String name = "mag-" + System.nanoTime();
        byte[][] files = {ApiFixtures.payload(FILE), ApiFixtures.payload(FILE)};
        Path seedDir = work.resolve("seed");
        Path torrentFile = seeded(seedDir, name, files);
        byte[] torrent = Files.readAllBytes(torrentFile);
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrentFile)) {
            String magnet = "magnet:?xt=urn:btih:" + ApiFixtures.hex(torrent) + "&dn=" + name
                    + "&x.pe=127.0.0.1:" + seeder.port();
            api().contentType("application/json").body(java.util.Map.of("source", magnet, "listOnly", true))
                    .post("/api/v1/torrents").then().statusCode(200)
                    .body("infoHash", equalTo(ApiFixtures.hex(torrent))).body("name", equalTo(name))
                    .body("metadata", equalTo(false));
            String id = api().contentType("text/plain").body(magnet).post("/api/v1/torrents")
                    .then().statusCode(201).extract().path("id");
            assertEquals(ApiFixtures.hex(torrent), id);
            awaitDone(id, 20);
            api().get("/api/v1/torrents/" + id).then().statusCode(200).body("name", equalTo(name));
            api().get("/api/v1/torrents/" + id + "/metainfo").then().statusCode(200);
            Path out = sessions.downloadDir(null).resolve(name);
            assertArrayEquals(files[0], Files.readAllBytes(out.resolve("f0.bin")));
            assertArrayEquals(files[1], Files.readAllBytes(out.resolve("f1.bin")));
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }

    /**
     * UI spec 1.4: a magnet added with stopAfterMetadata shows its files and waits, paused, with nothing
     * written; the files chosen then are the only ones downloaded once it is resumed.
     */
    @Test
    void aMagnetStoppedAfterMetadataWritesNothingUntilFilesAreChosenAndItIsResumed() throws Exception {
        String name = "stop-" + System.nanoTime();
        byte[][] files = {ApiFixtures.payload(FILE), ApiFixtures.payload(FILE)};
        Path seedDir = work.resolve("seed");
        Path torrentFile = seeded(seedDir, name, files);
        byte[] torrent = Files.readAllBytes(torrentFile);
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrentFile)) {
            String magnet = "magnet:?xt=urn:btih:" + ApiFixtures.hex(torrent) + "&dn=" + name
                    + "&x.pe=127.0.0.1:" + seeder.port();
            String id = api().contentType("application/json")
                    .body(java.util.Map.of("source", magnet, "stopAfterMetadata", true))
                    .post("/api/v1/torrents").then().statusCode(201).extract().path("id");
            ApiFixtures.await("metadata of " + id, Duration.ofSeconds(60), () ->
                    "paused".equals(api().get("/api/v1/torrents/" + id).then().statusCode(200).extract().path("state")));
            api().get("/api/v1/torrents/" + id + "/files").then().statusCode(200).body("path", equalTo(
                    List.of("f0.bin", "f1.bin")));
            Path out = sessions.downloadDir(null).resolve(name);
            assertFalse(Files.exists(out.resolve("f0.bin")) || Files.exists(out.resolve("f1.bin")),
                    "nothing is written before the files are chosen");
            api().contentType("application/json").body("[{\"index\":0,\"priority\":\"skip\"}]")
                    .patch("/api/v1/torrents/" + id + "/files").then().statusCode(200);
            api().post("/api/v1/torrents/" + id + "/resume").then().statusCode(204);
            ApiFixtures.await("f1 of " + id, Duration.ofSeconds(90), () -> Boolean.TRUE.equals(
                    api().get("/api/v1/torrents/" + id).then().statusCode(200).extract().path("finished")));
            assertArrayEquals(files[1], Files.readAllBytes(out.resolve("f1.bin")));
            assertFalse(Files.exists(out.resolve("f0.bin")), "the file skipped before resuming is never created");
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }
}
