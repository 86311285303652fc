package dev.bitquark.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.ServerProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call sequences Sonarr and Radarr make to a Transmission and to a qBittorrent download client (read from
 * their sources: {@code TransmissionProxy}, {@code TransmissionBase}, {@code QBittorrentProxyV2},
 * {@code QBittorrent}), replayed against the packaged server with their own decisions checked: the handshake and
 * version test, the category folder, completion detection, the output path, a seeding goal reached → stopped and
 * removable, the post-import category, a restart keeping all of it, removal with the data.
 */
class SonarrReplayIT {
    static final String PASSWORD = "sonarr-replay-it-password";
    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Sonarr's version regex (TransmissionProxy.GetClientVersion), {@code (?<!\(|(\d|\.)+)(\d|\.)+(?!\)|(\d|\.)+)}:
     * the first number not inside brackets. .NET allows a look-behind of any length, Java a bounded one.
     */
    static final Pattern VERSION = Pattern.compile("(?<!\\(|[\\d.]{1,40})[\\d.]+(?![\\d.]*\\))");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String basic = "Basic " + Base64.getEncoder().encodeToString(("sonarr:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    private record Show(byte[] torrent, String hash, String name) {
    }

    /** A two-file torrent whose data is already in {@code folder}: it checks and completes without a peer. */
    private static Show show(String name, Path folder, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] a = new byte[400_000];
        byte[] b = new byte[150_000];
        random.nextBytes(a);
        random.nextBytes(b);
        Files.createDirectories(folder.resolve(name));
        Files.write(folder.resolve(name).resolve("episode.mkv"), a);
        Files.write(folder.resolve(name).resolve("episode.nfo"), b);
        byte[] t = TorrentWriter.multiFile(name).pieceLength(32768).addFile(List.of("episode.mkv"), a)
                .addFile(List.of("episode.nfo"), b).write();
        return new Show(t, Metainfo.parse(t).infoHash().toHex(), name);
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            T v = probe.call();
            if (v != null && !Boolean.FALSE.equals(v)) {
                return v;
            }
            last = v;
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + " (last " + last + ")");
    }

    // ---- Transmission ------------------------------------------------------------------------------

    private String sessionId;

    private JsonObject rpc(ServerProcess s, String method, JsonObject args) throws Exception {
        JsonObject body = new JsonObject().put("method", method).put("arguments", args);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.url("/transmission/rpc")))
                .header("Authorization", basic).header("X-Transmission-Session-Id", sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertEquals("success", answer.getString("result"), method + ": " + r.body());
        return answer.getJsonObject("arguments");
    }

    private static final List<String> SONARR_FIELDS = List.of("id", "hashString", "name", "downloadDir", "totalSize",
            "leftUntilDone", "isFinished", "eta", "status", "secondsDownloading", "secondsSeeding", "errorString",
            "uploadedEver", "downloadedEver", "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode",
            "fileCount", "file-count", "labels");

    private JsonObject torrent(ServerProcess s, String hash) throws Exception {
        JsonArray list = rpc(s, "torrent-get", new JsonObject().put("fields", new JsonArray(SONARR_FIELDS))
                .put("ids", new JsonArray().add(hash))).getJsonArray("torrents");
        return list.isEmpty() ? null : list.getJsonObject(0);
    }

    /** TransmissionBase.GetItems: Completed when nothing is left and the torrent is stopped or seeding. */
    private static boolean completed(JsonObject t) {
        int status = t.getInteger("status");
        return t.getString("errorString").isEmpty() && t.getLong("totalSize") > 0
                && (t.getLong("leftUntilDone") == 0 && (status == 0 || status == 5 || status == 6)
                || t.getBoolean("isFinished") && status != 1 && status != 2);
    }

    /** TransmissionBase.HasReachedSeedLimit, with the per-torrent ratio mode. */
    private static boolean removable(JsonObject t) {
        double ratio = t.getLong("downloadedEver") == 0 ? 0 : (double) t.getLong("uploadedEver")
                / t.getLong("downloadedEver");
        return t.getInteger("status") == 0 && t.getInteger("seedRatioMode") == 1
                && ratio >= t.getDouble("seedRatioLimit");
    }

    @Test
    void sonarrWithTransmission() throws Exception {
        Path downloads = work.resolve("downloads");
        Show show = show("Show.S01E01", downloads.resolve("tv-sonarr"), 1);
        try (ServerProcess s = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                "BITQUARK_DOWNLOAD_DIR", downloads.toString())).start()) {
            // AuthenticateClient: a GET with Basic credentials; only 409 is accepted.
            HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create(s.url("/transmission/rpc")))
                    .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(409, hello.statusCode());
            sessionId = hello.headers().firstValue("X-Transmission-Session-Id").orElseThrow();

            // The test button: session-get, the version check (≥ 2.40; labels from 4.0), then every torrent.
            JsonObject session = rpc(s, "session-get", new JsonObject());
            Matcher m = VERSION.matcher(session.getString("version"));
            assertTrue(m.find());
            assertEquals("4.0.6", m.group(), "the version Sonarr reads");
            String dir = session.getString("download-dir");
            assertEquals(downloads.toString(), dir);
            for (String key : List.of("seedRatioLimit", "seedRatioLimited", "idle-seeding-limit",
                    "idle-seeding-limit-enabled", "rpc-version")) {
                assertTrue(session.containsKey(key), key);
            }
            assertTrue(rpc(s, "torrent-get", new JsonObject().put("fields", new JsonArray(SONARR_FIELDS)))
                    .getJsonArray("torrents").isEmpty());

            // Download: metainfo, the category's folder (Directory empty: <download-dir>/<category>), the label.
            rpc(s, "torrent-add", new JsonObject().put("metainfo", Base64.getEncoder().encodeToString(show.torrent()))
                    .put("download-dir", dir + "/tv-sonarr").put("paused", false)
                    .put("labels", new JsonArray().add("tv-sonarr")));
            JsonObject done = await("completed as Sonarr decides it", () -> {
                JsonObject t = torrent(s, show.hash());
                return t != null && completed(t) ? t : null;
            });
            assertEquals(dir + "/tv-sonarr", done.getString("downloadDir"));
            assertTrue(Files.isDirectory(Path.of(done.getString("downloadDir")).resolve(done.getString("name"))),
                    "the output path downloadDir/name is the content");
            assertEquals(new JsonArray().add("tv-sonarr"), done.getJsonArray("labels"));
            assertEquals(2, done.getInteger("fileCount", done.getInteger("file-count")));
            assertFalse(removable(done), "seeding: not removable yet");

            // The indexer's seed goal (ratio 0: reached at once), then the priority "First".
            rpc(s, "torrent-set", new JsonObject().put("ids", new JsonArray().add(show.hash()))
                    .put("seedRatioLimit", 0).put("seedRatioMode", 1));
            rpc(s, "queue-move-top", new JsonObject().put("ids", new JsonArray().add(show.hash())));
            JsonObject stopped = await("stopped at its seed goal", () -> {
                JsonObject t = torrent(s, show.hash());
                return t.getInteger("status") == 0 ? t : null;
            });
            assertTrue(stopped.getBoolean("isFinished"), "isFinished: stopped at its seed goal");
            assertTrue(completed(stopped));
            assertTrue(removable(stopped), "Sonarr may remove it now");

            // Post-import: labels = old labels + imported − category.
            rpc(s, "torrent-set", new JsonObject().put("ids", new JsonArray().add(show.hash()))
                    .put("labels", new JsonArray().add("tv-imported")));
            assertEquals(new JsonArray().add("tv-imported"), torrent(s, show.hash()).getJsonArray("labels"));

            rpc(s, "torrent-remove", new JsonObject().put("ids", new JsonArray().add(show.hash()))
                    .put("delete-local-data", true));
            await("gone with its data", () -> torrent(s, show.hash()) == null
                    && !Files.exists(downloads.resolve("tv-sonarr").resolve(show.name())));
        }
    }

    // ---- qBittorrent -------------------------------------------------------------------------------

    private String sid;

    private HttpResponse<String> qb(ServerProcess s, String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url("/api/v2/" + path)));
        if (sid != null) {
            b.header("Cookie", "SID=" + sid);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1],
                    StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private JsonObject info(ServerProcess s, String query, String hash) throws Exception {
        HttpResponse<String> r = qb(s, "GET", "torrents/info" + query, null);
        assertEquals(200, r.statusCode(), r.body());
        for (Object o : new JsonArray(r.body())) {
            JsonObject t = (JsonObject) o;
            if (t.getString("hash").equals(hash)) {
                return t;
            }
        }
        return null;
    }

    /** QBittorrent.GetItems: removable only when stopped and a limit is reached (the ratio here). */
    private static boolean qbRemovable(JsonObject t) {
        String state = t.getString("state");
        return (state.equals("pausedUP") || state.equals("stoppedUP")) && t.getDouble("ratio_limit") >= 0
                && t.getDouble("ratio") >= t.getDouble("ratio_limit");
    }

    private ServerProcess qbServer(Path downloads) {
        return new ServerProcess(work.resolve("qb-server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                "BITQUARK_DOWNLOAD_DIR", downloads.toString()));
    }

    @Test
    void sonarrWithQbittorrentSurvivingARestart() throws Exception {
        Path downloads = work.resolve("qb-downloads");
        Show show = show("Show.S02E01", downloads.resolve("tv-sonarr"), 2);
        ServerProcess server = qbServer(downloads);
        try (ServerProcess s = server.start()) {
            // IsApiSupported: the version probe without a cookie must be 403 (or 200), never 401 or 404.
            assertEquals(403, qb(s, "GET", "app/webapiVersion", null).statusCode());
            HttpResponse<String> login = qb(s, "POST", "auth/login", form("username", "admin", "password", PASSWORD));
            assertEquals("Ok.", login.body());
            sid = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SID="))
                    .map(c -> c.substring(4, c.indexOf(';'))).findFirst().orElseThrow();
            assertEquals("2.11.4", qb(s, "GET", "app/webapiVersion", null).body());
            JsonObject prefs = new JsonObject(qb(s, "GET", "app/preferences", null).body());
            for (String key : List.of("save_path", "max_ratio_enabled", "max_ratio", "max_seeding_time_enabled",
                    "max_seeding_time", "max_inactive_seeding_time_enabled", "max_inactive_seeding_time",
                    "max_ratio_act", "queueing_enabled", "dht")) {
                assertTrue(prefs.containsKey(key), key);
            }
            assertEquals(0, prefs.getInteger("max_ratio_act"), "the global limit stops, never removes");

            // Test: create the category and the post-import one if missing.
            assertEquals("{}", qb(s, "GET", "torrents/categories", null).body());
            assertEquals(200, qb(s, "POST", "torrents/createCategory", form("category", "tv-sonarr", "savePath", ""))
                    .statusCode());
            assertEquals(409, qb(s, "POST", "torrents/createCategory", form("category", "tv-sonarr", "savePath", ""))
                    .statusCode(), "it exists now");
            assertTrue(new JsonObject(qb(s, "GET", "torrents/categories", null).body()).containsKey("tv-sonarr"));

            // Download: multipart with the file part "torrents", the category, stopped=false, share limits -2.
            String boundary = "----sonarr" + System.nanoTime();
            byte[] body = multipart(boundary, show.torrent(), Map.of("category", "tv-sonarr", "stopped", "false",
                    "ratioLimit", "-2", "seedingTimeLimit", "-2", "sequentialDownload", "false",
                    "firstLastPiecePrio", "false"));
            HttpResponse<String> add = http.send(HttpRequest.newBuilder(URI.create(s.url("/api/v2/torrents/add")))
                    .header("Cookie", "SID=" + sid).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("Ok.", add.body());
            // WaitForTorrent: properties until 2xx.
            await("properties", () -> qb(s, "GET", "torrents/properties?hash=" + show.hash().toUpperCase(), null)
                    .statusCode() == 200);
            JsonObject done = await("completed (an *UP state)", () -> {
                JsonObject t = info(s, "?category=tv-sonarr", show.hash());
                return t != null && t.getString("state").endsWith("UP") ? t : null;
            });
            assertNotEquals(done.getString("save_path"), done.getString("content_path"),
                    "content_path == save_path would be a warning in Sonarr");
            assertEquals(Path.of(done.getString("save_path")).resolve(show.name()).toString(),
                    done.getString("content_path"));
            assertEquals(downloads.resolve("tv-sonarr").toString(), done.getString("save_path"));
            assertFalse(qbRemovable(done));

            // The indexer's limits after the add (API < 2.8.1 path; Sonarr sends only three parameters).
            assertEquals(200, qb(s, "POST", "torrents/setShareLimits", form("hashes", show.hash(), "ratioLimit", "0",
                    "seedingTimeLimit", "-2")).statusCode());
            assertEquals(409, qb(s, "POST", "torrents/topPrio", form("hashes", show.hash())).statusCode(),
                    "queueing is off: 409, which Sonarr ignores");
            JsonObject stopped = await("stopped at its goal", () -> {
                JsonObject t = info(s, "?category=tv-sonarr", show.hash());
                return t.getString("state").equals("stoppedUP") ? t : null;
            });
            assertTrue(qbRemovable(stopped), "Sonarr may remove it now");
            JsonObject props = new JsonObject(qb(s, "GET", "torrents/properties?hash=" + show.hash(), null).body());
            assertNotNull(props.getLong("seeding_time"));

            // Post-import: setCategory to a category that is missing is a 409; created, it works.
            assertEquals(409, qb(s, "POST", "torrents/setCategory", form("hashes", show.hash(), "category",
                    "tv-imported")).statusCode());
            qb(s, "POST", "torrents/createCategory", form("category", "tv-imported", "savePath", ""));
            assertEquals(200, qb(s, "POST", "torrents/setCategory", form("hashes", show.hash(), "category",
                    "tv-imported")).statusCode());
            qb(s, "POST", "torrents/addTags", form("hashes", show.hash(), "tags", "sonarr"));
            assertTrue(Files.isDirectory(downloads.resolve("tv-sonarr").resolve(show.name())),
                    "changing the category does not move the data");
        }
        // A restart keeps the categories, the tags, the goal and the stop.
        sid = null;
        try (ServerProcess s = server.start()) {
            HttpResponse<String> login = qb(s, "POST", "auth/login", form("username", "admin", "password", PASSWORD));
            sid = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SID="))
                    .map(c -> c.substring(4, c.indexOf(';'))).findFirst().orElseThrow();
            JsonObject categories = new JsonObject(qb(s, "GET", "torrents/categories", null).body());
            assertTrue(categories.containsKey("tv-sonarr") && categories.containsKey("tv-imported"), categories.encode());
            JsonObject back = await("restored", () -> info(s, "", show.hash()));
            assertEquals("tv-imported", back.getString("category"));
            assertEquals("sonarr", back.getString("tags"));
            assertEquals(0.0, back.getDouble("ratio_limit"));
            assertEquals("stoppedUP", back.getString("state"));
            assertTrue(qbRemovable(back));

            // Removal: lower-case hashes, with the files.
            assertTrue(qb(s, "POST", "torrents/delete", form("hashes", show.hash(), "deleteFiles", "true"))
                    .statusCode() < 300);
            await("gone with its data", () -> info(s, "", show.hash()) == null
                    && !Files.exists(downloads.resolve("tv-sonarr").resolve(show.name())));
            assertEquals(404, qb(s, "GET", "torrents/properties?hash=" + show.hash(), null).statusCode());
        }
    }

    private static byte[] multipart(String boundary, byte[] torrent, Map<String, String> fields) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> w = t -> out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((k, v) -> w.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        w.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\"show.torrent\""
                + "\r\nContent-Type: application/x-bittorrent\r\n\r\n");
        out.writeBytes(torrent);
        w.accept("\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }
}
