package dev.bitquark.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Debian's opentracker on 127.0.0.1 (HTTP and UDP on the same port). Debian builds it
 * whitelist-only, so every info-hash a test uses is written to the whitelist first; the list is
 * re-read on SIGHUP in a background thread, hence {@link #allow} waits until the hash is accepted.
 */
public final class OpenTracker implements AutoCloseable {
    private final ExternalProcess process;
    private final Path dir;
    private final int port;
    private final Set<String> whitelist = new LinkedHashSet<>();

    private OpenTracker(ExternalProcess process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static OpenTracker start(Path workDir, String... infoHashesHex) throws IOException {
        Path dir = workDir.resolve("tracker");
        Files.createDirectories(dir);
        int port = Ports.free();
        OpenTracker t = null;
        Files.writeString(dir.resolve("whitelist.txt"), String.join("\n", infoHashesHex) + "\n");
        List<String> cmd = new ArrayList<>(List.of("opentracker", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-P", Integer.toString(port), "-d", dir.toString(), "-w", "whitelist.txt"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        ExternalProcess p = ExternalProcess.start("opentracker-" + port, workDir, cmd);
        t = new OpenTracker(p, dir, port);
        Ports.awaitListening(port, Duration.ofSeconds(10));
        for (String h : infoHashesHex) {
            t.whitelist.add(h);
        }
        for (String h : infoHashesHex) {
            t.awaitAccepted(h);
        }
        return t;
    }

    /** Adds an info-hash to the whitelist and waits until the tracker serves it. */
    public void allow(String infoHashHex) throws IOException {
        whitelist.add(infoHashHex);
        Files.writeString(dir.resolve("whitelist.txt"), String.join("\n", whitelist) + "\n");
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        awaitAccepted(infoHashHex);
    }

    public String httpAnnounceUrl() {
        return "http://127.0.0.1:" + port + "/announce";
    }

    public String udpAnnounceUrl() {
        return "udp://127.0.0.1:" + port + "/announce";
    }

    public int port() {
        return port;
    }

    private void awaitAccepted(String infoHashHex) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String query = "?info_hash=" + percent(infoHashHex) + "&peer_id=-PROBE0-000000000000&port=9&uploaded=0"
                + "&downloaded=0&left=0&compact=1&event=stopped";
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(httpAnnounceUrl() + query).toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                try (InputStream in = c.getInputStream()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (!body.contains("failure reason")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not up yet
            }
            ExternalProcess.sleep(50);
        }
        throw new IllegalStateException("opentracker does not accept " + infoHashHex + ":\n" + process.output());
    }

    private static String percent(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            sb.append('%').append(hex, i, i + 2);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        process.close();
    }
}
