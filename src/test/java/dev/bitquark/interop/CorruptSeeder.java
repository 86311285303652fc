package dev.bitquark.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.bitquark.testkit.ExternalProcess;
import dev.bitquark.testkit.Ports;
import dev.bitquark.testkit.LibtorrentPeer;

/** A seeder that answers every request with corrupted data (src/test/resources/interop/corrupt_seeder.py). */
public final class CorruptSeeder implements AutoCloseable {
    private final ExternalProcess process;
    private final int port;

    private CorruptSeeder(ExternalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static CorruptSeeder start(Path workDir, Path saveDir, Path torrent, String trackerUrl) throws IOException {
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(LibtorrentPeer.PYTHON,
                LibtorrentPeer.script(workDir, "corrupt_seeder.py").toString(),
                "--port", Integer.toString(port), "--save", saveDir.toString()));
        if (trackerUrl != null) {
            cmd.addAll(List.of("--tracker", trackerUrl));
        }
        cmd.add(torrent.toString());
        CorruptSeeder s = new CorruptSeeder(ExternalProcess.start("corrupt-seed-" + port, workDir, cmd), port);
        s.process.awaitLine(l -> l.startsWith("READY"), Duration.ofSeconds(30));
        return s;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Blocks it has sent so far (last reported). */
    public int blocksSent() {
        String[] last = {"SENT 0"};
        process.hasLine(l -> {
            if (l.startsWith("SENT ")) {
                last[0] = l;
            }
            return false;
        });
        return Integer.parseInt(last[0].substring(5).trim());
    }

    @Override
    public void close() {
        process.close();
    }
}
