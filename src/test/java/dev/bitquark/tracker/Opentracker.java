package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.codec.TrackerUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real opentracker process on free 127.0.0.1 ports for integration tests. The Debian build only
 * serves whitelisted info-hashes ({@code -w}, read relative to the {@code -d} chroot directory, and
 * loaded in a background thread), so {@link #start} waits until a whitelisted hash is accepted.
 */
final class Opentracker implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/opentracker");

    final int httpPort;
    final int udpPort;
    private final Process process;
    private final Path dir;

    private Opentracker(Process process, Path dir, int httpPort, int udpPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
        this.udpPort = udpPort;
    }

    String announceUrl() {
        return "http://127.0.0.1:" + httpPort + "/announce";
    }

    String udpUrl() {
        return "udp://127.0.0.1:" + udpPort + "/announce";
    }

    static Opentracker start(Collection<InfoHash> whitelist) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "opentracker is not installed at " + BINARY);
        Path dir = Files.createTempDirectory("opentracker");
        // When started as root opentracker drops to "nobody" after chroot; it must still read its list.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path list = dir.resolve("whitelist.txt");
        Files.writeString(list, whitelist.stream().map(InfoHash::toHex).collect(Collectors.joining("\n", "", "\n")));
        Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("rw-r--r--"));
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        Process p = new ProcessBuilder(BINARY.toString(), "-i", "127.0.0.1", "-p", Integer.toString(httpPort),
                "-P", Integer.toString(udpPort), "-d", dir.toString(), "-w", "whitelist.txt")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("opentracker.out").toFile())
                .start();
        Opentracker t = new Opentracker(p, dir, httpPort, udpPort);
        try {
            t.awaitReady(whitelist.iterator().next(), Duration.ofSeconds(10));
        } catch (Exception e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Polls with a "stopped" announce (adds no peer) until the tracker accepts the hash. */
    private void awaitReady(InfoHash probe, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        String url = announceUrl() + "?info_hash=" + TrackerUrls.percentEncode(probe.toBytes())
                + "&peer_id=-PROBE0-000000000000&port=9&uploaded=0&downloaded=0&left=0&compact=1&event=stopped";
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("opentracker exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("opentracker.out")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(500);
                try (InputStream in = c.getInputStream()) {
                    last = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (!last.contains("failure reason")) {
                        return;
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("opentracker not ready within " + limit + ": " + last);
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
