package dev.bitquark.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local DHT network of real libtorrent sessions (lt_dht.py, Debian python3-libtorrent) on 127.0.0.1:
 * every session knows the others; optionally the last one seeds a trackerless torrent and announces it.
 * The tests bootstrap bitquark from one node that is not the seeder.
 */
public final class LibtorrentDht implements AutoCloseable {
    private final ExternalProcess process;
    private final List<Integer> ports;

    private LibtorrentDht(ExternalProcess process, List<Integer> ports) {
        this.process = process;
        this.ports = List.copyOf(ports);
    }

    /**
     * Starts {@code nodes} sessions (the last seeding {@code torrent} from {@code saveDir} if given) and waits
     * until their routing tables are full and the seed's announce is stored.
     */
    public static LibtorrentDht start(Path workDir, int nodes, Path saveDir, Path torrent) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int p;
            do {
                p = Ports.free();
            } while (ports.contains(p));
            ports.add(p);
        }
        List<String> cmd = new ArrayList<>(List.of(LibtorrentPeer.PYTHON,
                LibtorrentPeer.script(workDir, "lt_dht.py").toString(), "--ports",
                String.join(",", ports.stream().map(String::valueOf).toList())));
        if (torrent != null) {
            cmd.addAll(List.of("--save", saveDir.toString(), "--seed", torrent.toString()));
        }
        LibtorrentDht net = new LibtorrentDht(ExternalProcess.start("lt-dht-" + ports.get(0), workDir, cmd), ports);
        try {
            net.process.awaitLine(l -> l.startsWith("READY"), Duration.ofSeconds(90));
        } catch (RuntimeException | AssertionError e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** {@code 127.0.0.1:port} of node {@code i} (UDP for the DHT, TCP for peers). */
    public String node(int i) {
        return "127.0.0.1:" + ports.get(i);
    }

    /** The seeding session's peer address (the last node). */
    public String seeder() {
        return node(ports.size() - 1);
    }

    /** Waits until some session stored an announce (BEP 5 announce_peer) of {@code infoHashHex} for {@code peer}. */
    public String awaitAnnounce(String infoHashHex, String peer, Duration timeout) {
        return process.awaitLine(l -> l.startsWith("ANNOUNCE " + infoHashHex + " " + peer + " "), timeout);
    }

    public String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
