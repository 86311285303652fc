package dev.bitquark.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Transmission (Debian transmission-daemon 3.00) seeding on 127.0.0.1, driven over its RPC.
 * Transmission ignores 127.0.0.0/8 peers learned from trackers ("martian" addresses) but accepts
 * incoming connections, so tests dial it (initial peers). Encryption is set to "prefer clear text":
 * the default offers only RC4 in the MSE handshake.
 */
public final class TransmissionPeer implements AutoCloseable {
    private final ExternalProcess process;
    private final int peerPort;
    private final int rpcPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String sessionId = "";

    private TransmissionPeer(ExternalProcess process, int peerPort, int rpcPort) {
        this.process = process;
        this.peerPort = peerPort;
        this.rpcPort = rpcPort;
    }

    public static TransmissionPeer start(Path workDir) throws IOException {
        int peerPort = Ports.free();
        int rpcPort = Ports.free();
        Path conf = workDir.resolve("transmission-" + peerPort);
        Files.createDirectories(conf);
        String settings = """
                {"download-dir": "%s", "incomplete-dir-enabled": false, "dht-enabled": false,
                 "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false,
                 "port-forwarding-enabled": false, "peer-port": %d, "peer-port-random-on-start": false,
                 "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
                 "rpc-enabled": true, "rpc-bind-address": "127.0.0.1", "rpc-port": %d,
                 "rpc-authentication-required": false, "rpc-whitelist-enabled": false,
                 "rpc-host-whitelist-enabled": false, "encryption": 0,
                 "speed-limit-down-enabled": false, "speed-limit-up-enabled": false,
                 "alt-speed-enabled": false, "ratio-limit-enabled": false, "idle-seeding-limit-enabled": false,
                 "download-queue-enabled": false, "seed-queue-enabled": false, "queue-stalled-enabled": false,
                 "blocklist-enabled": false, "start-added-torrents": true, "message-level": 2,
                 "watch-dir-enabled": false, "umask": 18}
                """.formatted(conf.resolve("downloads"), peerPort, rpcPort);
        Files.writeString(conf.resolve("settings.json"), settings);
        ExternalProcess p = ExternalProcess.start("transmission-" + peerPort, workDir,
                List.of("transmission-daemon", "-f", "-g", conf.toString()));
        Ports.awaitListening(rpcPort, Duration.ofSeconds(20));
        return new TransmissionPeer(p, peerPort, rpcPort);
    }

    /** Adds a torrent whose data is in {@code saveDir} and waits until Transmission has verified it and seeds. */
    public void seed(Path torrent, Path saveDir, Duration timeout) throws IOException, InterruptedException {
        String meta = Base64.getEncoder().encodeToString(Files.readAllBytes(torrent));
        String r = rpc("{\"method\":\"torrent-add\",\"arguments\":{\"metainfo\":\"" + meta
                + "\",\"download-dir\":\"" + saveDir + "\",\"paused\":false}}");
        if (!r.contains("\"success\"")) {
            throw new IllegalStateException("transmission torrent-add failed: " + r);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern status = Pattern.compile("\"status\":(\\d+)");
        while (System.nanoTime() < deadline) {
            String s = rpc("{\"method\":\"torrent-get\",\"arguments\":{\"fields\":[\"status\",\"percentDone\",\"errorString\"]}}");
            Matcher m = status.matcher(s);
            if (m.find() && m.group(1).equals("6") && s.contains("\"percentDone\":1")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("transmission did not start seeding:\n" + process.output());
    }

    public String rpc(String body) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpcPort + "/transmission/rpc"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Transmission-Session-Id", sessionId)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 409) {
                sessionId = res.headers().firstValue("X-Transmission-Session-Id").orElse("");
                continue;
            }
            return res.body();
        }
        throw new IllegalStateException("transmission RPC session-id exchange failed");
    }

    public String address() {
        return "127.0.0.1:" + peerPort;
    }

    public String output() {
        return process.output();
    }

    @Override
    public void close() {
        try {
            rpc("{\"method\":\"session-close\"}");
        } catch (Exception ignored) {
            // stopping anyway
        }
        process.close();
    }
}
