package dev.bitquark.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm clients people build on, {@code @ctrl/qbittorrent} and {@code @ctrl/transmission}, run with
 * {@code node --test} against the packaged server (one fresh server each): log in, version gating, add a
 * .torrent and a magnet link that a real libtorrent seeder serves (found through a local opentracker), list,
 * stop and start, category and tags or labels, remove with data. The scripts are in {@code src/test/js/compat}.
 */
class NpmClientsIT {
    static final String PASSWORD = "npm-clients-it-password";
    static final Path CLIENTS = Path.of("src/test/js/compat");

    @TempDir
    Path work;

    @BeforeAll
    static void installClients() throws Exception {
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
    }

    /** Runs {@code cmd} in the clients' folder; returns its output, failing on a non-zero exit. */
    private static String run(List<String> cmd, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(CLIENTS.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        reader.join(10_000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        assertEquals(0, p.isAlive() ? -1 : p.exitValue(), String.join(" ", cmd) + ":\n" + text);
        return text;
    }

    @Test
    void theQbittorrentClientWorksAgainstTheServer() throws Exception {
        clientAgainstServer("qbittorrent.test.mjs");
    }

    @Test
    void theTransmissionClientWorksAgainstTheServer() throws Exception {
        clientAgainstServer("transmission.test.mjs");
    }

    private void clientAgainstServer(String script) throws Exception {
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Path file = Payloads.singleFile(seedDir, "Episode.S01E01.mkv", 1_500_000, 3);
        Path magnetData = Payloads.multiFile(seedDir, "Season.Pack", 3, 2, 200_000);
        Path torrent = work.resolve("episode.torrent");
        Path magnetTorrent = work.resolve("pack.torrent");
        Path downloads = work.resolve("downloads");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            String hash = LibtorrentPeer.makeTorrent(work, file, torrent, 32768, tracker.httpAnnounceUrl());
            String magnetHash = LibtorrentPeer.makeTorrent(work, magnetData, magnetTorrent, 16384,
                    tracker.httpAnnounceUrl());
            tracker.allow(hash);
            tracker.allow(magnetHash);
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent, magnetTorrent);
                 ServerProcess server = new ServerProcess(work.resolve("server"), Map.of(
                         "BITQUARK_AUTH_PASSWORD", PASSWORD, "BITQUARK_DOWNLOAD_DIR", downloads.toString())).start()) {
                Map<String, String> env = new HashMap<>();
                env.put("BQ_URL", server.url(""));
                env.put("BQ_PASSWORD", PASSWORD);
                env.put("BQ_TORRENT", torrent.toString());
                env.put("BQ_HASH", hash);
                env.put("BQ_NAME", "Episode.S01E01.mkv");
                env.put("BQ_MAGNET", "magnet:?xt=urn:btih:" + magnetHash.toUpperCase(java.util.Locale.ROOT)
                        + "&dn=Season.Pack&tr=" + java.net.URLEncoder.encode(tracker.httpAnnounceUrl(),
                        StandardCharsets.UTF_8) + "&x.pe=" + seeder.address());
                env.put("BQ_MAGNET_HASH", magnetHash);
                env.put("BQ_MAGNET_NAME", "Season.Pack");
                env.put("BQ_DOWNLOADS", downloads.toAbsolutePath().normalize().toString());
                run(List.of("node", "--test", "--test-reporter=spec", script), env, 240);
            }
        }
    }
}
