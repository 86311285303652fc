package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: whole-file and open-ended streams of a complete file of tens of MiB sent some 256 KiB blocks twice and
 * skipped others (a drain handler left registered started a second read while one was in flight), under a correct
 * status and {@code Content-Length}. Real HTTP clients (curl, fast and rate-limited; a raw socket that reads slowly)
 * read a 64 MiB file several times and every body is compared with the file byte for byte (by SHA-256 and length).
 */
@QuarkusTest
class StreamIntegrityTest {
    static final int SIZE = 64 << 20;
    static String id;
    static Path file;
    static byte[] data;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void addCompleteTorrent() throws Exception {
        if (id != null) {
            return;
        }
        data = new byte[SIZE];
        new Random(6464).nextBytes(data);
        String name = "stream-integrity.mkv";
        file = Path.of("target/test-state/downloads").resolve(name);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || Files.size(file) != SIZE) {
            Files.write(file, data); // else it is there from an earlier run, and the session may be seeding it
        }
        byte[] torrent = TorrentWriter.singleFile(name, data).pieceLength(1 << 20).write();
        id = Metainfo.parse(torrent).infoHash().toHex();
        // The test state folder outlives a run: the session may have restored the torrent already.
        if (api().get("/api/v1/torrents/" + id).statusCode() == 404) {
            api().contentType("application/x-bittorrent").body(torrent).post("/api/v1/torrents").then().statusCode(201);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Boolean.TRUE.equals(api().get("/api/v1/torrents/" + id).then().extract().path("finished"))) {
            assertTrue(System.nanoTime() < deadline, "the complete torrent did not finish its check");
            Thread.sleep(50);
        }
    }

    private String url() {
        return base.toString().replaceAll("/$", "") + "/api/v1/torrents/" + id + "/files/0/stream";
    }

    private static String sha256(byte[] b, int from, int to) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b, from, to - from);
        return HexFormat.of().formatHex(md.digest());
    }

    /** curl's body as SHA-256 and length, plus the status line; {@code limit} is curl's --limit-rate or null. */
    private String[] curl(String range, String limit) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-o", "-", "-w", "%{http_code}", "-H",
                "Authorization: " + TestAuth.basic()));
        if (range != null) {
            cmd.addAll(List.of("-H", "Range: " + range));
        }
        if (limit != null) {
            cmd.addAll(List.of("--limit-rate", limit));
        }
        cmd.add(url());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, p.exitValue(), "curl failed");
        String status = new String(out, out.length - 3, 3, StandardCharsets.US_ASCII);
        return new String[] {status, sha256(out, 0, out.length - 3), Integer.toString(out.length - 3)};
    }

    private void assertBody(String[] got, String status, int from, String what) throws Exception {
        assertEquals(status, got[0], what + ": status");
        assertEquals(Integer.toString(SIZE - from), got[2], what + ": body length");
        assertEquals(sha256(data, from, SIZE), got[1], what + ": the body is not the file's bytes");
    }

    @Test
    void fastClientsGetEveryByteOfWholeFilesAndOpenRanges() throws Exception {
        for (int round = 0; round < 3; round++) {
            assertBody(curl(null, null), "200", 0, "whole file, round " + round);
            assertBody(curl("bytes=0-", null), "206", 0, "bytes=0-, round " + round);
            assertBody(curl("bytes=1000-", null), "206", 1000, "bytes=1000-, round " + round);
            assertBody(curl("bytes=262144-", null), "206", 262_144, "bytes=262144-, round " + round);
        }
    }

    @Test
    void rateLimitedClientsGetEveryByte() throws Exception {
        assertBody(curl(null, "40M"), "200", 0, "whole file at 40 MB/s");
        assertBody(curl("bytes=1000-", "60M"), "206", 1000, "bytes=1000- at 60 MB/s");
    }

    /** A client with a small receive window that reads in bursts with pauses: the write queue fills and drains. */
    @Test
    void aSlowSocketReaderGetsEveryByte() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(64 * 1024);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()));
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                String path = url().substring(url().indexOf("/api/"));
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestAuth.basic()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.contains("content-length: " + SIZE) || head.contains("Content-Length: " + SIZE), head);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[32 * 1024];
                long total = 0;
                long sinceNap = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    total += n;
                    sinceNap += n;
                    if (sinceNap >= (1 << 20)) {
                        sinceNap = 0;
                        Thread.sleep(15);
                    }
                }
                assertEquals(SIZE, total, "slow reader, round " + round + ": body length");
                assertEquals(sha256(data, 0, SIZE), HexFormat.of().formatHex(md.digest()),
                        "slow reader, round " + round + ": the body is not the file's bytes");
            }
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}
