package dev.bitquark.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged bitquark server (target/quarkus-app/quarkus-run.jar) as a child process, for tests
 * that must stop it the hard way (SIGKILL) or the Kubernetes way (SIGTERM) and start it again on
 * the same data folder. Used by failsafe *IT tests, which run after {@code package}.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path jar;
    private final Path work;
    private final Map<String, String> env;
    private final int httpPort;
    private final int peerPort;
    private Process process;
    private int starts;
    /** The JVM's heap option: small by default, since most tests hold a few torrents. */
    private String heap = "-Xmx128m";
    /** Length of server.log when the current process started: {@link #logSinceStart()} begins there. */
    private long logMark;

    public ServerProcess(Path work, Map<String, String> extraEnv) {
        this.jar = Path.of(System.getProperty("bitquark.server.jar", "target/quarkus-app/quarkus-run.jar"));
        this.work = work;
        this.httpPort = Ports.free();
        this.peerPort = Ports.free();
        this.env = new java.util.HashMap<>(extraEnv);
        env.putIfAbsent("BITQUARK_DATA_DIR", work.resolve("data").toString());
        env.putIfAbsent("BITQUARK_DOWNLOAD_DIR", work.resolve("downloads").toString());
        env.put("BITQUARK_HTTP_PORT", Integer.toString(httpPort));
        env.put("BITQUARK_HTTP_HOST", "127.0.0.1");
        env.put("BITQUARK_PEER_PORT", Integer.toString(peerPort));
        env.put("BITQUARK_PEER_BIND", "127.0.0.1");
        // Tests use 127.0.0.1 only: no public DHT routers, no multicast, unless a test asks for them.
        env.putIfAbsent("BITQUARK_DHT_BOOTSTRAP", "none");
        env.putIfAbsent("BITQUARK_LSD_ENABLED", "false");
    }

    /**
     * The heap option for the next start instead of {@code -Xmx128m}; a test holding thousands of
     * torrents passes the launcher's own ({@code -XX:MaxRAMPercentage=25}), as users run it.
     */
    public ServerProcess heap(String option) {
        this.heap = option;
        return this;
    }

    /** Starts the server and waits (bounded, 60 s) until {@code /q/health/ready} is UP. */
    public ServerProcess start() throws IOException, InterruptedException {
        return start(Duration.ofSeconds(60));
    }

    /** Starts the server and waits at most {@code readyTimeout} until {@code /q/health/ready} is UP. */
    public ServerProcess start(Duration readyTimeout) throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package`");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                heap, "-XX:+UseSerialGC", "-jar", jar.toString(), "server"));
        Files.createDirectories(work);
        Path log = work.resolve("server.log");
        logMark = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        starts++;
        awaitReady(readyTimeout);
        return this;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready after " + timeout + ":\n" + log());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Kubernetes does; returns how long the server took to exit. */
    public Duration terminate(Duration grace) throws InterruptedException {
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("server did not exit within " + grace);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public int httpPort() {
        return httpPort;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public int peerPort() {
        return peerPort;
    }

    public long pid() {
        return process.pid();
    }

    public long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public String log() throws IOException {
        Path log = work.resolve("server.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Everything the current (or last) process has logged so far. */
    public String logSinceStart() throws IOException {
        Path log = work.resolve("server.log");
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logMark, all.length);
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
