package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session of {@value #COUNT} small torrents in the packaged server: added through the API (their
 * files already complete in the download folder, so each is checked once and seeds), then the server
 * is stopped with SIGTERM and started again. Measures the time to readiness with every torrent
 * restored, the time until none is checking any more, the memory (RSS) afterwards and the latency of
 * listing them all. The torrents name no tracker, so nothing is dialed. Bounds are generous; the
 * figures are printed for the release notes.
 */
class ManyTorrentsIT {
    static final String PASSWORD = "many-torrents-it-password";
    static final int COUNT = 1000;
    static final int PIECE = 16 * 1024;

    @TempDir
    Path work;

    @Test
    void restoresAThousandTorrentsQuicklyAndListsThemFast() throws Exception {
        Path srv = work.resolve("srv");
        Path downloads = srv.resolve("downloads");
        Files.createDirectories(downloads);
        List<byte[]> torrents = new ArrayList<>();
        Random random = new Random(1000);
        for (int i = 0; i < COUNT; i++) {
            // 1 to 4 pieces each, distinct content: 1,000 distinct info-hashes.
            byte[] content = new byte[PIECE / 2 + random.nextInt(3 * PIECE)];
            random.nextBytes(content);
            String name = String.format("t%04d.bin", i);
            Files.write(downloads.resolve(name), content);
            torrents.add(TorrentWriter.singleFile(name, content).pieceLength(PIECE).write());
        }
        Map<String, String> env = new HashMap<>();
        env.put("BITQUARK_AUTH_PASSWORD", PASSWORD);
        try (ServerProcess server = new ServerProcess(srv, env)) {
            server.start();
            long emptyRss = server.rssKiB();
            ServerApi api = new ServerApi(server, PASSWORD);
            // One request first: the server hashes the password once, then recognises it cheaply
            // (parallel first requests would each need a slow hash, and get 503 "busy").
            assertEquals(0, api.torrents().size());

            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<String> ids;
            try {
                List<Future<String>> adds = new ArrayList<>();
                for (byte[] t : torrents) {
                    adds.add(pool.submit(() -> api.add(t)));
                }
                ids = new ArrayList<>();
                for (Future<String> f : adds) {
                    ids.add(f.get(120, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            long addMs = (System.nanoTime() - t0) / 1_000_000;
            JsonArray seeding = awaitAll(api, server, Duration.ofSeconds(60));
            long seedingMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("many torrents: %d added over HTTP (4 clients) in %d ms (%.1f ms each), all seeding "
                    + "after %d ms%n", COUNT, addMs, (double) addMs / COUNT, seedingMs);
            assertEquals(COUNT, seeding.size());
            assertEquals(COUNT, ids.stream().distinct().count(), "distinct info-hashes");
            Duration stop = server.terminate(Duration.ofSeconds(30));
            Map<Path, FileTime> saved = resumeFileTimes(srv.resolve("data"));
            assertEquals(COUNT, saved.size());

            long restart = System.nanoTime();
            server.start(Duration.ofSeconds(60));
            long readyMs = (System.nanoTime() - restart) / 1_000_000;
            HttpResponse<String> ready = api.readiness();
            JsonArray listed = api.torrents();
            assertEquals(COUNT, listed.size(), "every torrent is restored by the time the server is ready");
            JsonArray live = awaitAll(api, server, Duration.ofSeconds(60));
            long liveMs = (System.nanoTime() - restart) / 1_000_000;
            long fastResumed = live.stream().filter(o -> ((JsonObject) o).getBoolean("fastResumed")).count();
            Thread.sleep(3000); // settle: the saves after the checks are done
            long rss = server.rssKiB();
            long[] latencies = new long[20];
            for (int i = 0; i < latencies.length; i++) {
                long c0 = System.nanoTime();
                assertEquals(COUNT, api.torrents().size());
                latencies[i] = (System.nanoTime() - c0) / 1_000;
            }
            Arrays.sort(latencies);
            Map<Path, FileTime> afterStart = resumeFileTimes(srv.resolve("data"));
            int rewrittenByStart = changed(saved, afterStart);
            Duration secondStop = server.terminate(Duration.ofSeconds(30));
            int rewrittenByStop = changed(afterStart, resumeFileTimes(srv.resolve("data")));
            String log = server.logSinceStart();
            System.out.printf("many torrents: SIGTERM with %d torrents: exit in %d ms; restart: ready (all %d "
                            + "restored) %d ms after exec, all live (none checking) after %d ms, %d fast-resumed; "
                            + "RSS %d MiB after settling (%d MiB at ready with an empty session); GET /api/v1/torrents median %.1f ms, max %.1f ms%n",
                    COUNT, stop.toMillis(), COUNT, readyMs, liveMs, fastResumed, rss / 1024, emptyRss / 1024,
                    latencies[latencies.length / 2] / 1000.0, latencies[latencies.length - 1] / 1000.0);
            java.util.regex.Matcher savedIn = java.util.regex.Pattern.compile("session saved in (\\d+) ms").matcher(log);
            System.out.printf("many torrents: unchanged resume files rewritten: %d by the restart, %d by the second "
                    + "SIGTERM (exit in %d ms, final save %s ms)%n", rewrittenByStart, rewrittenByStop,
                    secondStop.toMillis(), savedIn.find() ? savedIn.group(1) : "?");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(readyMs < 60_000, "ready within 60 s: " + readyMs + " ms");
            assertEquals(COUNT, fastResumed, "every torrent restored from its resume data");
            assertTrue(latencies[latencies.length / 2] < 2_000_000, "listing takes under 2 s");
            assertTrue(!log.contains("ERROR"), "no error logged:\n" + log);
            // Nothing changed: a restart and a stop write no resume data (thousands of fsyncs otherwise).
            assertEquals(0, rewrittenByStart, "resume files rewritten by a restart without changes");
            assertEquals(0, rewrittenByStop, "resume files rewritten by a stop without changes");
        }
    }

    private static Map<Path, FileTime> resumeFileTimes(Path dataDir) throws IOException {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("resume"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".resume")) {
                    times.put(p, Files.getLastModifiedTime(p));
                }
            }
        }
        return times;
    }

    private static int changed(Map<Path, FileTime> before, Map<Path, FileTime> after) {
        int n = 0;
        for (Map.Entry<Path, FileTime> e : before.entrySet()) {
            if (!e.getValue().equals(after.get(e.getKey()))) {
                n++;
            }
        }
        return n;
    }

    /** Polls the list until every torrent is live and finished; fails on any in error. */
    private static JsonArray awaitAll(ServerApi api, ServerProcess server, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonArray all = api.torrents();
            long done = 0;
            for (Object o : all) {
                JsonObject t = (JsonObject) o;
                if ("error".equals(t.getString("state"))) {
                    throw new AssertionError("torrent in error: " + t + "\n" + server.log());
                }
                if ("live".equals(t.getString("state")) && t.getBoolean("finished")) {
                    done++;
                }
            }
            if (all.size() == COUNT && done == COUNT) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(done + " of " + all.size() + " live and finished after " + timeout
                        + "\n" + server.log());
            }
            Thread.sleep(200);
        }
    }
}
