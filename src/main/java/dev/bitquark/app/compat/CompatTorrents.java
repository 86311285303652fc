package dev.bitquark.app.compat;

import dev.bitquark.app.api.TorrentAdder;
import dev.bitquark.app.api.TorrentFetcher;
import dev.bitquark.app.session.Session;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one model both compatibility APIs (Transmission RPC, qBittorrent WebUI API v2) translate: the session's
 * torrents as the engine's stats, with per-process numbers, and the actions they map to (add, find). Each API is a
 * thin mapper over this and the session's own actions; neither keeps torrent state of its own. Thread-safe.
 */
@ApplicationScoped
public class CompatTorrents {
    private final SessionService sessions;
    private final dev.bitquark.app.EngineService engines;
    private final TorrentIds ids = new TorrentIds();
    private final TorrentFetcher fetcher;
    /**
     * Where the mappers run: never the engine context (which a snapshot completes on, and which serves peers) nor
     * an HTTP event loop (parsing a large .torrent). Two daemon threads.
     */
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newFixedThreadPool(2,
            r -> {
                Thread t = new Thread(r, "bq-compat");
                t.setDaemon(true);
                return t;
            });

    /** The API cannot answer now (the session is still being restored): 503 for both. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** A request the API refuses with this message (Transmission: its "result"; qBittorrent: 400/409/415). */
    public static final class Refused extends RuntimeException {
        public enum Kind { BAD_REQUEST, CONFLICT, BAD_TORRENT, NOT_FOUND }

        private final Kind kind;

        public Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * What to add and how.
     *
     * @param saveDir the folder (inside the download folder), or null for the category's or the default
     * @param paused added stopped
     * @param policy category, tags, seeding goals, forced
     * @param priorities per file (null: all normal); applied once the metadata is known
     * @param sequential pieces in order
     */
    public record AddRequest(Path saveDir, boolean paused, TorrentPolicy policy, List<FilePriority> priorities,
                             boolean sequential, long downloadLimit, long uploadLimit) {
    }

    /** The torrent added, or the one already in the session ({@code duplicate}). */
    public record Added(InfoHash hash, String name, boolean duplicate) {
    }

    CompatTorrents(SessionService sessions, dev.bitquark.app.EngineService engines,
                   @ConfigProperty(name = "quarkus.application.version") String version) {
        this.sessions = sessions;
        this.engines = engines;
        this.fetcher = new TorrentFetcher("bitquark/" + version);
    }

    public Session session() {
        Session s = sessions.session();
        if (s == null) {
            throw new Unavailable("the session is still being restored");
        }
        return s;
    }

    public SessionService sessions() {
        return sessions;
    }

    public Engine engine() {
        Engine e = engines.engine();
        if (e == null) {
            throw new Unavailable("the engine is not running yet");
        }
        return e;
    }

    /** Good nodes in the DHT's routing table (0 without a DHT). */
    public int dhtNodes() {
        dev.bitquark.dht.DhtStats d = engines.dhtStats();
        return d == null ? 0 : d.goodNodes();
    }

    /** The mappers' threads (see {@link #snapshot}). */
    public java.util.concurrent.Executor worker() {
        return worker;
    }

    public TorrentIds ids() {
        return ids;
    }

    /** Every torrent (with numbers given to new ones in the order they were added) and the asked-for parts. */
    public CompletionStage<EngineSnapshot> snapshot(Map<InfoHash, Set<EngineSnapshot.Part>> parts) {
        session();
        return engine().snapshot(parts).toCompletionStage().thenApplyAsync(s -> {
            List<TorrentStats> fresh = new ArrayList<>(s.torrents());
            fresh.sort(Comparator.comparingLong(TorrentStats::addedAtMillis)
                    .thenComparing(t -> t.infoHash().toHex()));
            for (TorrentStats t : fresh) {
                ids.id(t.infoHash());
            }
            return s;
        }, worker);
    }

    public TorrentHandle handle(InfoHash h) {
        return session().handle(h);
    }

    /**
     * A hash as the clients send it: 40 hex digits in either case (qBittorrent's and Transmission's own parsers
     * accept both); null if it is not one.
     */
    public static InfoHash parseHash(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() != 40) {
            return null;
        }
        for (int i = 0; i < 40; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return null;
            }
        }
        return InfoHash.fromHex(t.toLowerCase(Locale.ROOT));
    }

    /** The folder a torrent is saved in: {@code saveDir} if given, else the category's, else the default. */
    private Path folder(AddRequest r) {
        if (r.saveDir() != null) {
            return r.saveDir();
        }
        try {
            return r.policy().category() != null ? sessions.categoryDir(r.policy().category())
                    : sessions.downloadDir(null);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.BAD_REQUEST, e.getMessage());
        }
    }

    /** Adds a .torrent file (parsed on a worker). */
    public CompletionStage<Added> addTorrent(byte[] bytes, AddRequest r) {
        return CompletableFuture.supplyAsync(() -> bytes, worker).thenCompose(b -> addParsed(b, r));
    }

    private CompletionStage<Added> addParsed(byte[] bytes, AddRequest r) {
        if (bytes.length > TorrentAdder.MAX_TORRENT_BYTES) {
            return CompletableFuture.failedFuture(new Refused(Refused.Kind.BAD_TORRENT, "the torrent is "
                    + bytes.length + " bytes; at most " + TorrentAdder.MAX_TORRENT_BYTES + " are accepted"));
        }
        Metainfo meta;
        try {
            meta = Metainfo.parse(bytes);
        } catch (BadTorrentException e) {
            return CompletableFuture.failedFuture(new Refused(Refused.Kind.BAD_TORRENT,
                    "invalid or corrupt torrent file: " + e.getMessage()));
        }
        Session s = session();
        if (s.handle(meta.infoHash()) != null) {
            return CompletableFuture.completedFuture(new Added(meta.infoHash(), meta.name(), true));
        }
        TorrentOptions options;
        try {
            options = options(r);
            if (r.priorities() != null && r.priorities().size() == meta.files().size()) {
                options = options.withFilePriorities(r.priorities());
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        TorrentOptions o = options;
        return s.library().prepareAdd(r.policy()).thenCompose(v -> s.add(bytes, o))
                .thenApply(h -> new Added(meta.infoHash(), meta.name(), false));
    }

    /** Adds a magnet link or the .torrent behind an http(s) URL. */
    public CompletionStage<Added> addSource(String source, AddRequest r) {
        String src = source == null ? "" : source.strip();
        if (src.regionMatches(true, 0, "magnet:", 0, 7)) {
            Magnet magnet;
            try {
                magnet = Magnet.parse(src);
            } catch (BadMagnetException e) {
                return CompletableFuture.failedFuture(new Refused(Refused.Kind.BAD_TORRENT,
                        "not a valid magnet link: " + e.getMessage()));
            }
            Session s = session();
            TorrentHandle existing = s.handle(magnet.infoHash());
            if (existing != null) {
                return CompletableFuture.completedFuture(new Added(magnet.infoHash(), magnet.displayName()
                        .orElse(magnet.infoHash().toHex()), true));
            }
            TorrentOptions options;
            try {
                options = options(r);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            TorrentOptions o = options;
            return s.library().prepareAdd(r.policy()).thenCompose(v -> s.addMagnet(src, o))
                    .thenApply(h -> new Added(magnet.infoHash(), magnet.displayName()
                            .orElse(magnet.infoHash().toHex()), false));
        }
        URI url;
        try {
            url = TorrentFetcher.parseUrl(src);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new Refused(Refused.Kind.BAD_REQUEST,
                    "not a magnet link or an http(s) URL: " + clip(src)));
        }
        return fetcher.fetch(url, TorrentAdder.MAX_TORRENT_BYTES).thenCompose(bytes -> addTorrent(bytes, r));
    }

    private TorrentOptions options(AddRequest r) {
        return TorrentOptions.defaults(folder(r)).withStartPaused(r.paused()).withPolicy(r.policy())
                .withSequential(r.sequential()).withRateLimits(r.downloadLimit(), r.uploadLimit());
    }

    /** A folder a client names (absolute, or relative to the download folder), checked to stay inside it. */
    public Path insideDownloads(String folder, String what) {
        try {
            return sessions.insideRoot(folder, what);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.BAD_REQUEST, e.getMessage());
        }
    }

    static String clip(String s) {
        String c = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }
}
