package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged state files in the data folder of the packaged server. One real session of three complete
 * torrents is made once (downloaded from a libtorrent seeder, seeded to libtorrent leechers, stopped
 * with SIGTERM); each case starts
 * a server on a fresh copy of its data folder with one kind of damage (an empty file, a truncated
 * one, random bytes) in one place: both generations of the session list, both generations of one
 * torrent's resume data, or only the newest generation of both. Every time the server becomes
 * ready, lists every torrent, ends with each complete (from the previous generation, or after a
 * full check), and its log names the problem.
 */
class CorruptStateIT {
    static final String PASSWORD = "corrupt-state-it-password";
    static final int SIZE = 4 << 20;
    static final int PIECE = 64 * 1024;
    static final int PIECES = SIZE / PIECE;

    @TempDir
    static Path work;
    static Path golden;
    static Path downloads;
    static final List<String> ids = new ArrayList<>();

    /** Where the damage goes. */
    enum Target {
        /** session.bq and session.bq.1: the list is rebuilt from torrents/. */
        SESSION_LIST,
        /** Both generations of the second torrent's resume data: that torrent is checked in full. */
        RESUME_DATA,
        /** session.bq and the second torrent's .resume only: both fall back to their .1. */
        NEWEST_GENERATION
    }

    /** How the file is damaged, and the words the log uses for it. */
    enum Damage {
        EMPTY("empty (0 bytes)"),
        TRUNCATED("truncated"),
        RANDOM_BYTES("not a bitquark state file");

        final String logged;

        Damage(String logged) {
            this.logged = logged;
        }

        void apply(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            switch (this) {
                case EMPTY -> Files.write(file, new byte[0]);
                case TRUNCATED -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                case RANDOM_BYTES -> {
                    byte[] noise = new byte[bytes.length];
                    new Random(file.getFileName().toString().hashCode()).nextBytes(noise);
                    Files.write(file, noise);
                }
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Target t : Target.values()) {
            for (Damage d : Damage.values()) {
                all.add(Arguments.of(t, d));
            }
        }
        return all.stream();
    }

    /** The shared session: three 4 MiB torrents downloaded from libtorrent, then a graceful stop. */
    @BeforeAll
    static void makeSession() throws Exception {
        Path seedDir = work.resolve("seed");
        List<Path> torrents = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Path payload = Payloads.singleFile(seedDir, name + ".bin", SIZE, name.charAt(0));
            Path t = work.resolve(name + ".torrent");
            Files.write(t, TorrentWriter.singleFile(payload).pieceLength(PIECE).write());
            torrents.add(t);
        }
        downloads = work.resolve("downloads");
        Path srv = work.resolve("original");
        try (ServerProcess server = new ServerProcess(srv, env(srv.resolve("data"))).start()) {
            ServerApi api = new ServerApi(server, PASSWORD);
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of("127.0.0.1:" + server.peerPort()),
                    torrents.toArray(Path[]::new))) {
                for (Path t : torrents) {
                    ids.add(api.add(Files.readAllBytes(t)));
                }
                for (String id : ids) {
                    api.await(id, t -> t.getBoolean("finished"), Duration.ofSeconds(60));
                }
            }
            // Both generations of every resume file are to hold the complete state: the periodic save
            // after completion, then the final save of the graceful stop. Unchanged resume data is not
            // saved again, so the torrents seed first: their uploaded totals make the final save differ.
            Thread.sleep(1500);
            List<LibtorrentPeer> leechers = new ArrayList<>();
            try {
                for (Path t : torrents) {
                    leechers.add(LibtorrentPeer.leech(work, work.resolve("leech"),
                            List.of("127.0.0.1:" + server.peerPort()), t));
                }
                for (LibtorrentPeer l : leechers) {
                    l.awaitDone(Duration.ofSeconds(60));
                }
            } finally {
                leechers.forEach(LibtorrentPeer::close);
            }
            for (String id : ids) {
                api.await(id, t -> t.getLong("uploadedTotal") >= SIZE, Duration.ofSeconds(30));
            }
            server.terminate(Duration.ofSeconds(30));
        }
        golden = srv.resolve("data");
        for (String id : ids) {
            for (Path p : List.of(resumeFile(golden, id), previous(resumeFile(golden, id)))) {
                AtomicFile.Loaded<ResumeData> r = new AtomicFile(p).read(ResumeDataCodec::decode);
                assertEquals(AtomicFile.Generation.CURRENT, r.generation(), p + ": " + r.problems());
                assertEquals(PIECES, Bitfield.fromBytes(r.value().have(), PIECES).cardinality(),
                        p + " claims every piece");
                assertTrue(r.value().completedAtMillis() > 0 && !r.value().paused(), p + ": complete and not paused");
            }
        }
        assertTrue(Files.exists(previous(golden.resolve("session.bq"))), "the session list has a previous generation");
        for (Path t : torrents) {
            String name = t.getFileName().toString().replace(".torrent", ".bin");
            assertEquals(Payloads.sha1(seedDir.resolve(name)), Payloads.sha1(downloads.resolve(name)));
        }
    }

    private static Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("BITQUARK_AUTH_PASSWORD", PASSWORD);
        env.put("BITQUARK_DATA_DIR", dataDir.toString());
        env.put("BITQUARK_DOWNLOAD_DIR", downloads.toString());
        return env;
    }

    private static Path resumeFile(Path dataDir, String id) {
        return dataDir.resolve("resume").resolve(id + ".resume");
    }

    private static Path previous(Path p) {
        return p.resolveSibling(p.getFileName() + ".1");
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("cases")
    void restartsWithEveryTorrentDespiteDamagedState(Target target, Damage damage) throws Exception {
        Path caseDir = work.resolve("case-" + target + "-" + damage);
        Path data = caseDir.resolve("data");
        copyTree(golden, data);
        String damaged = ids.get(1);
        Path sessionList = data.resolve("session.bq");
        Path resume = resumeFile(data, damaged);
        List<Path> victims = switch (target) {
            case SESSION_LIST -> List.of(sessionList, previous(sessionList));
            case RESUME_DATA -> List.of(resume, previous(resume));
            case NEWEST_GENERATION -> List.of(sessionList, resume);
        };
        for (Path v : victims) {
            damage.apply(v);
        }

        try (ServerProcess server = new ServerProcess(caseDir, env(data))) {
            long t0 = System.nanoTime();
            server.start(); // bounded: fails with the log unless /q/health/ready is UP within 60 s
            ServerApi api = new ServerApi(server, PASSWORD);
            HttpResponse<String> ready = api.readiness();
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals(3, bitquarkCheck(ready.body()).getJsonObject("data").getInteger("torrents"), ready.body());
            JsonArray listed = api.torrents();
            List<String> listedIds = listed.stream().map(o -> ((JsonObject) o).getString("id")).sorted().toList();
            assertEquals(ids.stream().sorted().toList(), listedIds, "every torrent is listed");

            Map<String, JsonObject> after = new HashMap<>();
            for (String id : ids) {
                JsonObject t = api.await(id, x -> x.getBoolean("finished") && "live".equals(x.getString("state")),
                        Duration.ofSeconds(30));
                assertEquals(1.0, t.getDouble("progress"), 1e-9, t.encode());
                after.put(id, t);
            }
            long settled = (System.nanoTime() - t0) / 1_000_000;
            JsonObject victim = after.get(damaged);
            String log = server.logSinceStart();
            System.out.printf("corrupt state: %s %s -> ready, 3 listed, all complete %d ms after exec; damaged "
                            + "torrent fastResumed=%s, pieces hashed %d of %d%n", damage, target, settled,
                    victim.getBoolean("fastResumed"), victim.getLong("checkedPieces"), PIECES);
            for (String id : ids) {
                if (!(target == Target.RESUME_DATA && id.equals(damaged))) {
                    assertTrue(after.get(id).getBoolean("fastResumed"), "intact resume data used: " + after.get(id));
                }
            }
            switch (target) {
                case SESSION_LIST -> {
                    assertLogged(log, "session.bq: " + damage.logged);
                    assertLogged(log, "session.bq.1: " + damage.logged);
                    for (String id : ids) {
                        assertLogged(log, "torrent " + id + " was not in the session list");
                    }
                }
                case RESUME_DATA -> {
                    assertFalse(victim.getBoolean("fastResumed"), "no usable resume data: full check: " + victim);
                    assertEquals(PIECES, victim.getLong("checkedPieces"), "every piece hashed: " + victim);
                    assertLogged(log, damaged + ": resume data unusable, full check needed");
                    assertLogged(log, damaged + ".resume: " + damage.logged);
                    assertLogged(log, damaged + ".resume.1: " + damage.logged);
                }
                case NEWEST_GENERATION -> {
                    assertLogged(log, "session.bq: " + damage.logged);
                    assertLogged(log, "used the previous generation session.bq.1");
                    assertLogged(log, damaged + ": resume data from the previous generation (" + damaged + ".resume: "
                            + damage.logged);
                    assertTrue(victim.getLong("checkedPieces") < PIECES / 2, "spot check only: " + victim);
                }
            }
            // The repaired state is saved again: a second start is clean.
            server.terminate(Duration.ofSeconds(30));
            server.start();
            String second = server.logSinceStart();
            assertFalse(second.contains("previous generation") || second.contains("unusable")
                    || second.contains("not in the session list"), "second start is clean:\n" + second);
            for (String id : ids) {
                JsonObject t = api.await(id, x -> x.getBoolean("finished"), Duration.ofSeconds(30));
                assertTrue(t.getBoolean("fastResumed"), "restored from the repaired state: " + t);
            }
            server.terminate(Duration.ofSeconds(30));
        }
    }

    private static JsonObject bitquarkCheck(String readinessBody) {
        for (Object o : new JsonObject(readinessBody).getJsonArray("checks")) {
            JsonObject c = (JsonObject) o;
            if ("bitquark".equals(c.getString("name"))) {
                return c;
            }
        }
        throw new AssertionError("no bitquark readiness check in " + readinessBody);
    }

    private static void assertLogged(String log, String text) {
        assertTrue(log.contains(text), "the log says \"" + text + "\":\n" + log);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
