package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A torrent's names through {@code /api/v1}: the name it is shown by ({@code PATCH name}, only a label) and the name
 * of its content on disk ({@code POST rename} with an empty path: its own folder).
 */
@QuarkusTest
class TorrentNamesApiTest {
    @Test
    void aGivenNameIsALabelAndTheFolderRenameMovesTheContent() {
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.threeFiles("names")).when()
                .post("/api/v1/torrents?paused=true").then().statusCode(201).extract().path("id");
        String own = api().when().get("/api/v1/torrents/" + id).then().body("customName", equalTo(false))
                .extract().path("name");
        api().when().get("/api/v1/torrents/" + id).then().body("contentName", equalTo(own));

        api().contentType("application/json").body("{\"name\":\"  My pack  \"}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(200).body("name", equalTo("My pack"))
                .body("customName", equalTo(true)).body("contentName", equalTo(own));
        api().contentType("application/json").body("{\"name\":\"a\\u0000b\"}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(400).body("error", equalTo("bad_name"))
                .body("message", containsString("control character"));
        api().contentType("application/json").body("{\"name\":7}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(400).body("message", containsString("\"name\""));

        api().contentType("application/json").body("{\"path\":\"\",\"newPath\":\"x/y\"}").when()
                .post("/api/v1/torrents/" + id + "/rename").then().statusCode(400)
                .body("message", containsString("single"));
        api().contentType("application/json").body("{\"path\":\"\",\"newPath\":\"..\"}").when()
                .post("/api/v1/torrents/" + id + "/rename").then().statusCode(400);
        api().contentType("application/json").body("{\"path\":\"\",\"newPath\":\"Pack folder\"}").when()
                .post("/api/v1/torrents/" + id + "/rename").then().statusCode(200)
                .body("[1].path", equalTo("sub/b.bin"));
        api().when().get("/api/v1/torrents/" + id).then().body("contentName", equalTo("Pack folder"))
                .body("name", equalTo("My pack"));

        api().contentType("application/json").body("{\"name\":null}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(200).body("name", equalTo("Pack folder"))
                .body("customName", equalTo(false));
        api().when().get("/api/v1/torrents/" + id + "/files").then().body("[0].path", startsWith("a.bin"));
        api().when().delete("/api/v1/torrents/" + id).then().statusCode(204);
    }
}
