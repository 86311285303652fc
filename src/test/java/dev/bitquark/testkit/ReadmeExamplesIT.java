package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bitquark.metainfo.TorrentWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl examples of the README's API sections, run as written against the packaged server, in
 * README order, in one bash script (so {@code ID=…} carries over). Each {@code curl} runs with
 * {@code --fail-with-body}, so any 4xx/5xx fails the test. Only what cannot run on a test machine
 * is changed: {@code localhost:3030} becomes the test server's address, the release URLs of
 * releases.ubuntu.com point at a local HTTP server with small torrents of the same file names, and
 * media-player lines ({@code vlc}, {@code mpv}) are left out. The .torrent files the examples name
 * ({@code ubuntu.iso.torrent}, {@code debian.iso.torrent}) are small synthetic ones, and the data
 * of the first is already in the download folder, so streaming has bytes to serve.
 */
class ReadmeExamplesIT {
    static final String PASSWORD = "readme-examples-it-password";
    static final String RELEASES = "https://releases.ubuntu.com/24.04/";

    @TempDir
    Path work;

    /** The ```bash blocks between "## API" and the next top-level section. */
    static List<String> apiExamples(String readme) {
        int from = readme.indexOf("\n## API");
        int to = readme.indexOf("\n## ", from + 1);
        String api = readme.substring(from, to);
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = api.indexOf("```bash\n", at)) >= 0) {
            int end = api.indexOf("\n```", at + 8);
            blocks.add(api.substring(at + 8, end + 1));
            at = end + 4;
        }
        return blocks;
    }

    private static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A two-file torrent named {@code name}; its files are written under {@code dataRoot} if not null. */
    private static byte[] torrent(String name, long seed, Path dataRoot) throws IOException {
        byte[] a = payload(300_000, seed);
        byte[] b = payload(200_000, seed + 1);
        if (dataRoot != null) {
            Files.createDirectories(dataRoot.resolve(name));
            Files.write(dataRoot.resolve(name).resolve(name + ".iso"), a);
            Files.write(dataRoot.resolve(name).resolve("intro.mkv"), b);
        }
        return TorrentWriter.multiFile(name).pieceLength(65536)
                .addFile(List.of(name + ".iso"), a).addFile(List.of("intro.mkv"), b).write();
    }

    @Test
    void everyApiExampleOfTheReadmeWorksAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = apiExamples(readme);
        assertTrue(blocks.size() >= 4, "API examples found: " + blocks.size());
        Path srv = work.resolve("srv");
        Path cwd = work.resolve("cwd");
        Files.createDirectories(cwd);
        // The first example adds ubuntu.iso.torrent into <download folder>/linux: its data is there already.
        Files.write(cwd.resolve("ubuntu.iso.torrent"), torrent("ubuntu", 1, srv.resolve("downloads").resolve("linux")));
        Files.write(cwd.resolve("debian.iso.torrent"), torrent("debian", 3, null));
        Map<String, byte[]> releases = Map.of(
                "ubuntu-24.04.3-desktop-amd64.iso.torrent", torrent("ubuntu-desktop", 5, null),
                "ubuntu-24.04.3-live-server-amd64.iso.torrent", torrent("ubuntu-server", 7, null));
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext("/", exchange -> {
            byte[] body = releases.get(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        web.start();
        try (ServerProcess server = new ServerProcess(srv, Map.of("BITQUARK_AUTH_PASSWORD", PASSWORD))) {
            server.start();
            String host = server.url("").replaceFirst("^http://", "").replaceFirst("/$", "");
            StringBuilder script = new StringBuilder("set -euo pipefail\nset -x\n"
                    + "curl() { command curl --fail-with-body --max-time 30 \"$@\"; }\n");
            for (String block : blocks) {
                for (String line : block.replace("\\\n", " ").split("\n")) {
                    String cmd = line.strip();
                    if (cmd.startsWith("vlc ") || cmd.startsWith("mpv ")) {
                        continue; // media players: not on a test machine
                    }
                    script.append(line.replace("localhost:3030", host)
                            .replace(RELEASES, "http://127.0.0.1:" + web.getAddress().getPort() + "/")).append('\n');
                }
            }
            Path file = work.resolve("examples.sh");
            Files.writeString(file, script);
            Path log = work.resolve("examples.log");
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(cwd.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("BITQUARK_AUTH_PASSWORD", PASSWORD);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "an example failed:\n" + output + "\n--- server log ---\n" + server.log());
            // The streaming examples ran against a real torrent: its playlist lists the video.
            assertTrue(output.contains("#EXTM3U") && output.contains("intro.mkv"), output);
            System.out.printf("README API examples: %d blocks, %d lines run%n", blocks.size(),
                    script.toString().lines().count() - 3);
        } finally {
            web.stop(0);
        }
    }
}
