package dev.bitquark.app.cli;

import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.engine.Engine;
import dev.bitquark.lsd.LsdSettings;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bitquark download}: one torrent, in the foreground. It runs the engine on its own Vert.x
 * instance without booting the web service: a one-shot download needs neither the API nor the UI,
 * and skipping them saves start-up time and memory.
 */
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
            description = "Do not use the DHT (BEP 5) to find peers (env BITQUARK_NO_DHT=true).")
    boolean noDht;

    @Option(names = "--dht-bootstrap", paramLabel = "HOST:PORT", split = ",",
            defaultValue = "${env:BITQUARK_DHT_BOOTSTRAP}",
            description = "DHT routers or nodes to bootstrap from; repeatable or comma-separated; 'none' for none"
                    + " (env BITQUARK_DHT_BOOTSTRAP; default: the well-known public routers).")
    List<String> dhtBootstrap;

    @Option(names = "--dht-port", paramLabel = "PORT", defaultValue = "${env:BITQUARK_DHT_PORT:--1}",
            description = "UDP port of the DHT node (env BITQUARK_DHT_PORT; default: the listen port).")
    int dhtPort;

    @Option(names = "--dht-state", paramLabel = "FILE", defaultValue = "${env:BITQUARK_DHT_STATE}",
            description = "Where the DHT keeps its routing table between runs; 'none' keeps nothing (env"
                    + " BITQUARK_DHT_STATE; default: $XDG_CACHE_HOME/bitquark/dht.state or ~/.cache/bitquark/dht.state).")
    String dhtState;

    @Option(names = "--no-pex", defaultValue = "${env:BITQUARK_NO_PEX:-false}",
            description = "Do not exchange peers with peers (BEP 11) (env BITQUARK_NO_PEX=true).")
    boolean noPex;

    @Option(names = "--no-lsd", defaultValue = "${env:BITQUARK_NO_LSD:-false}",
            description = "Do not announce on or listen to the local network (BEP 14) (env BITQUARK_NO_LSD=true).")
    boolean noLsd;

    @Option(names = "--metadata-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:BITQUARK_METADATA_TIMEOUT:-300}",
            description = "Magnet links: give up (exit 1, saying what was tried) when no peer has sent the metadata"
                    + " after this many seconds; 0 waits for ever (env BITQUARK_METADATA_TIMEOUT, default 300).")
    long metadataTimeout;

    @Option(names = "--initial-peers", paramLabel = "HOST:PORT", split = ",",
            defaultValue = "${env:BITQUARK_INITIAL_PEERS}",
            description = "Peers to connect to at start, comma-separated (env BITQUARK_INITIAL_PEERS).")
    List<String> initialPeers = List.of();

    @Override
    public Integer call() {
        PrintStream err = System.err;
        TorrentSource.Loaded meta;
        List<InetSocketAddress> peers;
        try {
            if (listenPort < 0 || listenPort > 65535) {
                throw new IllegalArgumentException("--listen-port must be 0 (any free port) to 65535, got " + listenPort);
            }
            if (metadataTimeout < 0) {
                throw new IllegalArgumentException("--metadata-timeout must be 0 (wait for ever) or more seconds, got "
                        + metadataTimeout);
            }
            meta = TorrentSource.load(source);
            peers = parsePeers(initialPeers);
            if (dhtPort < -1 || dhtPort > 65535) {
                throw new IllegalArgumentException("--dht-port must be 0 (any free port) to 65535, got " + dhtPort);
            }
            if (meta.magnet() != null && meta.magnet().trackers().isEmpty() && meta.magnet().peers().isEmpty()
                    && peers.isEmpty() && noDht && noLsd) {
                // BEP 9 needs peers, and this link names no way to find any: say so at once instead of waiting.
                throw new IllegalArgumentException("this magnet link names no tracker (tr=) and no peer (x.pe=), no"
                        + " --initial-peers were given, and --no-dht and --no-lsd are set: there is no way to find"
                        + " peers for it. Drop --no-dht, add a tracker or a peer to the link, or pass --initial-peers"
                        + " host:port");
            }
            Discovery.bootstrap(dhtBootstrap); // refuses a malformed entry now, with exit code 2
            Files.createDirectories(output);
        } catch (TorrentSource.SourceException e) {
            err.println("bitquark: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("bitquark: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("bitquark: cannot create output folder " + output + ": " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4)
                .setInternalBlockingPoolSize(2));
        try {
            return run(vertx, meta, peers, err);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private int run(Vertx vertx, TorrentSource.Loaded meta, List<InetSocketAddress> peers, PrintStream err) {
        Engine engine;
        Discovery discovery;
        try {
            discovery = await(Discovery.start(vertx, discoverySettings()));
            discovery.problems().forEach(p -> err.println("bitquark: " + p));
            if (meta.magnet() != null && meta.magnet().trackers().isEmpty() && meta.magnet().peers().isEmpty()
                    && peers.isEmpty() && !discovery.canFindPeers()) {
                awaitQuietly(discovery.close());
                err.println("bitquark: this magnet link names no tracker (tr=) and no peer (x.pe=), no --initial-peers"
                        + " were given, the DHT has no node to start from (--dht-bootstrap none and no saved routing"
                        + " table) and local discovery is off: there is no way to find peers for it. Give the DHT a"
                        + " bootstrap node, add a tracker or a peer to the link, or pass --initial-peers host:port");
                return 2;
            }
            engine = await(Engine.start(vertx, discovery.apply(new EngineConfig(bind, listenPort,
                    output.toAbsolutePath()))));
        } catch (Exception e) {
            err.println("bitquark: " + rootMessage(e));
            return 1;
        }
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            exit.complete(130);
            awaitQuietly(engine.close());
            awaitQuietly(discovery.close());
        }, "bitquark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TorrentOptions options = TorrentOptions.defaults(output.toAbsolutePath()).withInitialPeers(peers);
            // A magnet link first fetches the metadata from peers (BEP 9), then downloads like a .torrent.
            TorrentHandle handle = await(meta.magnet() != null ? engine.addMagnet(meta.magnet(), options)
                    : engine.add(meta.metainfo(), options));
            ProgressPrinter progress = new ProgressPrinter(err, meta.name());
            handle.whenFinished().onSuccess(v -> {
                if (exitOnFinish) {
                    exit.complete(0);
                }
            });
            String[] failure = new String[1];
            long started = System.nanoTime();
            long timer = vertx.setPeriodic(Long.getLong("bitquark.progress.millis", 1000L), id -> handle.stats()
                    .onSuccess(s -> {
                        if (s.state() == TorrentState.METADATA) {
                            handle.metadataProgress().onSuccess(m -> {
                                progress.printFetching(s, m);
                                long waited = (System.nanoTime() - started) / 1_000_000_000L;
                                if (metadataTimeout > 0 && waited >= metadataTimeout && !exit.isDone()) {
                                    handle.trackers().onComplete(t -> {
                                        failure[0] = MetadataWait.gaveUp(metadataTimeout, s, m,
                                                t.succeeded() ? t.result() : List.of());
                                        exit.complete(1);
                                    });
                                }
                            });
                            return;
                        }
                        progress.print(s);
                        if (s.state() == TorrentState.ERROR) {
                            exit.complete(1);
                        }
                    }));
            int code = exit.join();
            vertx.cancelTimer(timer);
            TorrentStats last = await(handle.stats());
            if (failure[0] != null) {
                progress.finishLine();
                err.println("bitquark: " + failure[0]);
            } else {
                progress.finish(last);
                if (code == 1) {
                    err.println("bitquark: " + last.error());
                }
            }
            awaitQuietly(engine.close());
            awaitQuietly(discovery.close());
            return code;
        } catch (Exception e) {
            err.println("bitquark: " + rootMessage(e));
            awaitQuietly(engine.close());
            awaitQuietly(discovery.close());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /** The DHT, PEX and LSD switches of the options; the DHT on the listen port unless {@code --dht-port}. */
    private Discovery.Settings discoverySettings() {
        Path state = null;
        if (dhtState == null || dhtState.isBlank()) {
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
            state = base.resolve("bitquark").resolve("dht.state");
        } else if (!dhtState.strip().equalsIgnoreCase("none")) {
            state = Path.of(dhtState.strip());
        }
        return new Discovery.Settings(!noDht, bind, dhtPort >= 0 ? dhtPort : listenPort, Discovery.bootstrap(dhtBootstrap),
                state, !noPex, !noLsd, LsdSettings.defaults());
    }

    static List<InetSocketAddress> parsePeers(List<String> specs) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        for (String spec : specs) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("--initial-peers: '" + s + "' is not host:port");
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--initial-peers: bad port in '" + s + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--initial-peers: port out of range in '" + s + "'");
            }
            InetSocketAddress a = new InetSocketAddress(host, port);
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("--initial-peers: cannot resolve '" + host + "'");
            }
            out.add(a);
        }
        return out;
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(io.vertx.core.Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort on the way out
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
