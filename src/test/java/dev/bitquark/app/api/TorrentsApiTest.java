package dev.bitquark.app.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bitquark.app.TestAuth;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The torrents API on the real engine and session: add, list, inspect, pause/resume, remove, errors. */
@QuarkusTest
class TorrentsApiTest {
    static final String AUTH = TestAuth.basic(TestAuth.PASSWORD);

    private static byte[] torrent(long seed) {
        byte[] data = new byte[70_000];
        new Random(seed).nextBytes(data);
        try {
            return TorrentWriter.singleFile("api-" + seed + ".bin", data).pieceLength(16384).write();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void addListInspectPauseResumeRemove() {
        String id = given().header("Authorization", AUTH).contentType("application/x-bittorrent")
                .body(torrent(1)).when().post("/api/v1/torrents")
                .then().statusCode(201).body("name", equalTo("api-1.bin")).extract().path("id");
        given().header("Authorization", AUTH).when().get("/api/v1/torrents")
                .then().statusCode(200).body("id", hasItem(id));
        given().header("Authorization", AUTH).when().get("/api/v1/torrents/" + id)
                .then().statusCode(200).body("totalBytes", equalTo(70_000)).body("pieceCount", equalTo(5));
        given().header("Authorization", AUTH).when().get("/api/v1/torrents/" + id + "/files")
                .then().statusCode(200).body("[0].size", equalTo(70_000));
        given().header("Authorization", AUTH).when().post("/api/v1/torrents/" + id + "/pause").then().statusCode(204);
        given().header("Authorization", AUTH).when().get("/api/v1/torrents/" + id)
                .then().body("state", equalTo("paused"));
        given().header("Authorization", AUTH).when().post("/api/v1/torrents/" + id + "/resume").then().statusCode(204);
        given().header("Authorization", AUTH).when().delete("/api/v1/torrents/" + id + "?deleteFiles=true")
                .then().statusCode(204);
        given().header("Authorization", AUTH).when().get("/api/v1/torrents/" + id).then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void malformedTorrentIsA400AndNothingIsAdded() {
        given().header("Authorization", AUTH).contentType("application/x-bittorrent").body("d4:infoi3ee".getBytes())
                .when().post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_torrent"));
    }

    @Test
    void outputFolderMayNotEscapeTheDownloadRoot() {
        given().header("Authorization", AUTH).contentType("application/x-bittorrent").body(torrent(2))
                .when().post("/api/v1/torrents?outputFolder=../../etc").then().statusCode(400)
                .body("error", equalTo("bad_folder"));
    }

    @Test
    void unknownIdsAre404() {
        given().header("Authorization", AUTH).when().get("/api/v1/torrents/nope").then().statusCode(404);
        given().header("Authorization", AUTH).when().post("/api/v1/torrents/" + "0".repeat(40) + "/pause")
                .then().statusCode(404);
    }

    @Test
    void requiresAuthentication() {
        given().when().get("/api/v1/torrents").then().statusCode(401);
    }
}
