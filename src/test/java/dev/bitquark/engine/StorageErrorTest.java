package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitForState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * A write failure moves the torrent to ERROR with a clear reason and keeps its pieces; resume()
 * after the cause is fixed finishes the download. The failure is made real: a tiny tmpfs (root,
 * where mounting works), a read-only folder (non-root), or else a file where a folder must go.
 */
@LoopbackSwarm
class StorageErrorTest {
    @TempDir
    Path work;

    /** One way to make writes under {@code dir} fail, and to undo it. */
    private interface Obstacle extends AutoCloseable {
        String expectedReason();

        void fix() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @Test
    void writeFailureMovesToErrorAndResumeAfterTheFixFinishes() throws Exception {
        byte[] data = payload(3_000_000, 51);
        Metainfo meta = SessionFixture.multiFile("pack", 32768, data);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "pack", data);
        Path out = work.resolve("out");
        Files.createDirectories(out);
        SessionFixture.Recorder events = new SessionFixture.Recorder();
        try (Obstacle obstacle = obstruct(out);
             EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            await(leecher.engine.setListener(events));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            waitForState(h, TorrentState.ERROR);
            TorrentStats failed = stats(h);
            assertTrue(failed.error().startsWith(obstacle.expectedReason()), failed.error());
            for (dev.bitquark.storage.StorageException.Kind k : dev.bitquark.storage.StorageException.Kind.values()) {
                assertFalse(failed.error().contains(k.name() + ":"), "the reason is said once, in words: " + failed.error());
            }
            assertEquals(0, failed.peersConnected(), "no connections, no requests in ERROR");
            assertTrue(events.states().stream().anyMatch(e -> e.startsWith("ERROR: " + obstacle.expectedReason())),
                    events.states().toString());
            int kept = failed.havePieces();

            obstacle.fix();
            await(h.resume());
            assertTrue(stats(h).havePieces() >= kept, "pieces had before the error are kept");
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(data, Files.readAllBytes(out.resolve("pack/f0.bin")));
            assertEquals(TorrentState.LIVE, stats(h).state());
        }
    }

    private Obstacle obstruct(Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString())) {
            return new Obstacle() {
                @Override
                public String expectedReason() {
                    return "no space left on device";
                }

                @Override
                public void fix() throws Exception {
                    assertTrue(run("mount", "-o", "remount,size=16m", dir.toString()), "remount bigger");
                }

                @Override
                public void close() throws Exception {
                    run("umount", "-l", dir.toString());
                }
            };
        }
        if (!root) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new Obstacle() {
                @Override
                public String expectedReason() {
                    return "permission denied";
                }

                @Override
                public void fix() throws Exception {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            };
        }
        Path blocker = dir.resolve("pack"); // a file where the torrent's folder must go
        Files.writeString(blocker, "in the way");
        return new Obstacle() {
            @Override
            public String expectedReason() {
                return "path conflict";
            }

            @Override
            public void fix() throws Exception {
                Files.delete(blocker);
            }
        };
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
