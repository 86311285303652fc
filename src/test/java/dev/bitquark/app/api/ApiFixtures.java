package dev.bitquark.app.api;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import dev.bitquark.app.TestAuth;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Test data for the torrents API: torrents with content unique to this JVM (the test session
 * outlives a run, so a fixed torrent would be a duplicate next time) and a tiny HTTP server on
 * 127.0.0.1 serving fixed answers per path.
 */
final class ApiFixtures {
    private static final long RUN = System.nanoTime();
    private static final AtomicLong NEXT = new AtomicLong();

    private ApiFixtures() {
    }

    static RequestSpecification api() {
        return given().header("Authorization", TestAuth.basic());
    }

    /** Payload bytes of a fresh torrent: pseudo-random, unique to this run. */
    static byte[] payload(int size) {
        byte[] data = new byte[size];
        new Random(RUN * 31 + NEXT.incrementAndGet()).nextBytes(data);
        return data;
    }

    /** A single-file torrent of {@code data} in 16 KiB pieces. */
    static byte[] singleFile(String name, byte[] data, String... trackers) {
        TorrentWriter w = TorrentWriter.singleFile(name, data).pieceLength(16384);
        for (String t : trackers) {
            w.announce(t);
        }
        try {
            return w.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh single-file torrent of 70,000 bytes (5 pieces). */
    static byte[] freshTorrent(String prefix) {
        return singleFile(prefix + "-" + RUN + "-" + NEXT.incrementAndGet() + ".bin", payload(70_000));
    }

    /** A fresh torrent of three files: a.bin 40,000, sub/b.bin 30,000, c.txt 1,000 bytes. */
    static byte[] threeFiles(String prefix) {
        try {
            return TorrentWriter.multiFile(prefix + "-" + RUN + "-" + NEXT.incrementAndGet())
                    .addFile(java.util.List.of("a.bin"), payload(40_000))
                    .addFile(java.util.List.of("sub", "b.bin"), payload(30_000))
                    .addFile(java.util.List.of("c.txt"), payload(1_000))
                    .pieceLength(16384).write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(byte[] torrent) {
        try {
            return Metainfo.parse(torrent).infoHash().toHex();
        } catch (dev.bitquark.metainfo.BadTorrentException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** An HTTP/1.1 server on 127.0.0.1 answering each registered path with a fixed status, headers and body. */
    static final class FileServer implements AutoCloseable {
        record Answer(int status, Map<String, String> headers, byte[] body) {
        }

        private final HttpServer server;
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();

        FileServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Answer a = answers.getOrDefault(exchange.getRequestURI().getPath(),
                        new Answer(404, Map.of(), "not here".getBytes()));
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            });
            server.start();
        }

        FileServer serve(String path, byte[] body) {
            answers.put(path, new Answer(200, Map.of("Content-Type", "application/x-bittorrent"), body));
            return this;
        }

        FileServer redirect(String path, String location) {
            answers.put(path, new Answer(302, Map.of("Location", location), new byte[0]));
            return this;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
