package dev.bitquark.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real program started by a test (a libtorrent peer, opentracker, transmission-daemon): output is
 * captured line by line (and copied to a log file for post-mortems), waits are bounded, and
 * {@link #close()} stops the process and its children by pid.
 */
public final class ExternalProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** The reader has reached the end of the output: every line the process wrote is in {@link #lines}. */
    private volatile boolean drained;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> pump(log), "out-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static ExternalProcess start(String name, Path logDir, List<String> command) throws IOException {
        Files.createDirectories(logDir);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        return new ExternalProcess(name, p, logDir.resolve(name + ".log"));
    }

    private void pump(Path log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                w.write(line);
                w.newLine();
                w.flush();
            }
        } catch (IOException ignored) {
            // process ended
        } finally {
            drained = true;
        }
    }

    /** Waits until a line matches, the process dies, or the timeout passes; returns the line. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> snapshot = new ArrayList<>(lines);
            for (int i = seen; i < snapshot.size(); i++) {
                if (match.test(snapshot.get(i))) {
                    return snapshot.get(i);
                }
            }
            seen = snapshot.size();
            // Exited, and its last lines read: a program that prints and exits at once is not taken for
            // one that exited without printing while the reader is still behind.
            if (!process.isAlive() && drained && seen == lines.size()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before the expected line; output:\n" + output());
            }
            sleep(50);
        }
        throw new IllegalStateException(name + ": no matching line within " + timeout + "; output:\n" + output());
    }

    public boolean hasLine(Predicate<String> match) {
        return lines.stream().anyMatch(match);
    }

    public String output() {
        List<String> l = new ArrayList<>(lines);
        int from = Math.max(0, l.size() - 80);
        return String.join("\n", l.subList(from, l.size()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
