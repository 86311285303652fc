package dev.bitquark.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bitquark server}: runs the web UI, the API and the engine until stopped. Options given on
 * the command line become system properties before Quarkus boots (see {@link Main}); options left
 * out keep their environment or application.properties value.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the web UI, API and torrent engine until stopped (default command).")
public class ServerCommand {

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the web UI and API (env BITQUARK_HTTP_PORT, default 3030).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "ADDR",
            description = "Address the web UI and API listen on (env BITQUARK_HTTP_HOST, default 0.0.0.0).")
    String httpHost;

    @Option(names = "--peer-port", paramLabel = "PORT",
            description = "TCP port for incoming peer connections (env BITQUARK_PEER_PORT, default 4240).")
    Integer peerPort;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address the peer listener binds to (env BITQUARK_PEER_BIND, default 0.0.0.0).")
    String peerBind;

    @Option(names = "--download-dir", paramLabel = "DIR",
            description = "Default folder for downloads (env BITQUARK_DOWNLOAD_DIR, default ./downloads).")
    Path downloadDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for bitquark's own state (env BITQUARK_DATA_DIR, default ./data).")
    Path dataDir;

    @Option(names = "--watch-dir", paramLabel = "DIR",
            description = "Folder whose .torrent and .magnet files are added (env BITQUARK_WATCH_DIR, default none).")
    Path watchDir;

    @Option(names = "--dht-bootstrap", paramLabel = "HOST:PORT", split = ",",
            description = "DHT routers or nodes to bootstrap from; repeatable or comma-separated; 'none' for none"
                    + " (env BITQUARK_DHT_BOOTSTRAP; default: the well-known public routers).")
    java.util.List<String> dhtBootstrap;

    @Option(names = "--dht-port", paramLabel = "PORT",
            description = "UDP port of the DHT node (env BITQUARK_DHT_PORT; default: the peer port).")
    Integer dhtPort;

    @Option(names = "--no-dht", description = "Run no DHT node (BEP 5) (env BITQUARK_DHT_ENABLED=false).")
    boolean noDht;

    @Option(names = "--no-pex", description = "Do not exchange peers with peers (BEP 11) (env BITQUARK_PEX_ENABLED=false).")
    boolean noPex;

    @Option(names = "--no-lsd", description = "No local service discovery (BEP 14) (env BITQUARK_LSD_ENABLED=false).")
    boolean noLsd;

    /** Copies the options that were given into system properties read by Quarkus' configuration. */
    void applyToConfiguration() {
        set("bitquark.http.port", httpPort);
        set("bitquark.http.host", httpHost);
        set("bitquark.peer.port", peerPort);
        set("bitquark.peer.bind", peerBind);
        set("bitquark.download-dir", downloadDir);
        set("bitquark.data-dir", dataDir);
        set("bitquark.watch.dir", watchDir);
        if (dhtBootstrap != null && !dhtBootstrap.isEmpty()) {
            dev.bitquark.app.discovery.Discovery.bootstrap(dhtBootstrap); // a malformed entry is refused before Quarkus boots
            set("bitquark.dht.bootstrap", String.join(",", dhtBootstrap));
        }
        set("bitquark.dht.port", dhtPort);
        set("bitquark.dht.enabled", noDht ? "false" : null);
        set("bitquark.pex.enabled", noPex ? "false" : null);
        set("bitquark.lsd.enabled", noLsd ? "false" : null);
    }

    private static void set(String key, Object value) {
        if (value != null) {
            System.setProperty(key, value.toString());
        }
    }
}
