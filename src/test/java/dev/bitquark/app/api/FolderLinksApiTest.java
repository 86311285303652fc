package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: a symbolic link inside the download folder let {@code move}, {@code outputFolder} and
 * {@code defaultOutputFolder} write outside it (only the path's text was checked). A link is planted at every place
 * a folder is accepted; each is refused with 400 naming the link, and nothing appears outside.
 */
@QuarkusTest
class FolderLinksApiTest {
    static final Path DOWNLOADS = Path.of("target/test-state/downloads").toAbsolutePath();
    Path outside;
    String link;

    @BeforeEach
    void plantLink() throws Exception {
        outside = Files.createDirectories(Path.of("target/test-state/outside-" + System.nanoTime()).toAbsolutePath());
        link = "escape-" + System.nanoTime();
        Files.createDirectories(DOWNLOADS);
        Files.createSymbolicLink(DOWNLOADS.resolve(link), outside);
    }

    @AfterEach
    void checkNothingOutside() throws Exception {
        try (Stream<Path> s = Files.walk(outside)) {
            assertEquals(List.of(outside), s.toList(), "nothing was written outside the download folder");
        }
        Files.deleteIfExists(DOWNLOADS.resolve(link));
    }

    private static void refused(io.restassured.response.Response r, String code) {
        r.then().statusCode(400).body("error", equalTo(code))
                .body("message", containsString("leads outside the download folder"));
    }

    @Test
    void addWithAnOutputFolderThroughALinkIsRefusedInEveryForm() {
        byte[] torrent = ApiFixtures.freshTorrent("link-add");
        for (String folder : List.of(link, link + "/deeper", "./" + link + "/x/..")) {
            refused(api().contentType("application/x-bittorrent").body(torrent).queryParam("outputFolder", folder)
                    .post("/api/v1/torrents"), "bad_folder");
            refused(api().multiPart("torrent", "t.torrent", torrent, "application/x-bittorrent")
                    .multiPart("outputFolder", folder).post("/api/v1/torrents"), "bad_folder");
            refused(api().contentType("application/json").body(Map.of("source", "magnet:?xt=urn:btih:" + "77".repeat(20),
                    "outputFolder", folder)).post("/api/v1/torrents"), "bad_folder");
        }
    }

    @Test
    void moveThroughALinkIsRefused() {
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("link-move"))
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            refused(api().contentType("application/json").body(Map.of("outputFolder", link + "/moved"))
                    .post("/api/v1/torrents/" + id + "/move"), "bad_folder");
            api().get("/api/v1/torrents/" + id).then().body("saveDir", equalTo(DOWNLOADS.toString()));
        } finally {
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }

    @Test
    void aDefaultOutputFolderThroughALinkIsRefusedWhenSetAndWhenUsed() throws Exception {
        refused(api().contentType("application/json").body(Map.of("defaultOutputFolder", link)).put("/api/v1/settings"),
                "bad_setting");
        // A real folder when set; swapped for a link afterwards: checked again when a torrent is added.
        String later = "later-" + System.nanoTime();
        Files.createDirectories(DOWNLOADS.resolve(later));
        api().contentType("application/json").body(Map.of("defaultOutputFolder", later)).put("/api/v1/settings")
                .then().statusCode(200);
        try {
            Files.delete(DOWNLOADS.resolve(later));
            Files.createSymbolicLink(DOWNLOADS.resolve(later), outside);
            refused(api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("link-default"))
                    .post("/api/v1/torrents"), "bad_folder");
        } finally {
            api().contentType("application/json").body("{\"defaultOutputFolder\":null}").put("/api/v1/settings")
                    .then().statusCode(200);
            Files.deleteIfExists(DOWNLOADS.resolve(later));
        }
    }

    @Test
    void aLinkThatStaysInsideTheDownloadFolderIsFine() throws Exception {
        Path real = Files.createDirectories(DOWNLOADS.resolve("real-" + System.nanoTime()));
        String inside = "inside-" + System.nanoTime();
        Files.createSymbolicLink(DOWNLOADS.resolve(inside), real);
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("link-inside"))
                .queryParam("outputFolder", inside).queryParam("paused", "true").post("/api/v1/torrents")
                .then().statusCode(201).extract().path("id");
        api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        assertTrue(Files.isSymbolicLink(DOWNLOADS.resolve(inside)));
    }
}
