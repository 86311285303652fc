package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.persistence.SettingsCodec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/categories}, {@code /api/v1/tags}, a torrent's category, tags, seeding goals and forced start
 * (PATCH, bulk actions, add options), the queue and seeding-goal settings.
 */
@QuarkusTest
class CategoriesTagsQueueApiTest {
    @Inject
    BitquarkConfig config;

    @AfterEach
    void cleanUp() {
        for (Object name : api().when().get("/api/v1/categories").then().extract().jsonPath().getList("name")) {
            api().when().delete("/api/v1/categories/" + name).then().statusCode(204);
        }
        for (Object tag : api().when().get("/api/v1/tags").then().extract().jsonPath().getList("$")) {
            api().when().delete("/api/v1/tags/" + tag).then().statusCode(204);
        }
        api().contentType("application/json").body("{\"queueing\":false,\"maxActiveDownloads\":3,"
                + "\"maxActiveSeeds\":3,\"maxActiveTorrents\":5,\"seedRatioLimit\":-1,\"seedTimeLimitMinutes\":-1,"
                + "\"seedIdleLimitMinutes\":-1}").when().put("/api/v1/settings").then().statusCode(200);
    }

    private static String add(byte[] torrent, String query) {
        return api().contentType("application/x-bittorrent").body(torrent).when().post("/api/v1/torrents" + query)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void categoriesNameFoldersAndATorrentAddedWithOneIsSavedThere() {
        api().contentType("application/json").body("{\"name\":\"tv\",\"folder\":\"\"}").when()
                .post("/api/v1/categories").then().statusCode(201).body("name", equalTo("tv"))
                .body("path", equalTo(config.downloadDir().toAbsolutePath().normalize().resolve("tv").toString()));
        api().contentType("application/json").body("{\"name\":\"tv\"}").when().post("/api/v1/categories").then()
                .statusCode(409).body("message", containsString("exists"));
        api().contentType("application/json").body("{\"name\":\"../x\"}").when().post("/api/v1/categories").then()
                .statusCode(400).body("error", equalTo("bad_category"));
        api().contentType("application/json").body("{\"name\":\"movies\",\"folder\":\"/etc\"}").when()
                .post("/api/v1/categories").then().statusCode(400).body("error", equalTo("bad_folder"));
        api().contentType("application/json").body("{\"name\":\"movies\",\"folder\":\"films\"}").when()
                .post("/api/v1/categories").then().statusCode(201);
        api().when().get("/api/v1/categories").then().body("name", equalTo(List.of("movies", "tv")))
                .body("find { it.name == 'movies' }.folder", equalTo("films"));

        String id = add(ApiFixtures.freshTorrent("cat"), "?category=movies&tags=a,b&ratioLimit=1.5&paused=true");
        api().when().get("/api/v1/torrents/" + id).then().body("category", equalTo("movies"))
                .body("tags", equalTo(List.of("a", "b")))
                .body("saveDir", equalTo(config.downloadDir().toAbsolutePath().normalize().resolve("films").toString()))
                .body("seedGoals.ratio", equalTo(1.5f)).body("seedGoals.seedingMinutes", equalTo(-2));
        api().when().get("/api/v1/tags").then().body("$", equalTo(List.of("a", "b")));
        String other = add(ApiFixtures.freshTorrent("newcat"), "?category=anime&paused=true");
        api().when().get("/api/v1/categories").then().body("name", hasItem("anime"));
        api().when().delete("/api/v1/categories/anime").then().statusCode(204);
        api().when().get("/api/v1/torrents/" + other).then().body("category", equalTo(null));
        api().when().delete("/api/v1/torrents/" + id).then().statusCode(204);
        api().when().delete("/api/v1/torrents/" + other).then().statusCode(204);
    }

    @Test
    void patchAndBulkActionsChangeCategoryTagsGoalsAndForce() {
        String id = add(ApiFixtures.freshTorrent("patch"), "?paused=true");
        api().contentType("application/json").body("{\"category\":\"missing\"}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(409).body("message", containsString("missing"));
        api().contentType("application/json").body("{\"name\":\"tv\"}").when().post("/api/v1/categories").then()
                .statusCode(201);
        api().contentType("application/json").body("{\"category\":\"tv\",\"tags\":[\"x\"],\"seedGoals\":"
                + "{\"ratio\":2,\"idleMinutes\":-1},\"forced\":true,\"firstLastPiecePriority\":true}").when()
                .patch("/api/v1/torrents/" + id).then()
                .statusCode(200).body("category", equalTo("tv")).body("tags", equalTo(List.of("x")))
                .body("seedGoals.ratio", equalTo(2.0f)).body("seedGoals.seedingMinutes", equalTo(-2))
                .body("seedGoals.idleMinutes", equalTo(-1)).body("forced", equalTo(true))
                .body("firstLastPiecePriority", equalTo(true));
        api().contentType("application/json").body("{\"seedGoals\":{\"ratio\":-7}}").when()
                .patch("/api/v1/torrents/" + id).then().statusCode(400);
        api().contentType("application/json").body("{\"action\":\"addTags\",\"ids\":[\"" + id + "\"],\"tags\":"
                + "[\"y\",\"x\"]}").when().post("/api/v1/torrents/actions").then().statusCode(200)
                .body("results[0].ok", equalTo(true));
        api().when().get("/api/v1/torrents/" + id).then().body("tags", equalTo(List.of("x", "y")));
        api().contentType("application/json").body("{\"action\":\"removeTags\",\"ids\":[\"" + id + "\"],\"tags\":"
                + "[\"x\"]}").when().post("/api/v1/torrents/actions").then().statusCode(200);
        api().contentType("application/json").body("{\"action\":\"setCategory\",\"ids\":[\"" + id + "\"],"
                + "\"category\":null}").when().post("/api/v1/torrents/actions").then().statusCode(200);
        api().contentType("application/json").body("{\"action\":\"forceStart\",\"ids\":[\"" + id + "\"],"
                + "\"value\":false}").when().post("/api/v1/torrents/actions").then().statusCode(200);
        api().when().get("/api/v1/torrents/" + id).then().body("tags", equalTo(List.of("y")))
                .body("category", equalTo(null)).body("forced", equalTo(false));
        api().when().delete("/api/v1/tags/y").then().statusCode(204);
        api().when().get("/api/v1/torrents/" + id).then().body("tags", equalTo(List.of()));
        api().when().delete("/api/v1/torrents/" + id).then().statusCode(204);
    }

    @Test
    void theQueueHoldsTorrentsPastItsLimitsAndMovesReorderIt() {
        api().contentType("application/json").body("{\"queueing\":true,\"maxActiveDownloads\":0}").when()
                .put("/api/v1/settings").then().statusCode(200).body("editable.queueing", equalTo(true))
                .body("editable.maxActiveDownloads", equalTo(0));
        String a = add(ApiFixtures.freshTorrent("q1"), "");
        String b = add(ApiFixtures.freshTorrent("q2"), "");
        ApiFixtures.await("both queued", java.time.Duration.ofSeconds(20), () ->
                "queued".equals(api().when().get("/api/v1/torrents/" + a).then().extract().path("state"))
                && "queued".equals(api().when().get("/api/v1/torrents/" + b).then().extract().path("state")));
        int before = api().when().get("/api/v1/torrents/" + b).then().extract().path("queuePosition");
        api().contentType("application/json").body("{\"action\":\"queueTop\",\"ids\":[\"" + b + "\"]}").when()
                .post("/api/v1/torrents/actions").then().statusCode(200);
        int after = api().when().get("/api/v1/torrents/" + b).then().extract().path("queuePosition");
        assertEquals(true, after < before, "moved up from " + before + " to " + after);
        api().when().get("/api/v1/session/stats").then().body("queueing", equalTo(true));
        // Forced: it runs whatever the queue.
        api().contentType("application/json").body("{\"action\":\"forceStart\",\"ids\":[\"" + a + "\"]}").when()
                .post("/api/v1/torrents/actions").then().statusCode(200);
        ApiFixtures.await("the forced one runs", java.time.Duration.ofSeconds(20), () -> !"queued".equals(
                api().when().get("/api/v1/torrents/" + a).then().extract().path("state")));
        api().when().delete("/api/v1/torrents/" + a).then().statusCode(204);
        api().when().delete("/api/v1/torrents/" + b).then().statusCode(204);
    }

    @Test
    void settingsKeepCategoriesWhenOtherKeysChangeAndRefuseBadGoals() {
        api().contentType("application/json").body("{\"name\":\"kept\"}").when().post("/api/v1/categories").then()
                .statusCode(201);
        api().contentType("application/json").body("{\"seedRatioLimit\":2.5,\"seedTimeLimitMinutes\":1440,"
                + "\"maxConnections\":300}").when().put("/api/v1/settings").then().statusCode(200)
                .body("editable.seedRatioLimit", equalTo(2.5f)).body("editable.seedTimeLimitMinutes", equalTo(1440));
        api().contentType("application/json").body("{\"seedRatioLimit\":-2}").when().put("/api/v1/settings")
                .then().statusCode(400);
        api().when().get("/api/v1/categories").then().body("name", equalTo(List.of("kept")));
        SessionSettings onDisk = new AtomicFile(config.dataDir().resolve("settings.bq")).read(SettingsCodec::decode)
                .value();
        assertEquals(List.of("kept"), List.copyOf(onDisk.categories().keySet()));
        assertEquals(2.5, onDisk.seedGoals().ratio());
        api().contentType("application/json").body("{\"maxConnections\":null}").when().put("/api/v1/settings")
                .then().statusCode(200);
        api().when().get("/api/v1/tags").then().body("$", not(hasItem("kept")));
    }
}
