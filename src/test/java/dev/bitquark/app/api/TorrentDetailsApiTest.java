package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static dev.bitquark.app.api.ApiFixtures.freshTorrent;
import static dev.bitquark.app.api.ApiFixtures.hex;
import static dev.bitquark.app.api.ApiFixtures.threeFiles;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.ResumeData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One torrent's details and settings on the real engine and session: file priorities (all or
 * nothing), moving inside the download folder, bulk actions, trackers, the piece map and the
 * .torrent file. Torrents with data are given their payload on disk before they are added, so the
 * engine's own check decides which pieces they have.
 */
@QuarkusTest
class TorrentDetailsApiTest {
    @Inject
    SessionService sessions;
    @Inject
    BitquarkConfig config;

    private static String add(byte[] torrent, String query) {
        return api().contentType("application/x-bittorrent").body(torrent).post("/api/v1/torrents" + query)
                .then().statusCode(201).extract().path("id");
    }

    private static void remove(String id) {
        api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
    }

    private static void awaitChecked(String id) {
        ApiFixtures.await("the check of " + id, Duration.ofSeconds(30), () -> !"checking".equals(
                api().get("/api/v1/torrents/" + id).then().statusCode(200).extract().path("state")));
    }

    @Test
    void patchFilesAppliesEveryChangeInEitherBodyForm() {
        String id = add(threeFiles("patch"), "?paused=true");
        api().contentType("application/json").body("[{\"index\":1,\"priority\":\"skip\"},{\"index\":2,\"priority\":\"low\"}]")
                .patch("/api/v1/torrents/" + id + "/files").then().statusCode(200)
                .body("priority", equalTo(List.of("NORMAL", "SKIP", "LOW")));
        api().contentType("application/json").body(Map.of("files", List.of(Map.of("index", 0, "priority", "HIGH"))))
                .patch("/api/v1/torrents/" + id + "/files").then().statusCode(200)
                .body("priority", equalTo(List.of("HIGH", "SKIP", "LOW")));
        remove(id);
    }

    @Test
    void patchFilesWithOneBadEntryChangesNothing() {
        String id = add(threeFiles("badpatch"), "?paused=true");
        String files = "/api/v1/torrents/" + id + "/files";
        api().contentType("application/json").body("[{\"index\":0,\"priority\":\"skip\"},{\"index\":7,\"priority\":\"low\"}]")
                .patch(files).then().statusCode(400).body("error", equalTo("bad_files"))
                .body("message", containsString("files[1].index 7"));
        api().contentType("application/json").body("[{\"index\":0,\"priority\":\"skip\"},{\"index\":1,\"priority\":\"urgent\"}]")
                .patch(files).then().statusCode(400).body("message", containsString("files[1].priority 'urgent'"));
        api().contentType("application/json").body("[{\"index\":0,\"priority\":\"skip\"},{\"index\":0,\"priority\":\"low\"}]")
                .patch(files).then().statusCode(400).body("message", containsString("given twice"));
        api().contentType("application/json").body("[{\"index\":\"first\",\"priority\":\"skip\"}]")
                .patch(files).then().statusCode(400).body("message", containsString("files[0].index"));
        api().contentType("application/json").body("{\"index\":0}").patch(files).then().statusCode(400)
                .body("error", equalTo("bad_files"));
        api().contentType("application/json").body("[{").patch(files).then().statusCode(400)
                .body("error", equalTo("bad_json"));
        api().get(files).then().statusCode(200).body("priority", equalTo(List.of("NORMAL", "NORMAL", "NORMAL")));
        remove(id);
    }

    @Test
    void moveInsideTheDownloadFolderMovesTheFilesAndSavesTheNewFolder() throws Exception {
        byte[] data = ApiFixtures.payload(70_000);
        String name = "move-" + System.nanoTime() + ".bin";
        Path root = sessions.downloadDir(null);
        Files.createDirectories(root);
        Files.write(root.resolve(name), data);
        String id = add(ApiFixtures.singleFile(name, data), "");
        awaitChecked(id);
        String folder = "moved/" + System.nanoTime();
        api().contentType("application/json").body(Map.of("outputFolder", folder))
                .post("/api/v1/torrents/" + id + "/move").then().statusCode(200)
                .body("id", equalTo(id)).body("havePieces", equalTo(5));
        Path target = sessions.downloadDir(folder);
        assertArrayEquals(data, Files.readAllBytes(target.resolve(name)));
        assertFalse(Files.exists(root.resolve(name)));
        ResumeData saved = new AtomicFile(config.dataDir().toAbsolutePath().normalize().resolve("resume")
                .resolve(id + ".resume")).read(ResumeDataCodec::decode).value();
        assertEquals(target, saved.saveDir());
        remove(id);
        assertFalse(Files.exists(target.resolve(name)));
    }

    @Test
    void perTorrentLimitsChangeAtRunTimeAndShowInTheTorrent() {
        String id = add(freshTorrent("limits"), "?paused=true&uploadLimit=5000");
        String limits = "/api/v1/torrents/" + id + "/limits";
        api().get("/api/v1/torrents/" + id).then().statusCode(200)
                .body("uploadLimit", equalTo(5000)).body("downloadLimit", equalTo(0))
                .body("addedAt", notNullValue()).body("saveDir", notNullValue());
        api().contentType("application/json").body(Map.of("downloadLimit", 123_456)).put(limits)
                .then().statusCode(200).body("downloadLimit", equalTo(123_456)).body("uploadLimit", equalTo(5000));
        api().contentType("application/json").body(Map.of("uploadLimit", -1)).put(limits)
                .then().statusCode(400);
        api().contentType("application/json").body(Map.of("uploadLimit", Long.MAX_VALUE)).put(limits)
                .then().statusCode(400).body("error", equalTo("bad_setting"));
        api().contentType("application/json").body(Map.of("speed", 1)).put(limits)
                .then().statusCode(400).body("message", containsString("speed"));
        api().get("/api/v1/torrents/" + id).then().body("downloadLimit", equalTo(123_456)).body("uploadLimit", equalTo(5000));
        api().contentType("application/json").body(Map.of("downloadLimit", 1)).put("/api/v1/torrents/" + "00".repeat(20) + "/limits")
                .then().statusCode(404);
    }

    @Test
    void patchChangesOrderAndConnectionLimitCheckingEveryValueFirst() {
        String id = add(freshTorrent("patch"), "?paused=true&maxConnections=7");
        String url = "/api/v1/torrents/" + id;
        api().get(url).then().statusCode(200).body("maxConnections", equalTo(7)).body("sequential", equalTo(false));
        api().contentType("application/json").body(Map.of("sequential", true, "maxConnections", 3)).patch(url)
                .then().statusCode(200).body("sequential", equalTo(true)).body("maxConnections", equalTo(3));
        // One bad value: nothing applies, not even the good one next to it.
        api().contentType("application/json").body(Map.of("maxConnections", 9, "sequential", "yes")).patch(url)
                .then().statusCode(400).body("error", equalTo("bad_setting")).body("message", containsString("sequential"));
        api().contentType("application/json").body(Map.of("maxConnections", 0)).patch(url)
                .then().statusCode(400).body("message", containsString("maxConnections"));
        api().contentType("application/json").body(Map.of("nickname", "x")).patch(url)
                .then().statusCode(400).body("error", equalTo("unknown_setting"));
        api().contentType("application/json").body("{}").patch(url).then().statusCode(400);
        api().get(url).then().body("maxConnections", equalTo(3)).body("sequential", equalTo(true));
        api().contentType("application/json").body(Map.of("downloadLimit", 2048, "sequential", false)).patch(url)
                .then().statusCode(200).body("downloadLimit", equalTo(2048)).body("sequential", equalTo(false))
                .body("maxConnections", equalTo(3));
        api().contentType("application/json").body(Map.of("sequential", true)).patch("/api/v1/torrents/" + "00".repeat(20))
                .then().statusCode(404);
        api().contentType("application/x-bittorrent").body(freshTorrent("patch-bad")).post("/api/v1/torrents?maxConnections=0")
                .then().statusCode(400).body("error", equalTo("bad_option"));
        api().contentType("application/x-bittorrent").body(freshTorrent("patch-bad")).post("/api/v1/torrents?maxConnections=lots")
                .then().statusCode(400).body("message", containsString("whole number"));
        remove(id);
    }

    @Test
    void moveOutsideTheDownloadFolderIs400() {
        String id = add(freshTorrent("escape"), "?paused=true");
        for (String bad : List.of("../../etc", "/tmp", "a/../../..")) {
            api().contentType("application/json").body(Map.of("outputFolder", bad))
                    .post("/api/v1/torrents/" + id + "/move").then().statusCode(400).body("error", equalTo("bad_folder"));
        }
        api().contentType("application/json").body("{}").post("/api/v1/torrents/" + id + "/move")
                .then().statusCode(400).body("message", containsString("outputFolder is missing"));
        remove(id);
    }

    @Test
    void bulkActionsAnswerForEveryIdKnownOrNot() {
        String a = add(freshTorrent("bulk-a"), "?paused=true");
        String b = add(freshTorrent("bulk-b"), "?paused=true");
        String unknown = "0".repeat(40);
        List<String> ids = List.of(a, unknown, b, "not-a-hash");
        api().contentType("application/json").body(Map.of("action", "resume", "ids", ids))
                .post("/api/v1/torrents/actions").then().statusCode(200).body("results", hasSize(4))
                .body("results.id", equalTo(ids)).body("results.ok", equalTo(List.of(true, false, true, false)))
                .body("results[1].error", equalTo("not_found")).body("results[0].error", nullValue());
        api().get("/api/v1/torrents/" + a).then().body("state", org.hamcrest.Matchers.not(equalTo("paused")));
        api().contentType("application/json").body(Map.of("action", "pause", "ids", List.of(a, b)))
                .post("/api/v1/torrents/actions").then().statusCode(200).body("results.ok", equalTo(List.of(true, true)));
        api().get("/api/v1/torrents/" + b).then().body("state", equalTo("paused"));
        api().contentType("application/json").body(Map.of("action", "remove", "ids", List.of(a, b), "deleteFiles", true))
                .post("/api/v1/torrents/actions").then().statusCode(200).body("results.ok", equalTo(List.of(true, true)));
        api().get("/api/v1/torrents/" + a).then().statusCode(404);
        api().get("/api/v1/torrents/" + b).then().statusCode(404);
    }

    @Test
    void bulkRejectsUnknownActionsAndTooManyIds() {
        api().contentType("application/json").body(Map.of("action", "explode", "ids", List.of()))
                .post("/api/v1/torrents/actions").then().statusCode(400).body("error", equalTo("bad_action"))
                .body("message", containsString("explode"));
        List<String> many = new ArrayList<>(Collections.nCopies(TorrentBulkResource.MAX_IDS + 1, "0".repeat(40)));
        api().contentType("application/json").body(Map.of("action", "pause", "ids", many))
                .post("/api/v1/torrents/actions").then().statusCode(400).body("error", equalTo("bad_ids"));
    }

    @Test
    void trackersOfATorrentNeverLiveAreListedAsNotContacted() {
        byte[] t;
        try {
            t = dev.bitquark.metainfo.TorrentWriter.singleFile("trk-" + System.nanoTime(), ApiFixtures.payload(1000))
                    .announceTier(List.of("http://127.0.0.1:9/announce", "udp://127.0.0.1:9/announce"))
                    .announceTier(List.of("https://tracker.example/announce")).write();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String id = add(t, "?paused=true");
        api().get("/api/v1/torrents/" + id + "/trackers").then().statusCode(200).body("$", hasSize(3))
                .body("url", equalTo(List.of("http://127.0.0.1:9/announce", "udp://127.0.0.1:9/announce",
                        "https://tracker.example/announce")))
                .body("tier", equalTo(List.of(0, 0, 1)))
                .body("status", equalTo(List.of("not_contacted", "not_contacted", "not_contacted")))
                .body("[0].lastAnnounce", nullValue()).body("[0].nextAnnounce", nullValue())
                .body("[0].seeders", equalTo(-1)).body("[0].lastError", nullValue());
        remove(id);
    }

    @Test
    void piecesShowWhatTheCheckVerifiedAsJsonOrRawBitfield() throws Exception {
        byte[] data = ApiFixtures.payload(70_000);
        String name = "pieces-" + System.nanoTime() + ".bin";
        byte[] onDisk = Arrays.copyOf(data, data.length);
        Arrays.fill(onDisk, 2 * 16384, onDisk.length, (byte) 0); // pieces 2..4 damaged, 0 and 1 intact
        Path root = sessions.downloadDir(null);
        Files.createDirectories(root);
        Files.write(root.resolve(name), onDisk);
        String id = add(ApiFixtures.singleFile(name, data), "?sequential=true");
        awaitChecked(id);
        api().get("/api/v1/torrents/" + id + "/pieces").then().statusCode(200).contentType("application/json")
                .body("pieceCount", equalTo(5)).body("pieceLength", equalTo(16384)).body("havePieces", equalTo(2))
                .body("have", equalTo(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC0})));
        byte[] raw = api().accept("application/octet-stream").get("/api/v1/torrents/" + id + "/pieces")
                .then().statusCode(200).contentType("application/octet-stream").extract().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xC0}, raw);
        remove(id);
    }

    @Test
    void metainfoIsTheAddedFileByteForByte() {
        byte[] t = threeFiles("meta");
        String id = add(t, "?paused=true");
        var r = api().get("/api/v1/torrents/" + id + "/metainfo").then().statusCode(200)
                .contentType("application/x-bittorrent").extract();
        assertArrayEquals(t, r.asByteArray());
        String disposition = r.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"meta-"), disposition);
        assertTrue(disposition.contains(".torrent\""), disposition);
        api().get("/api/v1/torrents/" + hex(freshTorrent("absent")) + "/metainfo").then().statusCode(404);
        remove(id);
    }

    @Test
    void openApiDocumentListsEveryTorrentsEndpoint() {
        String doc = io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/v1/torrents:", "/api/v1/torrents/actions:", "/api/v1/torrents/{id}/files:",
                "/api/v1/torrents/{id}/move:", "/api/v1/torrents/{id}/trackers:", "/api/v1/torrents/{id}/pieces:",
                "/api/v1/torrents/{id}/metainfo:")) {
            assertTrue(doc.contains(path), path + " missing from the OpenAPI document");
        }
        assertTrue(doc.contains("multipart/form-data") && doc.contains("text/plain") && doc.contains("patch:"));
    }
}
