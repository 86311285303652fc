package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentWriter;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real "no space left on device" in the packaged server, in both of its folders. The download
 * folder is a 48 MiB tmpfs and the torrent (from a real libtorrent seeder) is 64 MiB; the data folder
 * is a second, tiny tmpfs, filled up early in the download. The torrent must stop in {@code error}
 * with that reason, keeping what it downloaded; saves fail, readiness stays UP and says why, the
 * session files stay valid (no torn file, previous generation kept, no temporary file left) and the
 * server stops and starts again on them. Once the data folder has room, the error is saved and
 * survives a kill -9; once the download folder has room, {@code resume} finishes the download
 * byte-exact.
 */
class DiskFullIT {
    static final String PASSWORD = "disk-full-it-password";
    static final long SIZE = 64L << 20;
    static final int PIECE = 256 * 1024;
    /** Seeder upload rate: the 48 MiB take about 3 s, so the data folder fills up well before. */
    static final long RATE = 16L << 20;

    @TempDir
    Path work;

    @Test
    void stopsInErrorWhenTheDisksAreFullKeepsTheSessionValidAndFinishesOnceSpaceIsFreed() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "big.bin", SIZE, 23);
        Path torrentFile = work.resolve("big.torrent");
        Files.write(torrentFile, TorrentWriter.singleFile(payload).pieceLength(PIECE).write());
        Path srv = work.resolve("srv");
        try (Tmpfs downloads = Tmpfs.mount(srv.resolve("downloads"), "48m");
             Tmpfs data = Tmpfs.mount(srv.resolve("data"), "4m");
             ServerProcess server = new ServerProcess(srv, Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))) {
            server.start();
            ServerApi api = new ServerApi(server, PASSWORD);
            // No tracker: the seeder dials the server (again every second, also after a restart).
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir,
                    List.of("127.0.0.1:" + server.peerPort()), RATE, torrentFile)) {
                String id = api.add(Files.readAllBytes(torrentFile));
                Path resumeFile = data.path().resolve("resume").resolve(id + ".resume");

                // 1. The data folder fills up during the download, then the download folder.
                api.await(id, t -> t.getLong("verifiedBytes") >= 8L << 20, Duration.ofSeconds(30));
                api.awaitTrue("some progress saved", () -> {
                    ResumeData r = readResume(resumeFile);
                    return r != null && Bitfield.fromBytes(r.have(), r.pieceCount()).cardinality() > 0;
                }, Duration.ofSeconds(10));
                long filled = fill(data.path().resolve("filler"));
                JsonObject failed = api.await(id, t -> "error".equals(t.getString("state")), Duration.ofSeconds(60));
                String reason = failed.getString("error");
                System.out.printf("disk full: data folder filled (%d KiB) at 8 MiB; torrent stopped in error at %d of "
                        + "%d MiB verified: %s%n", filled >> 10, failed.getLong("verifiedBytes") >> 20, SIZE >> 20, reason);
                assertTrue(reason.startsWith("no space left on device: "), failed.encode());
                assertFalse(reason.contains("NO_SPACE"), "the reason is said once, in words: " + reason);
                assertTrue(reason.contains("big.bin"), "the reason names the file: " + reason);
                assertFalse(failed.getBoolean("finished"), failed.encode());
                assertTrue(failed.getLong("verifiedBytes") >= 32L << 20,
                        "the pieces written before the disk filled are kept: " + failed);
                long verifiedAtError = failed.getLong("verifiedBytes");
                api.awaitTrue("the failed save logged", () -> server.logSinceStart()
                        .contains("saving resume data of " + id + " failed"), Duration.ofSeconds(10));
                assertTrue(server.logSinceStart().contains("(no space left on device)"), server.log());
                HttpResponse<String> ready = api.readiness();
                assertEquals(200, ready.statusCode(), "still serving: " + ready.body());
                assertTrue(ready.body().contains("\"lastSaveError\"") && ready.body().contains("no space left on device"),
                        "readiness says why saves fail: " + ready.body());
                assertValidState(data.path(), resumeFile);

                // 2. SIGTERM with both folders full: the final save fails, the files stay as they were.
                Duration stop = server.terminate(Duration.ofSeconds(30));
                assertTrue(server.logSinceStart().contains("(no space left on device)"), server.log());
                assertValidState(data.path(), resumeFile);
                ResumeData kept = readResume(resumeFile);
                assertEquals(null, kept.error(), "the last state saved is from before the disk filled");
                long claimed = (long) Bitfield.fromBytes(kept.have(), kept.pieceCount()).cardinality() * PIECE;
                assertTrue(claimed < verifiedAtError, "saved " + claimed + " of " + verifiedAtError);

                // 3. Restart with both folders still full: ready on the older state, and in error again.
                long t0 = System.nanoTime();
                server.start();
                JsonObject again = api.await(id, t -> "error".equals(t.getString("state")), Duration.ofSeconds(60));
                System.out.printf("disk full: SIGTERM exit in %d ms with both folders full; restarted on the last "
                                + "saved state (%d MiB claimed): fastResumed=%s, in error again after %d ms at %d MiB%n",
                        stop.toMillis(), claimed >> 20, again.getBoolean("fastResumed"),
                        (System.nanoTime() - t0) / 1_000_000, again.getLong("verifiedBytes") >> 20);
                assertTrue(again.getString("error").startsWith("no space left on device: "), again.encode());
                assertTrue(again.getBoolean("fastResumed"), "the last saved resume data was used: " + again);

                // 4. Room in the data folder: the error is saved, and survives a kill -9.
                Files.delete(data.path().resolve("filler"));
                api.awaitTrue("the error saved", () -> {
                    ResumeData r = readResume(resumeFile);
                    return r != null && r.error() != null && r.error().startsWith("no space left on device");
                }, Duration.ofSeconds(10));
                api.awaitTrue("readiness without a save error",
                        () -> !api.readiness().body().contains("lastSaveError"), Duration.ofSeconds(10));
                server.kill9();
                server.start();
                JsonObject restored = api.torrent(id);
                System.out.printf("disk full: kill -9 and restart while in error: state %s, error \"%s\"%n",
                        restored.getString("state"), restored.getString("error"));
                assertEquals("error", restored.getString("state"), restored.encode());
                assertTrue(restored.getString("error").startsWith("no space left on device: "), restored.encode());

                // 5. Room in the download folder, resume: the download finishes byte-exact.
                downloads.resize("128m");
                long t1 = System.nanoTime();
                api.action(id, "resume");
                JsonObject resumed = api.awaitChecked(id, Duration.ofSeconds(30));
                assertEquals("live", resumed.getString("state"), resumed.encode());
                assertTrue(resumed.getBoolean("fastResumed"), "the saved resume data was used: " + resumed);
                JsonObject done = api.await(id, t -> t.getBoolean("finished"), Duration.ofSeconds(60));
                System.out.printf("disk full: after freeing space, resumed with %d MiB kept (%d pieces hashed), "
                                + "finished in %d ms%n", resumed.getLong("verifiedBytes") >> 20,
                        resumed.getLong("checkedPieces"), (System.nanoTime() - t1) / 1_000_000);
                assertEquals(1.0, done.getDouble("progress"), 1e-9, done.encode());
                assertEquals(Payloads.sha1(payload), Payloads.sha1(downloads.path().resolve("big.bin")));
                api.awaitTrue("the error cleared in the saved resume data",
                        () -> readResume(resumeFile).error() == null, Duration.ofSeconds(10));
                server.terminate(Duration.ofSeconds(30));
            }
        }
    }

    /** The resume data of the current generation, or null if it is not there or not valid. */
    private static ResumeData readResume(Path resumeFile) {
        AtomicFile.Loaded<ResumeData> l = new AtomicFile(resumeFile).read(ResumeDataCodec::decode);
        return l.generation() == AtomicFile.Generation.CURRENT ? l.value() : null;
    }

    /** Both generations of the session list and of the resume data are whole; no temporary file is left. */
    private static void assertValidState(Path dataDir, Path resumeFile) throws IOException {
        for (Path p : List.of(dataDir.resolve("session.bq"), resumeFile)) {
            AtomicFile f = new AtomicFile(p);
            assertEquals(AtomicFile.Generation.CURRENT, f.read().generation(), p + ": " + f.read().problems());
        }
        // A resume file is saved many times: its previous generation exists and is whole too.
        Path previous = new AtomicFile(resumeFile).previousPath();
        assertEquals(AtomicFile.Generation.CURRENT, new AtomicFile(previous).read().generation(),
                previous + " is valid");
        assertNotNull(readResume(resumeFile));
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> tmp = files.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left behind: " + tmp);
        }
    }

    /** Writes {@code file} until the file system is full; returns how many bytes fitted. */
    private static long fill(Path file) {
        long written = 0;
        byte[] big = new byte[1 << 20];
        byte[] small = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] buf : new byte[][] {big, small}) {
                while (true) {
                    try {
                        out.write(buf);
                        out.flush();
                        written += buf.length;
                    } catch (IOException full) {
                        break;
                    }
                }
            }
        } catch (IOException closedFull) {
            // The last partial write may fail again on close: the folder is full either way.
        }
        return written;
    }
}
