package dev.bitquark.app.discovery;

import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.PersistenceException;
import dev.bitquark.dht.DhtService;
import dev.bitquark.dht.DhtSettings;
import dev.bitquark.dht.DhtState;
import dev.bitquark.engine.DhtPeerSource;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.LsdPeerSource;
import dev.bitquark.lsd.LsdService;
import dev.bitquark.lsd.LsdSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The peer sources besides trackers that one process runs, shared by the server and the {@code download}
 * command: the DHT node (BEP 5, its routing table, id and stored peers kept in {@code dht.state} with
 * atomic writes and reloaded at start), local service discovery (BEP 14) and the peer exchange switch
 * (BEP 11). A source that cannot start (its port taken, multicast refused) is left out and said in the
 * log and in {@link #problems()}: the torrents still have their trackers. Thread-safe.
 */
public final class Discovery {
    private static final Logger LOG = Logger.getLogger(Discovery.class.getName());

    /**
     * @param dht run a DHT node
     * @param dhtPort its UDP port (0: any free one)
     * @param bootstrap routers and nodes to bootstrap from ({@code host:port}); empty: none (a node that only
     *     learns from peers' {@code port} messages and its saved table)
     * @param dhtState the file the DHT's state is kept in, or null to keep nothing
     * @param pex peer exchange on
     * @param lsd local service discovery on
     * @param lsdSettings its group and timings
     */
    public record Settings(boolean dht, String bindHost, int dhtPort, List<String> bootstrap, Path dhtState,
                           boolean pex, boolean lsd, LsdSettings lsdSettings) {
        public Settings {
            bootstrap = List.copyOf(bootstrap);
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final DhtService dht;
    private final LsdService lsd;
    private final List<String> problems;
    /** Nodes in the DHT state loaded at start. */
    private final int savedNodes;

    private Discovery(Vertx vertx, Settings settings, DhtService dht, LsdService lsd, List<String> problems,
                      int savedNodes) {
        this.savedNodes = savedNodes;
        this.vertx = vertx;
        this.settings = settings;
        this.dht = dht;
        this.lsd = lsd;
        this.problems = List.copyOf(problems);
    }

    /** Starts what {@code s} switches on; never fails (a source that cannot start is left out, see the class). */
    public static Future<Discovery> start(Vertx vertx, Settings s) {
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        DhtState saved = s.dht() ? load(s) : null;
        Future<DhtService> dht = s.dht() ? startDht(vertx, s, saved).recover(e -> {
            problems.add("DHT: " + e.getMessage());
            LOG.warning("DHT not started: " + e.getMessage());
            return Future.succeededFuture(null);
        }) : Future.succeededFuture(null);
        Future<LsdService> lsd = s.lsd() ? LsdService.start(vertx, s.lsdSettings()).recover(e -> {
            problems.add("LSD: " + e.getMessage());
            LOG.warning("local service discovery not started: " + e.getMessage());
            return Future.succeededFuture(null);
        }) : Future.succeededFuture(null);
        return Future.all(dht, lsd).map(v -> new Discovery(vertx, s, dht.result(), lsd.result(), problems,
                saved == null ? 0 : saved.nodes().size()));
    }

    /** The DHT state saved in the state file (or its previous generation), or null. */
    private static DhtState load(Settings s) {
        DhtState saved = null;
        if (s.dhtState() != null) {
            AtomicFile.Loaded<DhtState> loaded = new AtomicFile(s.dhtState()).read(bytes -> {
                try {
                    return DhtState.decode(bytes);
                } catch (IllegalArgumentException e) {
                    throw new PersistenceException("DHT state: " + e.getMessage());
                }
            });
            if (loaded.damaged()) {
                LOG.warning("DHT state: " + loaded.describe(s.dhtState()));
            }
            saved = loaded.value();
        }
        return saved;
    }

    private static Future<DhtService> startDht(Vertx vertx, Settings s, DhtState saved) {
        DhtSettings ds = DhtSettings.defaults(s.bindHost(), s.dhtPort()).withBootstrap(s.bootstrap());
        return DhtService.start(vertx, ds, saved);
    }

    /**
     * The DHT's bootstrap list as given ({@code --dht-bootstrap}, {@code bitquark.dht.bootstrap}): the public
     * routers if nothing is given, none for {@code none}; each entry must be {@code host:port}.
     */
    public static List<String> bootstrap(List<String> given) {
        if (given == null || given.isEmpty()) {
            return DhtSettings.DEFAULT_ROUTERS;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String g : given) {
            String s = g.strip();
            if (s.isEmpty() || s.equalsIgnoreCase("none")) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            int port;
            try {
                port = colon > 0 ? Integer.parseInt(s.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("DHT bootstrap node '" + s + "' is not host:port");
            }
            out.add(s);
        }
        return out;
    }

    /** {@code ec} with these sources and the PEX switch. */
    public EngineConfig apply(EngineConfig ec) {
        EngineConfig out = ec.withPex(settings.pex());
        if (dht != null) {
            out = out.withPeerSource(new DhtPeerSource(dht));
        }
        if (lsd != null) {
            out = out.withPeerSource(new LsdPeerSource(lsd));
        }
        return out;
    }

    /** The DHT node, or null if off or not started. */
    public DhtService dht() {
        return dht;
    }

    /** Local service discovery, or null if off or not started. */
    public LsdService lsd() {
        return lsd;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Whether any source here can find peers without help: LSD runs, or the DHT has a router to bootstrap from
     * or a saved routing table. (A DHT with neither only learns nodes from peers' BEP 5 port messages.)
     */
    public boolean canFindPeers() {
        return lsd != null || dht != null && (!settings.bootstrap().isEmpty() || savedNodes > 0);
    }

    /** Why a switched-on source is not running. */
    public List<String> problems() {
        return problems;
    }

    /** Writes the DHT's state (atomically and durably) if there is a DHT and a state file. */
    public Future<Void> save() {
        if (dht == null || settings.dhtState() == null) {
            return Future.succeededFuture();
        }
        // fsync blocks: written on a worker, not on the DHT's event loop.
        return dht.state().compose(state -> vertx.<Void>executeBlocking(() -> {
            try {
                java.nio.file.Files.createDirectories(settings.dhtState().toAbsolutePath().getParent());
                new AtomicFile(settings.dhtState()).write(state.encode());
                return null;
            } catch (PersistenceException e) {
                LOG.warning("DHT state not saved: " + e.getMessage());
                throw e;
            }
        }, false));
    }

    /** Saves the DHT's state, then closes both sources. */
    public Future<Void> close() {
        Future<Void> saved = save().recover(e -> Future.succeededFuture());
        return saved.compose(v -> Future.all(dht == null ? Future.succeededFuture() : dht.close(),
                lsd == null ? Future.succeededFuture() : lsd.close())).mapEmpty();
    }
}
