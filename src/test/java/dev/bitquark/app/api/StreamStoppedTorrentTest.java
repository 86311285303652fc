package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Regression: a stream of a paused torrent sent the JSON error as the file's content (206 with {@code Content-Range}
 * and the error text cut to {@code Content-Length}), or 200 and then hung. Errors are decided before the status line;
 * once bytes went out, a failure cuts the connection and never pads the body with other bytes.
 *
 * <p>The torrent has its first half on disk (the check finds those pieces) and no peer for the rest.
 */
@QuarkusTest
class StreamStoppedTorrentTest {
    static final int PIECE = 256 * 1024;
    static final int SIZE = 16 * PIECE;
    static final int HALF = SIZE / 2;

    @TestHTTPResource("/")
    URL base;

    /** A torrent whose first half is on disk, checked; its id. */
    private static String halfThere(byte[] data) throws Exception {
        String name = "half-" + System.nanoTime() + ".mp4";
        byte[] torrent = TorrentWriter.singleFile(name, data).pieceLength(PIECE).write();
        Path file = Path.of("target/test-state/downloads").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, Arrays.copyOf(Arrays.copyOf(data, HALF), SIZE)); // the second half is zeros: not had
        String id = Metainfo.parse(torrent).infoHash().toHex();
        api().contentType("application/x-bittorrent").body(torrent).post("/api/v1/torrents").then().statusCode(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"live".equals(api().get("/api/v1/torrents/" + id).then().extract().path("state"))) {
            assertTrue(System.nanoTime() < deadline, "the check did not end");
            Thread.sleep(50);
        }
        api().get("/api/v1/torrents/" + id).then().body("havePieces", equalTo(8));
        return id;
    }

    private static byte[] data() {
        byte[] data = new byte[SIZE];
        new Random(System.nanoTime()).nextBytes(data);
        return data;
    }

    @Test
    void aPausedTorrentAnswers409AsJsonForBytesItDoesNotHave() throws Exception {
        byte[] data = data();
        String id = halfThere(data);
        try {
            api().post("/api/v1/torrents/" + id + "/pause").then().statusCode(204);
            String stream = "/api/v1/torrents/" + id + "/files/0/stream";
            for (String range : new String[] {null, "bytes=0-", "bytes=" + (HALF - 10) + "-" + (HALF + 10),
                    "bytes=" + HALF + "-"}) {
                Response r = range == null ? api().get(stream) : api().header("Range", range).get(stream);
                r.then().statusCode(409).contentType(containsString("application/json"))
                        .body("error", equalTo("torrent_stopped")).body("message", containsString("paused"));
                assertNull(r.header("Content-Range"), range + ": no Content-Range on an error");
                assertEquals(Integer.toString(r.asByteArray().length), r.header("Content-Length"), range);
            }
            // Bytes it has are still served, exactly.
            Response had = api().header("Range", "bytes=1000-" + (HALF - 1)).get(stream);
            had.then().statusCode(206).header("Content-Range", "bytes 1000-" + (HALF - 1) + "/" + SIZE);
            assertArrayEquals(Arrays.copyOfRange(data, 1000, HALF), had.asByteArray());
        } finally {
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }

    /** The stream started (its first blocks are had); then the torrent is paused: the connection is cut. */
    @Test
    void aStreamBrokenOffAfterItsFirstBytesIsCutNeverPadded() throws Exception {
        byte[] data = data();
        String id = halfThere(data);
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/torrents/" + id + "/files/0/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + TestAuth.basic() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            String status = head.toString(StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            assertTrue(status.toLowerCase().contains("content-length: " + SIZE), status);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (body.size() < HALF) { // everything had arrives; the stream then waits for the missing pieces
                int n = in.read(buf);
                assertTrue(n > 0, "the stream ended early at " + body.size());
                body.write(buf, 0, n);
            }
            api().post("/api/v1/torrents/" + id + "/pause").then().statusCode(204);
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    body.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                // a reset is as good as a close: the body is short of Content-Length either way
            }
            assertEquals(HALF, body.size(), "the connection is cut right after the had bytes");
            assertArrayEquals(Arrays.copyOf(data, HALF), body.toByteArray(), "every byte sent is the file's");
        } finally {
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }
}
