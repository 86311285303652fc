package dev.bitquark.app.session;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.logging.LogFileService;
import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.persistence.PostgresSessionStore;
import dev.bitquark.app.persistence.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The server's session: opens the configured store (files in the data dir by default, PostgreSQL
 * with {@code bitquark.persistence=postgresql}) once the engine runs, restores every torrent, and
 * saves resume data periodically and on shutdown (SIGTERM from Kubernetes). Once the session is
 * restored, starts the {@link WatchFolder} if {@code bitquark.watch.dir} is set, and stops it first
 * on shutdown.
 */
@ApplicationScoped
public class SessionService {
    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final BitquarkConfig config;
    private final Instance<PostgresSessionStore> postgres;
    private volatile Session session;
    private volatile String problem = "starting";
    private volatile Session.RestoreReport report;
    /** The API's upload limit, also the largest .torrent file the watch folder reads. */
    private final MemorySize maxTorrentSize;
    private volatile WatchFolder watch;
    private volatile String watchProblem;

    private final LogFileService logFile;

    SessionService(BitquarkConfig config, Instance<PostgresSessionStore> postgres,
                   @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                   MemorySize maxTorrentSize, LogFileService logFile) {
        this.config = config;
        this.logFile = logFile;
        this.postgres = postgres;
        this.maxTorrentSize = maxTorrentSize;
    }

    /** Called by {@code ServerLifecycle} once the engine listens. */
    public void start(dev.bitquark.engine.Engine engine) {
        SessionStore store = config.persistence() == BitquarkConfig.Persistence.POSTGRESQL
                ? postgres.get()
                : new FileSessionStore(config.dataDir().toAbsolutePath().normalize());
        Session s = new Session(engine, store, config.downloadDir().toAbsolutePath().normalize(),
                config.session().saveInterval().toMillis(),
                config.dataDir().toAbsolutePath().normalize().resolve("journal"));
        s.restore().whenComplete((r, e) -> {
            if (e != null) {
                problem = e.getMessage();
                LOG.errorf("session could not be restored: %s", problem);
            } else {
                report = r;
                session = s;
                problem = null;
                if (s.settings().logToFile()) {
                    logFile.startQuietly();
                }
                config.watch().dir().ifPresent(dir -> startWatchFolder(s, dir));
            }
        });
    }

    private void startWatchFolder(Session s, Path dir) {
        try {
            int maxTorrentBytes = (int) Math.min(Integer.MAX_VALUE - 8, maxTorrentSize.asLongValue());
            WatchFolder w = new WatchFolder(s, dir, () -> downloadDir(null), new WatchFolder.Settings(
                    config.watch().interval(), config.watch().afterAdd() == BitquarkConfig.AfterAdd.DELETE,
                    maxTorrentBytes));
            w.start();
            watch = w;
        } catch (IllegalArgumentException e) {
            watchProblem = e.getMessage();
            LOG.errorf("watch folder not started: %s", watchProblem);
        }
    }

    /** Saves every torrent's resume data and closes the store (graceful shutdown). */
    public void stop() {
        stopWatching();
        Session s = session;
        if (s != null) {
            long t0 = System.nanoTime();
            s.close();
            LOG.infof("session saved in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /** Stops the watch folder (first thing on shutdown: nothing is added while the engine stops). */
    public void stopWatching() {
        WatchFolder w = watch;
        if (w != null) {
            w.close();
        }
    }

    /**
     * The folder a new torrent is saved under: {@code requested} when it resolves inside the
     * download folder (no escaping the download root through the API), else the session's default
     * output folder (settings), else the download folder itself.
     */
    public Path downloadDir(String requested) {
        Path root = downloadRoot();
        if (requested == null || requested.isBlank()) {
            Session s = session;
            String folder = s == null ? "" : s.settings().defaultOutputFolder();
            return folder.isEmpty() ? root : insideRoot(folder, "defaultOutputFolder");
        }
        return insideRoot(requested, "outputFolder");
    }

    /**
     * The folder of a category: its own (relative to the download folder), or for a category without one a folder
     * named after it in the default output folder (as qBittorrent places a category's torrents). Unknown categories
     * get the latter too (an add creates them so).
     *
     * @throws IllegalArgumentException if that folder leaves the download folder
     */
    public Path categoryDir(String category) {
        Session s = session;
        String own = s == null ? null : s.settings().categories().get(category);
        if (own != null && !own.isEmpty()) {
            return insideRoot(own, "the folder of category " + category);
        }
        Path base = downloadDir(null);
        return insideRoot(downloadRoot().relativize(base.resolve(category)).toString(), "category " + category);
    }

    /**
     * {@code folder} (relative to the download folder, or absolute) as an absolute path inside the
     * download folder, also once symbolic links are resolved: the deepest part of it that exists must resolve
     * inside the download folder's real path. (The storage checks again whenever it writes, moves or deletes,
     * so a link planted after this answer cannot lead anywhere either.)
     *
     * @throws IllegalArgumentException naming {@code what} if it leaves the download folder or is no path
     */
    public Path insideRoot(String folder, String what) {
        Path root = downloadRoot();
        Path p;
        try {
            p = root.resolve(folder).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " is not a valid path: " + e.getMessage());
        }
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(what + " must be inside the download folder " + root);
        }
        if (!Files.isDirectory(root)) {
            return p; // nothing inside it exists yet, so no link either
        }
        try {
            Path realRoot = root.toRealPath();
            for (Path q = p; q != null && q.startsWith(root) && !q.equals(root); q = q.getParent()) {
                if (Files.exists(q)) {
                    Path real = q.toRealPath();
                    if (!real.startsWith(realRoot)) {
                        throw new IllegalArgumentException(what + " " + folder + " leads outside the download folder "
                                + root + ": " + q + " is (or is under) a symbolic link to " + real);
                    }
                    break;
                }
                if (Files.isSymbolicLink(q)) {
                    throw new IllegalArgumentException(what + " " + folder + ": " + q
                            + " is a symbolic link to a folder that does not exist");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + folder + " cannot be checked: " + e);
        }
        return p;
    }

    public boolean dhtEnabled() {
        return config.dht().enabled();
    }

    public boolean pexEnabled() {
        return config.pex().enabled();
    }

    public boolean lsdEnabled() {
        return config.lsd().enabled();
    }

    /** The configured download folder, absolute and normalized. */
    public Path downloadRoot() {
        return config.downloadDir().toAbsolutePath().normalize();
    }

    /** Period of the live updates: the session setting if set, else {@code bitquark.events.interval}. */
    public long eventsIntervalMillis() {
        Session s = session;
        long stored = s == null ? 0 : s.settings().eventsIntervalMillis();
        return stored > 0 ? stored : config.events().interval().toMillis();
    }

    public Session session() {
        return session;
    }

    public boolean isReady() {
        return session != null;
    }

    public String problem() {
        return problem;
    }

    public Session.RestoreReport report() {
        return report;
    }

    /** The running watch folder, or null (not configured, or the session is not restored yet). */
    public WatchFolder watchFolder() {
        return watch;
    }

    /** Why the configured watch folder could not start (bad settings), or null. */
    public String watchProblem() {
        return watchProblem;
    }
}
