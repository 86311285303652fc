package dev.bitquark.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.ExternalProcess;
import dev.bitquark.testkit.Ports;
import dev.bitquark.testkit.ServerProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same requests to Debian's {@code transmission-daemon} 3.00 and {@code qbittorrent-nox} 4.5.2, started here on
 * 127.0.0.1, and to bitquark's compatibility APIs: every key the reference server answers in the objects the *arr
 * apps and remotes read must be in bitquark's answer with the same JSON type (a string, a number, a boolean, a
 * list, an object); numbers the reference writes as integers must be integers here too, except fields that are
 * fractions by definition. Values are not compared: they belong to two different sessions.
 */
class CompatDifferentialIT {
    static final String PASSWORD = "compat-differential-it-password";
    /** Fractions by definition (ratios, progress), which Transmission writes as integers when they are whole. */
    static final Set<String> FRACTIONS = Set.of("uploadRatio", "percentDone", "percentComplete",
            "metadataPercentComplete", "recheckProgress", "seedRatioLimit", "progress", "ratio", "max_ratio",
            "availability", "share_ratio", "popularity", "ratio_limit", "max_ratio_enabled");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private byte[] torrent() throws java.io.IOException {
        byte[] a = new byte[600_000];
        byte[] b = new byte[100_000];
        new Random(5).nextBytes(a);
        new Random(6).nextBytes(b);
        return TorrentWriter.multiFile("Differential.Pack").pieceLength(32768).announce("http://127.0.0.1:1/announce")
                .addFile(List.of("a.mkv"), a).addFile(List.of("b.nfo"), b).write();
    }

    private static String type(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof JsonObject) {
            return "object";
        }
        if (v instanceof JsonArray) {
            return "list";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Number) {
            return "number";
        }
        return "string";
    }

    /** Keys of {@code reference} missing in {@code ours}, or present with another type, named in {@code where}. */
    private static List<String> compare(String where, JsonObject reference, JsonObject ours, Set<String> only) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(reference.fieldNames())) {
            if (only != null && !only.contains(key)) {
                continue;
            }
            if (!ours.containsKey(key)) {
                problems.add(where + "." + key + " is missing");
                continue;
            }
            Object theirs = reference.getValue(key);
            Object mine = ours.getValue(key);
            if (!type(theirs).equals(type(mine))) {
                problems.add(where + "." + key + " is a " + type(mine) + ", the reference's a " + type(theirs));
            } else if ((theirs instanceof Integer || theirs instanceof Long) && mine instanceof Double
                    && !FRACTIONS.contains(key)) {
                problems.add(where + "." + key + " is a real, the reference's an integer");
            } else if (theirs instanceof JsonObject t && mine instanceof JsonObject m && !key.equals("units")
                    && !key.equals("scan_dirs")) {
                problems.addAll(compare(where + "." + key, t, m, null));
            } else if (theirs instanceof JsonArray t && mine instanceof JsonArray m && !t.isEmpty() && !m.isEmpty()
                    && t.getValue(0) instanceof JsonObject t0 && m.getValue(0) instanceof JsonObject m0) {
                problems.addAll(compare(where + "." + key + "[]", t0, m0, null));
            }
        }
        return problems;
    }

    // ---- Transmission ------------------------------------------------------------------------------

    private String transmissionId;

    private JsonObject rpc(String url, String auth, String method, JsonObject args) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("method", method).put("arguments", args).put("tag", 1).encode()));
            if (auth != null) {
                b.header("Authorization", auth);
            }
            if (transmissionId != null) {
                b.header("X-Transmission-Session-Id", transmissionId);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 409) {
                transmissionId = r.headers().firstValue("X-Transmission-Session-Id").orElseThrow();
                continue;
            }
            assertEquals(200, r.statusCode(), r.body());
            JsonObject answer = new JsonObject(r.body());
            assertEquals("success", answer.getString("result"), method + ": " + r.body());
            return answer;
        }
        throw new AssertionError("no session id after a 409");
    }

    /** The fields Sonarr, Radarr and transmission-remote ({@code -l}, {@code -i}, {@code -f}, {@code -it}) ask for. */
    static final List<String> FIELDS = List.of("id", "hashString", "name", "downloadDir", "totalSize", "leftUntilDone",
            "isFinished", "eta", "status", "secondsDownloading", "secondsSeeding", "errorString", "error",
            "uploadedEver", "downloadedEver", "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode",
            "file-count", "labels", "rateDownload", "rateUpload", "sizeWhenDone", "uploadRatio", "percentDone",
            "haveValid", "haveUnchecked", "recheckProgress", "peersConnected", "peersGettingFromUs",
            "peersSendingToUs", "addedDate", "doneDate", "startDate", "activityDate", "dateCreated", "comment",
            "creator", "pieceCount", "pieceSize", "isPrivate", "magnetLink", "corruptEver", "desiredAvailable",
            "metadataPercentComplete", "bandwidthPriority", "honorsSessionLimits", "peer-limit", "downloadLimit",
            "downloadLimited", "uploadLimit", "uploadLimited", "queuePosition", "files", "fileStats", "priorities",
            "wanted", "trackers", "trackerStats", "webseedsSendingToUs", "isStalled", "peersFrom");

    @Test
    void transmissionRpcAnswersWithTheKeysAndTypesOfTransmissionDaemon() throws Exception {
        byte[] t = torrent();
        String metainfo = Base64.getEncoder().encodeToString(t);
        int port = Ports.free();
        Path cfg = work.resolve("transmission");
        Files.createDirectories(cfg.resolve("dl"));
        JsonObject refSession;
        JsonObject refTorrent;
        JsonObject refAdd;
        JsonObject refDuplicate;
        JsonObject refStats;
        try (ExternalProcess daemon = ExternalProcess.start("transmission-daemon", work, List.of("transmission-daemon",
                "-f", "-g", cfg.toString(), "--rpc-bind-address", "127.0.0.1", "-p", Integer.toString(port), "-T",
                "-w", cfg.resolve("dl").toString(), "-P", Integer.toString(Ports.free()), "--no-dht", "--no-lpd",
                "--no-portmap"))) {
            String url = "http://127.0.0.1:" + port + "/transmission/rpc";
            awaitUp(url);
            refSession = rpc(url, null, "session-get", new JsonObject()).getJsonObject("arguments");
            refAdd = rpc(url, null, "torrent-add", new JsonObject().put("metainfo", metainfo).put("paused", true))
                    .getJsonObject("arguments");
            refDuplicate = rpc(url, null, "torrent-add", new JsonObject().put("metainfo", metainfo).put("paused", true))
                    .getJsonObject("arguments");
            refTorrent = rpc(url, null, "torrent-get", new JsonObject().put("fields", new JsonArray(FIELDS)))
                    .getJsonObject("arguments").getJsonArray("torrents").getJsonObject(0);
            refStats = rpc(url, null, "session-stats", new JsonObject()).getJsonObject("arguments");
        }
        transmissionId = null;
        String auth = "Basic " + Base64.getEncoder().encodeToString(("u:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (ServerProcess s = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))
                .start()) {
            String url = s.url("/transmission/rpc");
            JsonObject session = rpc(url, auth, "session-get", new JsonObject()).getJsonObject("arguments");
            JsonObject add = rpc(url, auth, "torrent-add", new JsonObject().put("metainfo", metainfo).put("paused", true))
                    .getJsonObject("arguments");
            JsonObject duplicate = rpc(url, auth, "torrent-add", new JsonObject().put("metainfo", metainfo)
                    .put("paused", true)).getJsonObject("arguments");
            JsonObject torrent = rpc(url, auth, "torrent-get", new JsonObject().put("fields", new JsonArray(FIELDS)))
                    .getJsonObject("arguments").getJsonArray("torrents").getJsonObject(0);
            JsonObject stats = rpc(url, auth, "session-stats", new JsonObject()).getJsonObject("arguments");
            List<String> problems = new ArrayList<>();
            // The daemon's session keys, less those of features bitquark does not have as Transmission does.
            problems.addAll(compare("session-get", refSession, session, null));
            problems.addAll(compare("torrent-add", refAdd, add, null));
            problems.addAll(compare("torrent-add (again)", refDuplicate, duplicate, null));
            problems.addAll(compare("torrent-get", refTorrent, torrent, null));
            problems.addAll(compare("session-stats", refStats, stats, null));
            assertEquals(List.of(), problems, "differences from transmission-daemon 3.00");
            assertTrue(torrent.fieldNames().containsAll(refTorrent.fieldNames()));
        }
    }

    private void awaitUp(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(url + " never answered");
    }

    // ---- qBittorrent -------------------------------------------------------------------------------

    private String sid;

    private HttpResponse<String> qb(String base, String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v2/" + path));
        if (sid != null) {
            b.header("Cookie", "SID=" + sid);
        }
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r;
    }

    private HttpResponse<String> add(String base, byte[] torrent) throws Exception {
        String boundary = "----diff" + System.nanoTime();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"paused\"\r\n\r\ntrue\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\ntv\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\"d.torrent\"\r\n"
                + "Content-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(torrent);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v2/torrents/add"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        if (sid != null) {
            b.header("Cookie", "SID=" + sid);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The objects the *arr apps and the clients read, from one server holding the torrent. */
    private Map<String, JsonObject> qbObjects(String base, String hash) throws Exception {
        JsonObject info = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (info == null && System.nanoTime() < deadline) {
            JsonArray list = new JsonArray(qb(base, "GET", "torrents/info", null).body());
            if (!list.isEmpty() && !list.getJsonObject(0).getString("state").startsWith("checking")) {
                info = list.getJsonObject(0);
            } else {
                Thread.sleep(200);
            }
        }
        assertTrue(info != null, "the torrent listed");
        JsonObject props = new JsonObject(qb(base, "GET", "torrents/properties?hash=" + hash, null).body());
        JsonObject file = new JsonArray(qb(base, "GET", "torrents/files?hash=" + hash, null).body()).getJsonObject(0);
        JsonArray trackers = new JsonArray(qb(base, "GET", "torrents/trackers?hash=" + hash, null).body());
        JsonObject realTracker = trackers.getJsonObject(trackers.size() - 1);
        JsonObject categories = new JsonObject(qb(base, "GET", "torrents/categories", null).body());
        JsonObject transfer = new JsonObject(qb(base, "GET", "transfer/info", null).body());
        JsonObject prefs = new JsonObject(qb(base, "GET", "app/preferences", null).body());
        JsonObject sync = new JsonObject(qb(base, "GET", "sync/maindata?rid=0", null).body());
        sync.remove("torrents");
        JsonObject peers = new JsonObject(qb(base, "GET", "sync/torrentPeers?rid=0&hash=" + hash, null).body());
        return Map.of("torrents/info", info, "torrents/properties", props, "torrents/files", file,
                "torrents/trackers", realTracker, "torrents/categories", categories, "transfer/info", transfer,
                "app/preferences", prefs, "sync/maindata", sync, "sync/torrentPeers", peers);
    }

    /** The preferences Sonarr, Radarr, Prowlarr and the remotes read. */
    static final Set<String> PREFERENCES = Set.of("save_path", "max_ratio_enabled", "max_ratio",
            "max_seeding_time_enabled", "max_seeding_time", "max_ratio_act", "queueing_enabled", "dht", "listen_port",
            "dl_limit", "up_limit", "temp_path", "temp_path_enabled", "auto_tmm_enabled", "max_active_downloads",
            "max_active_torrents", "max_active_uploads", "pex", "lsd", "dont_count_slow_torrents", "alt_dl_limit",
            "alt_up_limit", "max_connec", "max_connec_per_torrent", "create_subfolder_enabled", "start_paused_enabled");

    @Test
    void qbittorrentApiAnswersWithTheKeysAndTypesOfQbittorrentNox() throws Exception {
        byte[] t = torrent();
        String hash = dev.bitquark.metainfo.Metainfo.parse(t).infoHash().toHex();
        int port = Ports.free();
        Path profile = work.resolve("qbt");
        Path conf = profile.resolve("qBittorrent").resolve("config").resolve("qBittorrent.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, """
                [LegalNotice]
                Accepted=true

                [BitTorrent]
                Session\\DefaultSavePath=%s
                Session\\Port=%d
                Session\\DHTEnabled=false
                Session\\LSDEnabled=false
                Session\\PeXEnabled=false

                [Preferences]
                WebUI\\LocalHostAuth=false
                WebUI\\Address=127.0.0.1
                WebUI\\Port=%d
                Connection\\UPnP=false
                General\\Locale=en
                """.formatted(work.resolve("qbt-dl"), Ports.free(), port));
        Map<String, JsonObject> reference;
        List<String> referenceRenames;
        String base = "http://127.0.0.1:" + port;
        try (ExternalProcess nox = ExternalProcess.start("qbittorrent-nox", work, List.of("qbittorrent-nox",
                "--profile=" + profile, "--webui-port=" + port))) {
            awaitUp(base + "/api/v2/app/webapiVersion");
            assertEquals("Ok.", add(base, t).body());
            reference = qbObjects(base, hash);
            referenceRenames = renames(base, hash);
        }
        try (ServerProcess s = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))
                .start()) {
            String ours = s.url("");
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(ours + "/api/v2/auth/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            sid = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SID="))
                    .map(c -> c.substring(4, c.indexOf(';'))).findFirst().orElseThrow();
            assertEquals("Ok.", add(ours, t).body());
            Map<String, JsonObject> mine = qbObjects(ours, hash);
            List<String> problems = new ArrayList<>();
            for (String what : new TreeSet<>(reference.keySet())) {
                problems.addAll(compare(what, reference.get(what), mine.get(what),
                        what.equals("app/preferences") ? PREFERENCES : null));
            }
            assertEquals(List.of(), problems, "differences from qbittorrent-nox 4.5.2");
            assertEquals(referenceRenames, renames(ours, hash), "torrents/rename as qbittorrent-nox 4.5.2 answers it");
        }
    }

    /** What {@code torrents/rename} answers: a new name (and the name listed after), an empty one, an unknown hash. */
    private List<String> renames(String base, String hash) throws Exception {
        List<String> out = new ArrayList<>();
        for (String form : List.of("hash=" + hash + "&name=Shown%20name", "hash=" + hash + "&name=",
                "hash=0000000000000000000000000000000000000000&name=x")) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v2/torrents/rename"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (sid != null) {
                b.header("Cookie", "SID=" + sid);
            }
            out.add(form.replace(hash, "<hash>") + " -> " + http.send(b.build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        out.add("listed as " + new JsonArray(qb(base, "GET", "torrents/info?hashes=" + hash, null).body())
                .getJsonObject(0).getString("name"));
        return out;
    }
}
