package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server starts, becomes ready, and leaves quickly on SIGTERM (Kubernetes stop). */
class ServerShutdownIT {
    @TempDir
    Path work;

    @Test
    void exitsWellInsideTheGracePeriodOnSigterm() throws Exception {
        try (ServerProcess server = new ServerProcess(work, Map.of())) {
            long t0 = System.nanoTime();
            server.start();
            Duration toReady = Duration.ofNanos(System.nanoTime() - t0);
            long rss = server.rssKiB();
            Duration exit = server.terminate(Duration.ofSeconds(30));
            System.out.printf("server: ready in %d ms, RSS %d MiB at ready, SIGTERM exit in %d ms%n",
                    toReady.toMillis(), rss / 1024, exit.toMillis());
            assertTrue(exit.compareTo(Duration.ofSeconds(20)) < 0, "exit took " + exit);
        }
    }
}
