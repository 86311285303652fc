package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * The REST API of a {@link ServerProcess}, as the process tests use it: Basic auth as {@code admin},
 * every request with a timeout, and bounded polling that fails with the last answer and the server's
 * log. Follows the server across restarts (same ports). Not thread-safe.
 */
public final class ServerApi {
    private final ServerProcess server;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ServerApi(ServerProcess server, String password) {
        this.server = server;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** PUT of a JSON document; fails unless 200. */
    public void putJson(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("PUT " + path + " " + json + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** A JSON request with any method; fails unless 2xx. */
    public HttpResponse<String> sendJson(String method, String path, String json) throws IOException,
            InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " " + json + " -> " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    public HttpResponse<String> call(String method, String path, byte[] torrentBody) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (torrentBody != null) {
            b.header("Content-Type", "application/x-bittorrent")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(torrentBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Adds a .torrent; returns its id (the 40-hex info-hash). */
    public String add(byte[] torrentFile) throws IOException, InterruptedException {
        HttpResponse<String> r = call("POST", "/api/v1/torrents", torrentFile);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    /** Adds a magnet link (plain-text body); returns its id (the 40-hex info-hash). */
    public String addMagnet(String magnet) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/torrents")))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(magnet)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    /** GET of a JSON object; fails unless 200. */
    public JsonObject getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", path, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    public JsonObject torrent(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "/api/v1/torrents/" + id, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    public JsonArray torrents() throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "/api/v1/torrents", null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonArray(r.body());
    }

    /** POST /api/v1/torrents/{id}/{action} (pause, resume, recheck...); asserts a 2xx answer. */
    public void action(String id, String action) throws IOException, InterruptedException {
        HttpResponse<String> r = call("POST", "/api/v1/torrents/" + id + "/" + action, null);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(action + " of " + id + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** {@code /q/health/ready}: the HTTP status and the JSON body (no auth needed). */
    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url("/q/health/ready")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the torrent until {@code done} holds, or fails with the last answer and the server log. */
    public JsonObject await(String id, Predicate<JsonObject> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject t = torrent(id);
        while (!done.test(t)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + t + "\n" + server.log());
            }
            Thread.sleep(50);
            t = torrent(id);
        }
        return t;
    }

    /** Polls until the torrent has left {@code checking} (a restore or check finished). */
    public JsonObject awaitChecked(String id, Duration timeout) throws Exception {
        return await(id, t -> !"checking".equals(t.getString("state")), timeout);
    }

    /** Polls until {@code condition} holds, or fails with {@code what} and the server log. */
    public void awaitTrue(String what, Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + what + "\n" + server.log());
            }
            Thread.sleep(50);
        }
    }

    /** A condition to poll; may do I/O. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }
}
