package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static dev.bitquark.app.api.ApiFixtures.freshTorrent;
import static dev.bitquark.app.api.ApiFixtures.hex;
import static dev.bitquark.app.api.ApiFixtures.threeFiles;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every form of {@code POST /api/v1/torrents} on the real engine and session: raw body, form
 * upload (and its qBittorrent part name), JSON with a URL fetched from a local HTTP server, a
 * plain-text URL; listOnly, the size cap, bad torrents, bad URLs, duplicates and magnets.
 */
@QuarkusTest
class TorrentsAddApiTest {
    @Inject
    SessionService sessions;

    private ResumeData resume(String id) throws Exception {
        return sessions.session().handle(InfoHash.fromHex(id)).resumeData().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static void remove(String id) {
        api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
    }

    @Test
    void rawBodyHonoursQueryOptionsAndAnswersLocation() throws Exception {
        byte[] t = freshTorrent("raw");
        String id = api().contentType("application/x-bittorrent").body(t)
                .post("/api/v1/torrents?paused=true&sequential=true&downloadLimit=5000&uploadLimit=7000")
                .then().statusCode(201).header("Location", endsWith("/api/v1/torrents/" + hex(t)))
                .body("id", equalTo(hex(t))).body("state", equalTo("paused")).extract().path("id");
        ResumeData r = resume(id);
        assertEquals(true, r.paused());
        assertEquals(true, r.sequential());
        assertEquals(5000, r.downloadLimit());
        assertEquals(7000, r.uploadLimit());
        remove(id);
    }

    @Test
    void formUploadAppliesPrioritiesAndLimitsBeforeStarting() throws Exception {
        byte[] t = threeFiles("form");
        String id = api().multiPart("torrent", "x.torrent", t, "application/x-bittorrent")
                .multiPart("paused", "true").multiPart("downloadLimit", "12345").multiPart("uploadLimit", "678")
                .multiPart("files", "[{\"index\":1,\"priority\":\"skip\"},{\"index\":2,\"priority\":\"high\"}]")
                .post("/api/v1/torrents").then().statusCode(201).body("id", equalTo(hex(t)))
                .body("state", equalTo("paused")).body("checkedPieces", equalTo(0)).extract().path("id");
        api().get("/api/v1/torrents/" + id + "/files").then().statusCode(200)
                .body("priority", equalTo(List.of("NORMAL", "SKIP", "HIGH")));
        ResumeData r = resume(id);
        assertEquals(List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.HIGH), r.filePriorities());
        assertEquals(12345, r.downloadLimit());
        assertEquals(678, r.uploadLimit());
        remove(id);
    }

    @Test
    void formUploadAcceptsTheQbittorrentPartName() {
        byte[] t = freshTorrent("alias");
        api().multiPart("torrents", "x.torrent", t, "application/x-bittorrent")
                .post("/api/v1/torrents").then().statusCode(201).body("id", equalTo(hex(t)));
        remove(hex(t));
    }

    @Test
    void formWithoutTorrentOrWithBadFieldsIs400() {
        api().multiPart("paused", "true").post("/api/v1/torrents").then().statusCode(400)
                .body("error", equalTo("bad_torrent")).body("message", containsString("'torrent'"));
        api().multiPart("torrent", "x.torrent", freshTorrent("badfield"), "application/x-bittorrent")
                .multiPart("paused", "maybe").post("/api/v1/torrents").then().statusCode(400)
                .body("error", equalTo("bad_option")).body("message", containsString("paused"));
        api().multiPart("torrent", "x.torrent", "d4:infoi3ee".getBytes(), "application/x-bittorrent")
                .post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_torrent"));
    }

    @Test
    void jsonUrlIsFetchedAndAddedWithItsOptions() throws Exception {
        byte[] t = threeFiles("json");
        try (ApiFixtures.FileServer server = new ApiFixtures.FileServer()) {
            server.serve("/x.torrent", t).redirect("/hop1", "/hop2").redirect("/hop2", "/x.torrent");
            String id = api().contentType("application/json").body(Map.of("source", server.url("/hop1"),
                            "paused", true, "outputFolder", "json-adds",
                            "files", List.of(Map.of("index", 0, "priority", "skip")), "uploadLimit", 999))
                    .post("/api/v1/torrents").then().statusCode(201).body("id", equalTo(hex(t)))
                    .body("state", equalTo("paused")).extract().path("id");
            ResumeData r = resume(id);
            assertEquals(sessions.downloadDir("json-adds"), r.saveDir());
            assertEquals(FilePriority.SKIP, r.filePriorities().get(0));
            assertEquals(999, r.uploadLimit());
            remove(id);
        }
    }

    @Test
    void plainTextUrlIsFetchedAndAdded() {
        byte[] t = freshTorrent("text");
        try (ApiFixtures.FileServer server = new ApiFixtures.FileServer()) {
            server.serve("/t.torrent", t);
            api().contentType("text/plain").body(server.url("/t.torrent") + "\n")
                    .post("/api/v1/torrents?paused=true").then().statusCode(201).body("id", equalTo(hex(t)))
                    .body("state", equalTo("paused"));
            remove(hex(t));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void listOnlyDescribesTheTorrentAndAddsNothing() throws Exception {
        byte[] t = threeFiles("list");
        String id = hex(t);
        api().contentType("application/x-bittorrent").body(t).post("/api/v1/torrents?listOnly=true")
                .then().statusCode(200).body("infoHash", equalTo(id)).body("metadata", equalTo(true))
                .body("totalSize", equalTo(71_000))
                .body("pieceLength", equalTo(16384)).body("pieceCount", equalTo(5)).body("private", equalTo(false))
                .body("files", hasSize(3)).body("files[1].path", equalTo("sub/b.bin"))
                .body("files[1].index", equalTo(1)).body("files[1].size", equalTo(30_000));
        try (ApiFixtures.FileServer server = new ApiFixtures.FileServer()) {
            server.serve("/l.torrent", t);
            api().contentType("application/json").body(Map.of("source", server.url("/l.torrent"), "listOnly", true))
                    .post("/api/v1/torrents").then().statusCode(200).body("infoHash", equalTo(id));
        }
        api().get("/api/v1/torrents/" + id).then().statusCode(404);
    }

    @Test
    void oversizeTorrentIs413InEveryForm() throws Exception {
        byte[] big = new byte[TorrentAdder.MAX_TORRENT_BYTES + 1];
        api().contentType("application/x-bittorrent").body(big).post("/api/v1/torrents")
                .then().statusCode(413).body("error", equalTo("too_large"));
        api().multiPart("torrent", "big.torrent", big, "application/x-bittorrent").post("/api/v1/torrents")
                .then().statusCode(413).body("error", equalTo("too_large"));
        try (ApiFixtures.FileServer server = new ApiFixtures.FileServer()) {
            server.serve("/big.torrent", big);
            api().contentType("application/json").body(Map.of("source", server.url("/big.torrent")))
                    .post("/api/v1/torrents").then().statusCode(413).body("error", equalTo("too_large"));
        }
    }

    @Test
    void unreachableOrBadUrlsAre422AndBadSourcesAre400() throws Exception {
        try (ApiFixtures.FileServer server = new ApiFixtures.FileServer()) {
            server.serve("/junk.torrent", "<html>not a torrent</html>".getBytes()).redirect("/loop", "/loop")
                    .redirect("/ftp", "ftp://127.0.0.1/x.torrent");
            api().contentType("application/json").body(Map.of("source", server.url("/missing.torrent")))
                    .post("/api/v1/torrents").then().statusCode(422).body("error", equalTo("fetch_failed"))
                    .body("message", containsString("404"));
            api().contentType("text/plain").body(server.url("/junk.torrent")).post("/api/v1/torrents")
                    .then().statusCode(422).body("error", equalTo("bad_torrent"));
            api().contentType("text/plain").body(server.url("/loop")).post("/api/v1/torrents")
                    .then().statusCode(422).body("message", containsString("more than 5 redirects"));
            api().contentType("text/plain").body(server.url("/ftp")).post("/api/v1/torrents")
                    .then().statusCode(422).body("message", containsString("only http and https"));
        }
        api().contentType("text/plain").body("http://127.0.0.1:" + dev.bitquark.testkit.Ports.free() + "/x.torrent")
                .post("/api/v1/torrents").then().statusCode(422).body("error", equalTo("fetch_failed"));
        api().contentType("text/plain").body("file:///etc/passwd").post("/api/v1/torrents")
                .then().statusCode(400).body("error", equalTo("bad_source"));
        api().contentType("application/json").body("{\"paused\":true}").post("/api/v1/torrents")
                .then().statusCode(400).body("error", equalTo("bad_source"));
        api().contentType("application/json").body("{\"source\":").post("/api/v1/torrents")
                .then().statusCode(400).body("error", equalTo("bad_json"));
        api().contentType("application/json").body("{\"source\":\"http://127.0.0.1:9/x\",\"outputfolder\":\"a\"}")
                .post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_json"))
                .body("message", containsString("outputfolder"));
    }

    @Test
    void duplicateAddIs409NamingTheExistingTorrent() {
        byte[] t = freshTorrent("dup");
        api().contentType("application/x-bittorrent").body(t).post("/api/v1/torrents?paused=true")
                .then().statusCode(201);
        api().multiPart("torrent", "again.torrent", t, "application/x-bittorrent").post("/api/v1/torrents")
                .then().statusCode(409).body("error", equalTo("duplicate")).body("id", equalTo(hex(t)));
        remove(hex(t));
    }

    @Test
    void aMagnetLinkIsAddedWaitingForItsMetadataAndCheckedLikeAnyAdd() {
        String hash = "ab".repeat(20);
        String magnet = "magnet:?xt=urn:btih:" + hash + "&dn=x";
        api().contentType("text/plain").body("magnet:?xt=urn:btih:zz").post("/api/v1/torrents")
                .then().statusCode(400).body("error", equalTo("bad_source")).body("message", containsString("magnet"));
        api().contentType("application/json")
                .body(Map.of("source", magnet, "files", List.of(Map.of("index", 0, "priority", "skip"))))
                .post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_files"));
        api().contentType("application/json").body(Map.of("source", magnet, "paused", true, "downloadLimit", 4096))
                .post("/api/v1/torrents").then().statusCode(201).body("id", equalTo(hash)).body("name", equalTo("x"))
                .body("downloadLimit", equalTo(4096));
        api().get("/api/v1/torrents/" + hash).then().statusCode(200).body("state", equalTo("paused"));
        api().contentType("text/plain").body(magnet).post("/api/v1/torrents")
                .then().statusCode(409).body("error", equalTo("duplicate")).body("id", equalTo(hash));
        api().get("/api/v1/torrents/" + hash + "/pieces").then().statusCode(409).body("error", equalTo("no_metadata"));
        api().get("/api/v1/torrents/" + hash + "/metainfo").then().statusCode(409).body("error", equalTo("no_metadata"));
        remove(hash);
    }

    @Test
    void filePrioritiesForUnknownFilesAre400AndNothingIsAdded() {
        byte[] t = threeFiles("badprio");
        api().contentType("application/x-bittorrent").body(t)
                .post("/api/v1/torrents?paused=true").then().statusCode(201);
        remove(hex(t));
        api().multiPart("torrent", "x.torrent", t, "application/x-bittorrent")
                .multiPart("files", "[{\"index\":3,\"priority\":\"skip\"}]").post("/api/v1/torrents")
                .then().statusCode(400).body("error", equalTo("bad_files")).body("message", containsString("files[0].index 3"));
        api().get("/api/v1/torrents/" + hex(t)).then().statusCode(404);
    }
}
