package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentWriter;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 scenario of {@link KillRestartIT} with the session in PostgreSQL
 * ({@code BITQUARK_PERSISTENCE=postgresql}, a real PostgreSQL started by the test): the packaged
 * server is killed mid-download and restarts from the database with a fast resume and a bounded
 * re-download. Then PostgreSQL itself is killed (SIGKILL to all its processes) while the download
 * runs: bitquark keeps running and downloading, reports the failure (readiness DOWN, failed saves
 * logged), and once PostgreSQL is back on the same data folder saves again, so that a second kill -9
 * of bitquark restores the torrent with the same bound. The download finishes byte-exact.
 */
class PostgresKillRestartIT {
    static final String PASSWORD = "postgres-kill-restart-it-password";
    static final long SIZE = 128L << 20;
    static final int PIECE = 256 * 1024;
    /** Seeder upload rate: the download takes about 16 s, long enough for every step to fall inside it. */
    static final long RATE = 8L << 20;
    /** As in KillRestartIT: pieces in flight (16 MiB of piece buffers) and a little slack; the piece journal does the rest. */
    static final long MAX_REFETCH = KillRestartIT.MAX_REFETCH;

    @TempDir
    Path work;

    @Test
    void survivesKillNineOfTheServerAndOfPostgresqlMidDownload() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "pg.bin", SIZE, 31);
        Path torrentFile = work.resolve("pg.torrent");
        Files.write(torrentFile, TorrentWriter.singleFile(payload).pieceLength(PIECE).write());
        Path srv = work.resolve("srv");
        try (PostgresServer pg = PostgresServer.start()) {
            String db = pg.createDatabase("bitquark_it");
            Map<String, String> env = Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD,
                    "BITQUARK_PERSISTENCE", "postgresql",
                    "BITQUARK_DB_URL", pg.jdbcUrl(db),
                    "BITQUARK_DB_USER", PostgresServer.USER,
                    "BITQUARK_DB_PASSWORD", "unused-with-trust-auth");
            try (ServerProcess server = new ServerProcess(srv, env)) {
                server.start();
                ServerApi api = new ServerApi(server, PASSWORD);
                String id;
                try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir,
                        List.of("127.0.0.1:" + server.peerPort()), RATE, torrentFile)) {
                    id = api.add(Files.readAllBytes(torrentFile));
                    assertTrue(server.logSinceStart().contains("session store: 127.0.0.1:" + pg.port() + "/" + db),
                            "the session is in PostgreSQL:\n" + server.log());

                    // 1. kill -9 of bitquark at 25 %: restored from the database.
                    killAndRestart(server, api, id, awaitVerified(api, id, SIZE / 4), "kill -9 at 25%");

                    // 2. PostgreSQL crashes at 40 %: bitquark keeps downloading and says so.
                    awaitVerified(api, id, SIZE * 2 / 5);
                    pg.kill9();
                    long crashed = System.nanoTime();
                    // Slow this torrent down (2 MiB/s) so that step 4's kill falls inside the download
                    // however long PostgreSQL takes to come back on a loaded machine; the change is
                    // stored once the database is back.
                    api.putJson("/api/v1/torrents/" + id + "/limits", "{\"downloadLimit\":2097152}");
                    long atCrash = api.torrent(id).getLong("verifiedBytes");
                    api.awaitTrue("readiness DOWN while PostgreSQL is down",
                            () -> api.readiness().statusCode() == 503, Duration.ofSeconds(20));
                    long downAfter = (System.nanoTime() - crashed) / 1_000_000;
                    api.awaitTrue("a failed save logged", () -> server.logSinceStart()
                            .contains("saving resume data of " + id + " failed"), Duration.ofSeconds(20));
                    api.awaitTrue("the failed save in the readiness data",
                            () -> api.readiness().body().contains("\"lastSaveError\""), Duration.ofSeconds(10));
                    HttpResponse<String> down = api.readiness();
                    assertEquals(503, down.statusCode(), down.body());
                    awaitVerified(api, id, atCrash + (8L << 20));
                    assertTrue(server.isAlive(), "bitquark still runs");
                    System.out.printf("postgresql killed at %d MiB: bitquark alive, readiness DOWN after %d ms, "
                            + "download went on to %d MiB; readiness: %s%n", atCrash >> 20, downAfter,
                            api.torrent(id).getLong("verifiedBytes") >> 20, down.body().replaceAll("\\s+", " "));

                    // 3. PostgreSQL is back on the same data folder: bitquark saves again and is ready.
                    pg.restart();
                    long back = System.nanoTime();
                    long atRecovery = api.torrent(id).getLong("verifiedBytes");
                    api.awaitTrue("resume data saved again", () -> storedBytes(pg, db, id) >= atRecovery,
                            Duration.ofSeconds(30));
                    long savedAfter = (System.nanoTime() - back) / 1_000_000;
                    api.awaitTrue("readiness UP again, without a save error", () -> {
                        HttpResponse<String> r = api.readiness();
                        return r.statusCode() == 200 && !r.body().contains("lastSaveError");
                    }, Duration.ofSeconds(30));
                    long readyAfter = (System.nanoTime() - back) / 1_000_000;
                    System.out.printf("postgresql restarted: resume data saved again %d ms later, readiness UP "
                            + "%d ms later%n", savedAfter, readyAfter);

                    // 4. kill -9 of bitquark after the recovery: restored from what was saved since.
                    long before = awaitVerified(api, id, api.torrent(id).getLong("verifiedBytes") + (4L << 20));
                    assertTrue(before < SIZE - (8L << 20), "the second kill falls inside the download: " + before);
                    killAndRestart(server, api, id, before, "kill -9 after postgresql came back");
                    assertEquals(2097152, api.torrent(id).getLong("downloadLimit"), "the limit was kept in PostgreSQL");
                    api.putJson("/api/v1/torrents/" + id + "/limits", "{\"downloadLimit\":0}");
                    api.await(id, t -> t.getBoolean("finished"), Duration.ofSeconds(60));
                }
                assertEquals(Payloads.sha1(payload), Payloads.sha1(srv.resolve("downloads").resolve("pg.bin")));

                // 5. Restart after completion, by SIGTERM and by kill -9: seeding, 100 %, spot check only, totals kept,
                // and what organizes it (category, tags, its own goal, the queue and default goals) too.
                api.sendJson("POST", "/api/v1/categories", "{\"name\":\"linux\",\"folder\":\"isos\"}");
                api.sendJson("PATCH", "/api/v1/torrents/" + id, "{\"category\":\"linux\",\"tags\":[\"lts\",\"x\"],"
                        + "\"seedGoals\":{\"ratio\":1000}}");
                api.putJson("/api/v1/settings", "{\"queueing\":true,\"maxActiveSeeds\":5,\"seedTimeLimitMinutes\":"
                        + "100000}");
                JsonObject done = api.torrent(id);
                for (boolean graceful : new boolean[] {true, false}) {
                    if (graceful) {
                        server.terminate(Duration.ofSeconds(30));
                    } else {
                        Thread.sleep(1500); // one save interval
                        server.kill9();
                    }
                    server.start();
                    JsonObject t = api.awaitChecked(id, Duration.ofSeconds(60));
                    assertEquals("live", t.getString("state"), t.encode());
                    assertTrue(t.getBoolean("finished") && t.getDouble("progress") == 1.0, t.encode());
                    assertTrue(t.getBoolean("fastResumed") && t.getLong("checkedPieces") <= 16, "no recheck: " + t);
                    assertEquals(done.getLong("downloadedTotal"), t.getLong("downloadedTotal"), t.encode());
                    assertEquals(done.getLong("uploadedTotal"), t.getLong("uploadedTotal"), t.encode());
                    assertEquals("linux", t.getString("category"), t.encode());
                    assertEquals(List.of("lts", "x"), t.getJsonArray("tags").getList(), t.encode());
                    assertEquals(1000.0, t.getJsonObject("seedGoals").getDouble("ratio"), t.encode());
                    JsonObject settings = api.getJson("/api/v1/settings").getJsonObject("editable");
                    assertEquals(true, settings.getBoolean("queueing"), settings.encode());
                    assertEquals(100000, settings.getLong("seedTimeLimitMinutes"), settings.encode());
                }
                server.terminate(Duration.ofSeconds(30));
            }
        }
    }

    /** kill -9, start again, and check the fast resume and the bound on what is fetched again. */
    private static void killAndRestart(ServerProcess server, ServerApi api, String id, long before, String what)
            throws Exception {
        server.kill9();
        long t0 = System.nanoTime();
        server.start();
        JsonObject t = api.awaitChecked(id, Duration.ofSeconds(60));
        long kept = t.getLong("verifiedBytes");
        System.out.printf("postgresql session, %s: verified %d MiB before, %d MiB kept (%d MiB to fetch again); "
                        + "fast resume=%s, pieces hashed=%d of %d, live %d ms after exec%n", what, before >> 20,
                kept >> 20, Math.max(0, before - kept) >> 20, t.getBoolean("fastResumed"), t.getLong("checkedPieces"),
                t.getLong("pieceCount"), (System.nanoTime() - t0) / 1_000_000);
        assertEquals("live", t.getString("state"), t.encode());
        assertTrue(t.getBoolean("fastResumed"), "restored without a full recheck: " + t + "\n" + server.log());
        assertTrue(t.getLong("checkedPieces") < t.getLong("pieceCount") / 2, "spot check and unsynced pieces only: " + t);
        assertTrue(kept >= before - MAX_REFETCH, "at most the pieces in flight fetched again: " + t);
    }

    private static long awaitVerified(ServerApi api, String id, long atLeast) throws Exception {
        return api.await(id, t -> t.getLong("verifiedBytes") >= atLeast, Duration.ofSeconds(60)).getLong("verifiedBytes");
    }

    /** Bytes the resume row in PostgreSQL claims (durable pieces), or -1 without a row; fails if the server is down. */
    private static long storedBytes(PostgresServer pg, String db, String id) throws Exception {
        try (Connection c = pg.dataSource(db).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT have FROM resume WHERE info_hash = ?")) {
            ps.setBytes(1, HexFormat.of().parseHex(id));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                long pieces = 0;
                for (byte b : rs.getBytes(1)) {
                    pieces += Integer.bitCount(b & 0xff);
                }
                return pieces * PIECE;
            }
        }
    }
}
