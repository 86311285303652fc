package dev.bitquark.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.ServerProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code transmission-remote} 3.00 against the packaged server's Transmission RPC, as a user runs it:
 * session info, an add into a folder (its data already there, so it checks and seeds), the list with the name
 * and a number, details, stop, start, verify, a magnet link, removal with the data; then raw HTTP for the
 * 401 / 409 handshake, a wrong password, the echoed tag and integer typing.
 */
class TransmissionRemoteIT {
    static final String PASSWORD = "transmission-remote-it-password";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private ServerProcess server;

    private List<String> remote(String... args) {
        List<String> cmd = new ArrayList<>(List.of("transmission-remote", "127.0.0.1:" + server.httpPort(), "-n",
                "sonarr:" + PASSWORD));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs transmission-remote; returns its output, failing on a non-zero exit. */
    private String tr(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(remote(args)).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("transmission-remote " + String.join(" ", args) + " hung");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "transmission-remote " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    private String awaitList(String what, Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = tr("-l");
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; last list:\n" + last);
    }

    private static String row(String list, String name) {
        return list.lines().filter(l -> l.contains(name)).findFirst().orElse("");
    }

    @Test
    void transmissionRemoteDrivesTheServerAsItDrivesTransmission() throws Exception {
        Path downloads = work.resolve("downloads");
        Random random = new Random(7);
        byte[] a = new byte[700_000];
        byte[] b = new byte[300_000];
        random.nextBytes(a);
        random.nextBytes(b);
        Path show = downloads.resolve("tv").resolve("Show.S01");
        Files.createDirectories(show);
        Files.write(show.resolve("e01.mkv"), a);
        Files.write(show.resolve("e02.mkv"), b);
        byte[] torrent = TorrentWriter.multiFile("Show.S01").pieceLength(65536)
                .addFile(List.of("e01.mkv"), a).addFile(List.of("e02.mkv"), b).write();
        String hash = Metainfo.parse(torrent).infoHash().toHex();
        Path file = work.resolve("show.torrent");
        Files.write(file, torrent);

        server = new ServerProcess(work.resolve("server"), Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                "BITQUARK_DOWNLOAD_DIR", downloads.toString()));
        try (ServerProcess s = server.start()) {
            String info = tr("-si");
            assertTrue(info.contains("RPC version: 17"), info);
            assertTrue(info.contains("Daemon version: 4.0.6"), info);
            assertTrue(info.contains("Download directory: " + downloads), info);

            assertTrue(tr("-a", file.toString(), "-w", downloads.resolve("tv").toString()).contains("success"));
            String list = awaitList("the torrent checked and seeding", l -> row(l, "Show.S01").contains("100%"));
            String row = row(list, "Show.S01");
            assertTrue(row.strip().startsWith("1 "), "numbered 1 in the list: " + row);

            String details = tr("-t", hash, "-i");
            assertTrue(details.contains("Name: Show.S01"), details);
            assertTrue(details.contains("Hash: " + hash), details);
            assertTrue(details.contains("Location: " + downloads.resolve("tv")), details);
            assertTrue(details.contains("Percent Done: 100%"), details);
            String files = tr("-t", "1", "-f");
            assertTrue(files.contains("Show.S01/e01.mkv") && files.contains("Show.S01/e02.mkv"), files);

            tr("-t", "1", "-S");
            awaitList("stopped", l -> row(l, "Show.S01").contains("Stopped"));
            tr("-t", "1", "-s");
            awaitList("running again", l -> !row(l, "Show.S01").contains("Stopped")
                    && row(l, "Show.S01").contains("100%"));
            assertTrue(tr("-t", "1", "-v").contains("success"));
            awaitList("verified and seeding", l -> row(l, "Show.S01").contains("100%")
                    && !row(l, "Show.S01").contains("Verifying"));

            String magnetHash = "0123456789abcdef0123456789abcdef01234567";
            assertTrue(tr("-a", "magnet:?xt=urn:btih:" + magnetHash + "&dn=Some.Magnet").contains("success"));
            String withMagnet = awaitList("the magnet listed", l -> l.contains("Some.Magnet"));
            assertTrue(row(withMagnet, "Some.Magnet").strip().startsWith("2 "), withMagnet);

            assertTrue(tr("-t", "1", "--remove-and-delete").contains("success"));
            awaitList("the torrent gone", l -> !l.contains("Show.S01"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (Files.exists(show) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(show.resolve("e01.mkv")), "the data is deleted");
            assertFalse(Files.exists(show), "and its folder");

            rawHttp(s);
        }
    }

    /** The handshake and the envelope as Sonarr and the remotes rely on them. */
    private void rawHttp(ServerProcess s) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI rpc = URI.create(s.url("/transmission/rpc"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(("sonarr:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("sonarr:nope".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> none = http.send(HttpRequest.newBuilder(rpc).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertEquals("Basic realm=\"Transmission\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, http.send(HttpRequest.newBuilder(rpc).header("Authorization", wrong).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a wrong password");

        HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(rpc).header("Authorization", basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, handshake.statusCode(), "Sonarr's handshake is a GET that must get 409");
        String id = handshake.headers().firstValue("X-Transmission-Session-Id").orElse(null);
        assertNotNull(id);
        assertTrue(handshake.headers().firstValue("X-Transmission-Rpc-Version").isEmpty(),
                "no JSON-RPC header: 4.1 clients must fall back to the legacy protocol");
        HttpResponse<String> noId = http.send(HttpRequest.newBuilder(URI.create(s.url("/rpc/")))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"session-get\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, noId.statusCode(), "a POST without the session id");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(rpc).header("Authorization", basic)
                .header("X-Transmission-Session-Id", id).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"torrent-get\",\"arguments\":{\"fields\":[\"id\",\"eta\",\"leftUntilDone\","
                                + "\"sizeWhenDone\",\"status\",\"uploadRatio\",\"rateDownload\",\"name\"]},\"tag\":77}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        JsonObject body = new JsonObject(get.body());
        assertEquals("success", body.getString("result"));
        assertEquals(77, body.getInteger("tag"), "the tag is echoed");
        JsonArray torrents = body.getJsonObject("arguments").getJsonArray("torrents");
        assertEquals(1, torrents.size(), "the magnet is left: " + get.body());
        for (String intField : List.of("id", "eta", "leftUntilDone", "sizeWhenDone", "status", "rateDownload")) {
            Object v = torrents.getJsonObject(0).getValue(intField);
            assertTrue(v instanceof Integer || v instanceof Long, intField + " must be a JSON integer: " + get.body());
        }

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(rpc).header("Authorization", basic)
                .header("X-Transmission-Session-Id", id).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"no-such-method\",\"tag\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unknown.statusCode(), "a failed call is still HTTP 200");
        assertEquals("method name not recognized", new JsonObject(unknown.body()).getString("result"));

        HttpResponse<String> serverFile = http.send(HttpRequest.newBuilder(rpc).header("Authorization", basic)
                .header("X-Transmission-Session-Id", id).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"torrent-add\",\"arguments\":{\"filename\":\"/etc/passwd\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(new JsonObject(serverFile.body()).getString("result").contains("magnet link or an http(s) URL"),
                "a path on the server is refused: " + serverFile.body());
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(rpc).header("Authorization", basic)
                .header("X-Transmission-Session-Id", id).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"torrent-add\",\"arguments\":{\"filename\":\"magnet:?xt=urn:btih:"
                                + "1111111111111111111111111111111111111111\",\"download-dir\":\"/etc\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(new JsonObject(outside.body()).getString("result").contains("inside the download folder"),
                "a folder outside the download folder is refused: " + outside.body());
    }
}
