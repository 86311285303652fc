package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trackers and peers given by the user, for torrents and for magnet links still fetching their metadata; and what a
 * fetching magnet shows (regression: {@code trackers: []} although its link has {@code tr=}, and progress 1.0).
 */
@QuarkusTest
class TorrentSwarmApiTest {

    @Test
    void trackersAreAddedAndRemovedAndBadOnesAreRefused() {
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("trackers"))
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            String trackers = "/api/v1/torrents/" + id + "/trackers";
            api().contentType("application/json").body(Map.of("urls", List.of("udp://127.0.0.1:9/announce",
                    "http://127.0.0.1:10/announce"))).post(trackers).then().statusCode(200)
                    .body("url", equalTo(List.of("udp://127.0.0.1:9/announce", "http://127.0.0.1:10/announce")))
                    .body("tier", equalTo(List.of(0, 1))).body("status", hasItem("not_contacted"));
            api().contentType("application/json").body(Map.of("urls", List.of("ftp://x/announce")))
                    .post(trackers).then().statusCode(400).body("error", equalTo("bad_trackers"))
                    .body("message", containsString("ftp://x/announce"));
            api().contentType("application/json").body(Map.of("urls", List.of())).post(trackers).then().statusCode(400);
            api().contentType("application/json").body(Map.of("url", List.of("udp://a:1"))).post(trackers).then()
                    .statusCode(400).body("error", equalTo("unknown_field"));
            api().delete(trackers + "?url=udp://127.0.0.1:9/announce").then().statusCode(200)
                    .body("url", equalTo(List.of("http://127.0.0.1:10/announce")));
            api().delete(trackers + "?url=udp://127.0.0.1:9/announce").then().statusCode(404);
            api().delete(trackers).then().statusCode(400);
        } finally {
            api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        }
    }

    @Test
    void peersAreAddedByAddressOnly() {
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("peers"))
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            String peers = "/api/v1/torrents/" + id + "/peers";
            api().contentType("application/json").body(Map.of("peers", List.of("127.0.0.1:6881", "[::1]:6882")))
                    .post(peers).then().statusCode(204);
            for (String bad : List.of("example.org:6881", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "::1:6881",
                    "1.2.3.256:1")) {
                api().contentType("application/json").body(Map.of("peers", List.of(bad))).post(peers).then()
                        .statusCode(400).body("error", equalTo("bad_peers")).body("message", containsString("ip:port"));
            }
        } finally {
            api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        }
    }

    @Test
    void aMagnetFetchingItsMetadataShowsItsTrackersAndNoProgress() {
        String magnet = "magnet:?xt=urn:btih:" + "5a".repeat(20) + "&dn=fetching&tr=udp%3A%2F%2F127.0.0.1%3A9%2Fannounce";
        String id = api().contentType("application/json").body(Map.of("source", magnet)).post("/api/v1/torrents")
                .then().statusCode(201).extract().path("id");
        try {
            api().get("/api/v1/torrents/" + id).then().statusCode(200).body("state", equalTo("metadata"))
                    .body("progress", equalTo(0.0f)).body("finished", equalTo(false));
            api().get("/api/v1/torrents/" + id + "/trackers").then().statusCode(200)
                    .body("url", equalTo(List.of("udp://127.0.0.1:9/announce")));
            // Trackers and peers can be given before the metadata too.
            api().contentType("application/json").body(Map.of("urls", List.of("http://127.0.0.1:10/a")))
                    .post("/api/v1/torrents/" + id + "/trackers").then().statusCode(200)
                    .body("url", hasItem("http://127.0.0.1:10/a"));
            api().contentType("application/json").body(Map.of("peers", List.of("127.0.0.1:1")))
                    .post("/api/v1/torrents/" + id + "/peers").then().statusCode(204);
            api().delete("/api/v1/torrents/" + id + "/trackers?url=udp://127.0.0.1:9/announce").then()
                    .statusCode(200).body("url", not(hasItem("udp://127.0.0.1:9/announce")));
        } finally {
            api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        }
    }
}
