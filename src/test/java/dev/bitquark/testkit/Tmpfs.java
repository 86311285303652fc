package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tiny tmpfs for real "no space left on device" errors. Mounting needs root (CI runs as root);
 * elsewhere the calling test is skipped through an assumption. {@link #close()} unmounts.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path path;

    private Tmpfs(Path path) {
        this.path = path;
    }

    /** Mounts a tmpfs of {@code size} (e.g. "1m", "256k") on {@code dir}, creating it. */
    public static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting needs root");
        Files.createDirectories(dir);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mount -t tmpfs failed");
        return new Tmpfs(dir);
    }

    /** Changes the size limit in place (files are kept), e.g. to free space after a "disk full". */
    public void resize(String size) throws IOException, InterruptedException {
        assertEquals(0, run("mount", "-o", "remount,size=" + size, path.toString()), "remount " + path);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        assertEquals(0, run("umount", path.toString()), "umount " + path);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
