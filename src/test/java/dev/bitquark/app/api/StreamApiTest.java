package dev.bitquark.app.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream and playlist endpoints on a complete torrent (its files are in the download folder before it is
 * added, so the check finds every piece): ranges, 416, HEAD, types, errors, and authentication for players.
 */
@QuarkusTest
class StreamApiTest {
    static final String AUTH = TestAuth.basic();
    static final String NAME = "stream-fixture";
    /** index: path, size. 0 movie.mkv, 1 extra/clip.webm, 2 notes.txt, 3 song.mp3, 4 empty.mp4, 5 skipped.avi, 6 data */
    static final List<List<String>> PATHS = List.of(List.of("movie.mkv"), List.of("extra", "clip.webm"),
            List.of("notes.txt"), List.of("song.mp3"), List.of("empty.mp4"), List.of("skipped.avi"),
            List.of("data.weird"));
    static final int[] SIZES = {300_000, 40_000, 1234, 77_777, 0, 20_000, 5000};
    static final byte[][] DATA = new byte[SIZES.length][];
    static String id;

    @Inject
    SessionService sessions;

    static {
        Random r = new Random(4242);
        for (int i = 0; i < SIZES.length; i++) {
            DATA[i] = new byte[SIZES[i]];
            r.nextBytes(DATA[i]);
        }
    }

    @BeforeEach
    void addCompleteTorrent() throws Exception {
        if (id != null) {
            return;
        }
        Path root = Path.of("target/test-state/downloads").resolve(NAME);
        TorrentWriter w = TorrentWriter.multiFile(NAME).pieceLength(16384);
        for (int i = 0; i < PATHS.size(); i++) {
            Path f = root.resolve(String.join("/", PATHS.get(i)));
            Files.createDirectories(f.getParent());
            Files.write(f, DATA[i]);
            w.addFile(PATHS.get(i), DATA[i]);
        }
        byte[] torrent = w.write();
        String added = dev.bitquark.metainfo.Metainfo.parse(torrent).infoHash().toHex();
        // The test state folder outlives a run: the session may have restored the torrent already.
        if (given().header("Authorization", AUTH).get("/api/v1/torrents/" + added).statusCode() == 404) {
            given().header("Authorization", AUTH).contentType("application/x-bittorrent").body(torrent)
                    .when().post("/api/v1/torrents").then().statusCode(201).body("id", equalTo(added));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(given().header("Authorization", AUTH).get("/api/v1/torrents/" + added)
                .then().extract().path("finished"))) {
            assertTrue(System.nanoTime() < deadline, "the complete torrent did not finish its check");
            Thread.sleep(50);
        }
        sessions.session().handle(InfoHash.fromHex(added)).setFilePriority(5, FilePriority.SKIP)
                .toCompletionStage().toCompletableFuture().get();
        id = added;
    }

    private static String stream(int index) {
        return "/api/v1/torrents/" + id + "/files/" + index + "/stream";
    }

    private static byte[] slice(int file, int from, int toInclusive) {
        return Arrays.copyOfRange(DATA[file], from, toInclusive + 1);
    }

    @Test
    void rangeGives206WithExactlyThoseBytes() {
        Response r = given().header("Authorization", AUTH).header("Range", "bytes=1000-65535").when().get(stream(0));
        r.then().statusCode(206)
                .header("Content-Range", "bytes 1000-65535/300000")
                .header("Content-Length", "64536")
                .header("Accept-Ranges", "bytes")
                .header("Content-Type", "video/x-matroska")
                .header("Content-Disposition", "inline; filename*=UTF-8''movie.mkv");
        assertArrayEquals(slice(0, 1000, 65535), r.asByteArray());
    }

    @Test
    void openEndedAndSuffixRangesAndRangesPastTheEnd() {
        Response open = given().header("Authorization", AUTH).header("Range", "bytes=299000-").get(stream(0));
        open.then().statusCode(206).header("Content-Range", "bytes 299000-299999/300000");
        assertArrayEquals(slice(0, 299_000, 299_999), open.asByteArray());

        Response suffix = given().header("Authorization", AUTH).header("Range", "bytes=-500").get(stream(3));
        suffix.then().statusCode(206).header("Content-Range", "bytes 77277-77776/77777")
                .header("Content-Type", "audio/mpeg");
        assertArrayEquals(slice(3, 77_277, 77_776), suffix.asByteArray());

        Response clipped = given().header("Authorization", AUTH).header("Range", "bytes=1200-999999").get(stream(2));
        clipped.then().statusCode(206).header("Content-Range", "bytes 1200-1233/1234")
                .header("Content-Type", "text/plain; charset=utf-8");
        assertArrayEquals(slice(2, 1200, 1233), clipped.asByteArray());

        Response longSuffix = given().header("Authorization", AUTH).header("Range", "bytes=-99999").get(stream(2));
        longSuffix.then().statusCode(206).header("Content-Range", "bytes 0-1233/1234");
    }

    @Test
    void withoutRangeTheWholeFileIs200() {
        Response r = given().header("Authorization", AUTH).when().get(stream(0));
        r.then().statusCode(200).header("Content-Length", "300000").header("Accept-Ranges", "bytes")
                .header("Content-Range", (String) null);
        assertArrayEquals(DATA[0], r.asByteArray());
        Response nested = given().header("Authorization", AUTH).when().get(stream(1));
        nested.then().statusCode(200).header("Content-Type", "video/webm")
                .header("Content-Disposition", "inline; filename*=UTF-8''clip.webm");
        assertArrayEquals(DATA[1], nested.asByteArray());
        given().header("Authorization", AUTH).get(stream(6)).then().statusCode(200)
                .header("Content-Type", "application/octet-stream");
        given().header("Authorization", AUTH).get(stream(4)).then().statusCode(200).header("Content-Length", "0");
    }

    @Test
    void unsatisfiableMalformedAndMultipleRangesAre416WithTheSize() {
        for (String range : List.of("bytes=300000-", "bytes=300000-300001", "bytes=-0", "bytes=5-2", "bytes=abc",
                "bytes=1-2,4-5", "bytes 0-1", "bytes=")) {
            given().header("Authorization", AUTH).header("Range", range).when().get(stream(0)).then()
                    .statusCode(416)
                    .header("Content-Range", "bytes */300000")
                    .body("error", equalTo("range_not_satisfiable"));
        }
        given().header("Authorization", AUTH).header("Range", "bytes=0-").get(stream(4)).then().statusCode(416)
                .header("Content-Range", "bytes */0");
    }

    @Test
    void otherRangeUnitsAndIfRangeGetTheWholeFile() {
        given().header("Authorization", AUTH).header("Range", "items=0-5").get(stream(2)).then().statusCode(200)
                .header("Content-Length", "1234");
        given().header("Authorization", AUTH).header("Range", "bytes=0-5").header("If-Range", "\"some-etag\"")
                .get(stream(2)).then().statusCode(200).header("Content-Length", "1234");
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        Response r = given().header("Authorization", AUTH).header("Range", "bytes=10-19").when().head(stream(0));
        r.then().statusCode(206).header("Content-Range", "bytes 10-19/300000").header("Content-Length", "10")
                .header("Content-Type", "video/x-matroska");
        assertEquals(0, r.asByteArray().length);
        given().header("Authorization", AUTH).when().head(stream(3)).then().statusCode(200)
                .header("Content-Length", "77777").header("Accept-Ranges", "bytes");
        given().header("Authorization", AUTH).header("Range", "bytes=900000-").when().head(stream(3)).then()
                .statusCode(416).header("Content-Range", "bytes */77777");
    }

    @Test
    void unknownTorrentsAndFilesAre404AndSkippedFilesAre409() {
        given().header("Authorization", AUTH).get("/api/v1/torrents/" + "0".repeat(40) + "/files/0/stream").then()
                .statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", AUTH).get("/api/v1/torrents/nope/files/0/stream").then().statusCode(404);
        for (String index : List.of("7", "-1", "99999999999", "x")) {
            given().header("Authorization", AUTH).get("/api/v1/torrents/" + id + "/files/" + index + "/stream")
                    .then().statusCode(404).body("error", equalTo("not_found"));
        }
        given().header("Authorization", AUTH).get(stream(5)).then().statusCode(409)
                .body("error", equalTo("file_skipped")).body("message", containsString("skipped.avi"));
        given().header("Authorization", AUTH).head(stream(5)).then().statusCode(409);
    }

    @Test
    void withoutCredentialsIs401WithABasicChallengeForPlayers() {
        Response r = given().when().get(stream(0));
        r.then().statusCode(401).body("error", equalTo("unauthorized"));
        assertTrue(r.headers().getValues("WWW-Authenticate").contains("Basic realm=\"bitquark\", charset=\"UTF-8\""),
                "players send the credentials of a user:password@ URL only after a Basic challenge");
        given().when().get("/api/v1/torrents/" + id + "/playlist.m3u8").then().statusCode(401);
        given().when().get(stream(0) + "?token=bqt_0000000000000000_nope").then().statusCode(401)
                .body("message", containsString("token"));
    }

    private static String newToken() {
        return given().header("Authorization", AUTH).contentType("application/json")
                .body(Map.of("label", "player")).when().post("/api/v1/auth/tokens")
                .then().statusCode(201).extract().path("token");
    }

    @Test
    void apiTokenInTheQueryOpensStreamsAndPlaylistsButNothingElse() {
        String token = newToken();
        Response r = given().header("Range", "bytes=0-99").when().get(stream(0) + "?token=" + token);
        r.then().statusCode(206);
        assertArrayEquals(slice(0, 0, 99), r.asByteArray());
        given().when().head(stream(0) + "?token=" + token).then().statusCode(200);
        given().when().get("/api/v1/torrents/" + id + "/playlist.m3u8?token=" + token).then().statusCode(200);
        // Not a way into the rest of the API.
        given().when().get("/api/v1/torrents?token=" + token).then().statusCode(401);
        given().when().get("/api/v1/torrents/" + id + "/files?token=" + token).then().statusCode(401);
        given().when().post("/api/v1/torrents/" + id + "/pause?token=" + token).then().statusCode(401);
        given().when().get("/api/v1/auth/tokens?token=" + token).then().statusCode(401);
        given().when().get(stream(0) + "/?token=" + token).then().statusCode(not(equalTo(200)));
    }

    @Test
    void playlistListsTheSelectedMediaFilesInPathOrderAsAbsoluteUrls() throws Exception {
        Response r = given().header("Authorization", AUTH).when().get("/api/v1/torrents/" + id + "/playlist.m3u8");
        r.then().statusCode(200).contentType(containsString("audio/x-mpegurl"));
        String base = "http://localhost:" + RestAssured.port + "/api/v1/torrents/" + id + "/files/";
        List<String> expected = List.of("#EXTM3U",
                "#EXTINF:-1,empty.mp4", base + "4/stream",
                "#EXTINF:-1,extra/clip.webm", base + "1/stream",
                "#EXTINF:-1,movie.mkv", base + "0/stream",
                "#EXTINF:-1,song.mp3", base + "3/stream");
        assertEquals(expected, r.asString().lines().toList(), "no notes.txt, data.weird or the skipped skipped.avi");
        assertTrue(!r.asString().contains("token="), "a password login is never put into URLs");

        String token = newToken();
        String withToken = given().when().get("/api/v1/torrents/" + id + "/playlist.m3u8?token=" + token).asString();
        List<String> urls = withToken.lines().filter(l -> l.startsWith("http")).toList();
        assertEquals(4, urls.size());
        assertTrue(urls.stream().allMatch(u -> u.endsWith("/stream?token=" + token)), withToken);
        // A player opens an entry as it is: no header, no cookie.
        HttpResponse<byte[]> song = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urls.get(3)))
                .header("Range", "bytes=0-9").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, song.statusCode());
        assertArrayEquals(slice(3, 0, 9), song.body());
    }

    /**
     * A torrent with no data and no peers: every stream request waits. Clients that give up must release their
     * engine streams (at most {@value dev.bitquark.engine.FileStream#MAX_STREAMS_PER_TORRENT} per torrent), or the
     * requests after them would be refused with 503.
     */
    @Test
    void abandonedRequestsReleaseTheirStreams() throws Exception {
        byte[] data = new byte[100_000];
        new Random(99).nextBytes(data);
        byte[] torrent = TorrentWriter.singleFile("never-here.mp4", data).pieceLength(16384).write();
        String missing = given().header("Authorization", AUTH).contentType("application/x-bittorrent").body(torrent)
                .when().post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            String request = "GET /api/v1/torrents/" + missing + "/files/0/stream HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + AUTH + "\r\nRange: bytes=5000-\r\n\r\n";
            int streams = dev.bitquark.engine.FileStream.MAX_STREAMS_PER_TORRENT;
            for (int i = 0; i < streams + 4; i++) {
                try (java.net.Socket s = new java.net.Socket("localhost", RestAssured.port)) {
                    s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.setSoTimeout(300);
                    java.io.InputStream in = s.getInputStream();
                    assertThrows(java.net.SocketTimeoutException.class, in::read,
                            "request " + i + " must wait for its bytes, not be answered (503: streams leaked)");
                }
                Thread.sleep(50); // the server notices the closed connection
            }
        } finally {
            given().header("Authorization", AUTH).delete("/api/v1/torrents/" + missing + "?deleteFiles=true");
        }
    }

    @Test
    void openApiDocumentsTheStreamingEndpoints() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/torrents/{id}/files/{index}/stream"))
                .body("paths.keySet()", hasItem("/api/v1/torrents/{id}/playlist.m3u8"))
                .body("paths.'/api/v1/torrents/{id}/files/{index}/stream'.get.summary", containsString("Range"))
                .body("paths.'/api/v1/torrents/{id}/files/{index}/stream'.head.summary", containsString("headers"))
                .body("components.securitySchemes.queryToken.in", equalTo("query"));
    }
}
