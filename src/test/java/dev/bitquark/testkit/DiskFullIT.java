package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.interop.LibtorrentPeer;
import dev.bitquark.interop.Payloads;
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
 * A real "no space left on device" in the packaged server. The download folder is a 48 MiB tmpfs and
 * the torrent (from a real libtorrent seeder) is 64 MiB: the torrent must stop in {@code error} with
 * that reason, keeping what it downloaded. The data folder is a second, tiny tmpfs, filled up while
 * the torrent is in error: saves fail, but the session files stay valid (no torn file, previous
 * generation kept, no temporary file left), the server still stops and starts again, and the torrent
 * comes back in {@code error} with its reason. Once space is freed, {@code resume} finishes the
 * download byte-exact.
 */
class DiskFullIT {
    static final String PASSWORD = "disk-full-it-password";
    static final long SIZE = 64L << 20;
    static final int PIECE = 256 * 1024;

    @TempDir
    Path work;

    @Test
    void stopsInErrorWhenTheDiskIsFullKeepsTheSessionValidAndFinishesOnceSpaceIsFreed() throws Exception {
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
                    List.of("127.0.0.1:" + server.peerPort()), torrentFile)) {
                String id = api.add(Files.readAllBytes(torrentFile));
                Path resumeFile = data.path().resolve("resume").resolve(id + ".resume");

                // 1. The download folder fills up: error with the reason, the pieces so far kept.
                JsonObject failed = api.await(id, t -> "error".equals(t.getString("state")), Duration.ofSeconds(60));
                String reason = failed.getString("error");
                System.out.printf("disk full: torrent stopped in error at %d of %d MiB verified: %s%n",
                        failed.getLong("verifiedBytes") >> 20, SIZE >> 20, reason);
                assertTrue(reason.startsWith("no space left on device: "), failed.encode());
                assertFalse(reason.contains("NO_SPACE"), "the reason is said once, in words: " + reason);
                assertTrue(reason.contains("big.bin"), "the reason names the file: " + reason);
                assertFalse(failed.getBoolean("finished"), failed.encode());
                assertTrue(failed.getLong("verifiedBytes") >= 32L << 20,
                        "the pieces written before the disk filled are kept: " + failed);
                api.awaitTrue("resume data saved with the error", () -> {
                    ResumeData r = readResume(resumeFile);
                    return r != null && r.error() != null;
                }, Duration.ofSeconds(10));

                // 2. The data folder fills up too: saves fail, the state files stay as they were.
                long filled = fill(data.path().resolve("filler"));
                ResumeData beforeStop = readResume(resumeFile);
                Duration stop = server.terminate(Duration.ofSeconds(30));
                String stopLog = server.logSinceStart();
                System.out.printf("disk full: data folder filled (%d KiB more), SIGTERM exit in %d ms%n",
                        filled >> 10, stop.toMillis());
                assertTrue(stopLog.contains("no space left on device"),
                        "the failed final save is logged with its reason:\n" + server.log());
                assertValidState(data.path(), resumeFile);
                assertEquals(beforeStop.error(), readResume(resumeFile).error(), "the saved state is unchanged");

                // 3. Restart with both folders still full: ready, and the torrent is back in error, unchecked.
                server.start();
                JsonObject restored = api.torrent(id);
                System.out.printf("disk full: restarted with both folders full: state %s, error \"%s\"%n",
                        restored.getString("state"), restored.getString("error"));
                assertEquals("error", restored.getString("state"), restored.encode());
                assertTrue(restored.getString("error").contains("no space left"), restored.encode());
                HttpResponse<String> ready = api.readiness();
                assertEquals(200, ready.statusCode(), ready.body());

                // 4. Free the space, resume: the download finishes byte-exact.
                Files.delete(data.path().resolve("filler"));
                downloads.resize("128m");
                long t0 = System.nanoTime();
                api.action(id, "resume");
                JsonObject resumed = api.awaitChecked(id, Duration.ofSeconds(30));
                assertEquals("live", resumed.getString("state"), resumed.encode());
                assertTrue(resumed.getBoolean("fastResumed"), "the saved resume data was used: " + resumed);
                JsonObject done = api.await(id, t -> t.getBoolean("finished"), Duration.ofSeconds(60));
                System.out.printf("disk full: after freeing space, resumed with %d MiB kept (%d pieces hashed), "
                                + "finished in %d ms%n", resumed.getLong("verifiedBytes") >> 20,
                        resumed.getLong("checkedPieces"), (System.nanoTime() - t0) / 1_000_000);
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
