package dev.bitquark.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bitquark download}: one torrent, in the foreground, without the web service. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download one torrent in the foreground and print progress.")
public class DownloadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "A .torrent file, a magnet URI or an http(s) URL of a .torrent.")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "${env:BITQUARK_DOWNLOAD_DIR:-.}",
            description = "Folder to download into (env BITQUARK_DOWNLOAD_DIR, default: current folder).")
    Path output;

    @Option(names = "--listen-port", paramLabel = "PORT", defaultValue = "${env:BITQUARK_PEER_PORT:-0}",
            description = "TCP port for incoming peers; 0 picks a free one (env BITQUARK_PEER_PORT, default 0).")
    int listenPort;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "${env:BITQUARK_PEER_BIND:-0.0.0.0}",
            description = "Address to bind and connect from (env BITQUARK_PEER_BIND, default 0.0.0.0).")
    String bind;

    @Option(names = "--exit-on-finish", defaultValue = "${env:BITQUARK_EXIT_ON_FINISH:-false}",
            description = "Exit with status 0 once every selected piece is verified and flushed "
                    + "(env BITQUARK_EXIT_ON_FINISH=true).")
    boolean exitOnFinish;

    @Option(names = "--no-dht", defaultValue = "${env:BITQUARK_NO_DHT:-false}",
            description = "Do not use the DHT to find peers (env BITQUARK_NO_DHT=true).")
    boolean noDht;

    @Option(names = "--initial-peers", paramLabel = "HOST:PORT", split = ",",
            defaultValue = "${env:BITQUARK_INITIAL_PEERS}",
            description = "Peers to connect to at start, comma-separated (env BITQUARK_INITIAL_PEERS).")
    List<String> initialPeers = List.of();

    @Override
    public Integer call() {
        System.err.println("bitquark download: this build has no download engine yet");
        return 3;
    }
}
