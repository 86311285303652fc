package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bitquark download} run as the README says ({@code target/quarkus-app/bitquark download ...}, the launcher): what the
 * user sees on the terminal and the exit status. Regressions: four JVM {@code sun.misc.Unsafe} warnings before every
 * progress line; a magnet with no peer source waiting for ever at "100.0%"; a fetch error ending in ": null";
 * {@code --listen-port 99999} exiting 1 instead of 2 (bad input).
 */
class DownloadCliIT {
    @TempDir
    Path work;

    private record Run(int code, String output) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return runWithCache("none", args);
    }

    /** Through the launcher beside the jar, on the JVM running the tests, with its AOT cache in {@code cache}. */
    private Run runWithCache(String cache, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bitquark.server.jar", "target/quarkus-app/quarkus-run.jar"));
        List<String> cmd = new ArrayList<>(List.of(jar.toAbsolutePath().resolveSibling("bitquark").toString(), "download"));
        cmd.addAll(List.of(args));
        Path log = work.resolve("out-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BITQUARK_JAVA", ProcessHandle.current().info().command().orElse("java"));
        pb.environment().put("BITQUARK_AOT_CACHE", cache);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not end");
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void assertNoJvmWarnings(Run r) {
        assertFalse(r.output().contains("WARNING"), "no JVM warnings for the user:\n" + r.output());
        assertFalse(r.output().contains("Unsafe"), r.output());
    }

    @Test
    void aMagnetWithNoPeerSourceSaysWhatIsMissingAtOnce() throws Exception {
        Run r = run("magnet:?xt=urn:btih:" + "12".repeat(20) + "&dn=lonely", "--output", work.resolve("o").toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("no tracker (tr=) and no peer (x.pe=)"), r.output());
        assertTrue(r.output().contains("--initial-peers"), r.output());
        assertFalse(r.output().contains("100.0%"), r.output());
    }

    @Test
    void aMagnetWhoseMetadataNeverComesGivesUpAfterTheTimeoutWithoutJvmWarnings() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // closed again: nobody answers there
        }
        Run r = run("magnet:?xt=urn:btih:" + "34".repeat(20) + "&dn=gone&x.pe=127.0.0.1:" + dead,
                "--output", work.resolve("o").toString(), "--bind", "127.0.0.1", "--metadata-timeout", "3");
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("no peer sent the torrent's metadata within 3 s"), r.output());
        assertTrue(r.output().contains("fetching metadata"), r.output());
        assertFalse(r.output().contains("100.0%"), r.output());
        assertNoJvmWarnings(r);
    }

    @Test
    void aFetchThatFailsSaysWhy() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Run r = run("http://127.0.0.1:" + dead + "/x.torrent");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("connection refused"), r.output());
        assertFalse(r.output().contains("null"), r.output());
    }

    @Test
    void badOptionValuesAreBadInput() throws Exception {
        Run port = run("x.torrent", "--listen-port", "99999");
        assertEquals(2, port.code(), port.output());
        assertTrue(port.output().contains("--listen-port must be 0"), port.output());
        Run timeout = run("x.torrent", "--metadata-timeout", "-1");
        assertEquals(2, timeout.code(), timeout.output());
    }

    /**
     * The launcher's JDK 25 ahead-of-time cache: the first run records, the next one turns the record into the
     * cache and every later run maps it, with the same output and status each time (a cache that did not fit
     * would be a JVM warning on every start).
     */
    @Test
    void theLauncherRecordsThenUsesItsAheadOfTimeCache() throws Exception {
        Path cache = work.resolve("aot");
        String[] args = {"magnet:?xt=urn:btih:" + "56".repeat(20) + "&dn=lonely", "--output", work.resolve("o").toString()};
        Run first = runWithCache(cache.toString(), args);
        assertEquals(2, first.code(), first.output());
        if (Runtime.version().feature() < 25) {
            return; // the launcher uses the cache on JDK 25 and later only
        }
        assertTrue(hasFile(cache, ".aot.config"), "the first run records: " + first.output());
        Run second = runWithCache(cache.toString(), args);
        assertEquals(2, second.code(), second.output());
        assertTrue(hasFile(cache, ".aot") && !hasFile(cache, ".aot.config"), "the second run makes the cache");
        Run third = runWithCache(cache.toString(), args);
        assertEquals(2, third.code(), third.output());
        assertEquals(second.output(), third.output());
        assertNoJvmWarnings(third);
        assertTrue(third.output().contains("no tracker (tr=) and no peer (x.pe=)"), third.output());
    }

    private static boolean hasFile(Path dir, String suffix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
        }
    }
}
