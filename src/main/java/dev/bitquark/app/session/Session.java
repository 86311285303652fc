package dev.bitquark.app.session;

import dev.bitquark.app.persistence.PersistenceException;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.persistence.SessionStore;
import dev.bitquark.app.persistence.StoredTorrent;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineListener;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The long-running session: the engine's torrents kept in step with a {@link SessionStore}. Adds
 * are stored before they are acknowledged; resume data of torrents the engine reports as changed is
 * saved every {@code saveInterval} (and on shutdown), so a crash costs at most that much progress.
 * Store I/O runs on one dedicated thread (saves never overlap and never touch an event loop);
 * methods are thread-safe and return futures.
 */
public final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** What a restore found, for the log and the health check. */
    public record RestoreReport(int restored, int withoutResume, int failed, List<String> problems) {
    }

    private final Engine engine;
    private final SessionStore store;
    private final Path defaultSaveDir;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> daemon(r, "bq-session-io"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bq-session-timer"));
    private final Map<InfoHash, TorrentHandle> handles = new ConcurrentHashMap<>();
    private final Set<InfoHash> dirty = ConcurrentHashMap.newKeySet();
    private volatile String lastSaveError;
    /** Settings in force; written only on the store thread, after the engine took them. */
    private volatile SessionSettings settings = SessionSettings.DEFAULTS;

    public Session(Engine engine, SessionStore store, Path defaultSaveDir, long saveIntervalMillis) {
        this.engine = engine;
        this.store = store;
        this.defaultSaveDir = defaultSaveDir;
        engine.setListener(new EngineListener() {
            @Override
            public void resumeDataChanged(InfoHash torrent) {
                dirty.add(torrent);
            }

            @Override
            public void stateChanged(InfoHash torrent, TorrentState state, String error) {
                dirty.add(torrent);
            }

            @Override
            public void finished(InfoHash torrent) {
                dirty.add(torrent);
            }
        });
        timer.scheduleWithFixedDelay(this::saveDirtyQuietly, saveIntervalMillis, saveIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Opens the store and puts every stored torrent back into the engine. Never fails for one bad torrent. */
    public CompletionStage<RestoreReport> restore() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                store.open();
                SessionSettings saved = store.loadSettings();
                applyToEngine(saved);
                settings = saved;
                List<StoredTorrent> stored = store.load();
                int restored = 0;
                int withoutResume = 0;
                int failed = 0;
                List<String> problems = new ArrayList<>();
                for (StoredTorrent st : stored) {
                    try {
                        Metainfo meta = Metainfo.parse(st.torrentFile());
                        ResumeData resume = st.resume();
                        if (resume == null) {
                            withoutResume++;
                            problems.add(st.infoHash() + ": " + (st.problem() == null ? "no resume data" : st.problem())
                                    + " — checking its files");
                        }
                        Path saveDir = resume != null ? resume.saveDir() : defaultSaveDir;
                        handles.put(meta.infoHash(), await(engine.add(meta, TorrentOptions.defaults(saveDir), resume)));
                        restored++;
                    } catch (BadTorrentException | RuntimeException e) {
                        failed++;
                        problems.add(st.infoHash() + ": cannot restore: " + e.getMessage());
                    }
                }
                problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
                LOG.log(System.Logger.Level.INFO, "session: restored {0} torrents ({1} to check) from {2}; {3} failed",
                        restored, withoutResume, store.describe(), failed);
                return new RestoreReport(restored, withoutResume, failed, problems);
            } catch (PersistenceException e) {
                throw new SessionException("cannot open the session store: " + e.getMessage(), e);
            }
        }, io);
    }

    /** Adds a torrent: into the engine, then into the store (metainfo and first resume data). */
    public CompletionStage<TorrentHandle> add(byte[] torrentFile, TorrentOptions options) {
        Metainfo meta;
        try {
            meta = Metainfo.parse(torrentFile);
        } catch (BadTorrentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return engine.add(meta, options, null).toCompletionStage()
                .thenCompose(h -> h.resumeData().toCompletionStage().thenApplyAsync(resume -> {
                    try {
                        store.add(meta.infoHash(), torrentFile, resume);
                    } catch (PersistenceException e) {
                        throw new SessionException("torrent added but not saved: " + e.getMessage(), e);
                    }
                    handles.put(meta.infoHash(), h);
                    return h;
                }, io));
    }

    /** Removes a torrent from the engine (and its files, if asked) and from the store. */
    public CompletionStage<Void> remove(InfoHash infoHash, boolean deleteFiles) {
        return engine.remove(infoHash, deleteFiles).toCompletionStage().thenRunAsync(() -> {
            handles.remove(infoHash);
            dirty.remove(infoHash);
            try {
                store.remove(infoHash);
            } catch (PersistenceException e) {
                throw new SessionException("torrent removed but the store kept it: " + e.getMessage(), e);
            }
        }, io);
    }

    /** Session-wide download and upload limits in bytes/s (0 = unlimited): applied, then stored. */
    public CompletionStage<Void> setRateLimits(long down, long up) {
        return updateSettings(s -> s.withRateLimits(down, up)).thenApply(s -> null);
    }

    /** The session settings in force (as stored: 0 and "" mean the server's defaults). */
    public SessionSettings settings() {
        return settings;
    }

    /**
     * Changes the session settings: {@code change} gets the settings in force, the result is applied
     * to the engine and then stored. Changes run one at a time on the store thread, so two
     * concurrent updates of different fields both take effect. Fails with {@link SessionException}
     * when the engine refuses a value (nothing changes) or when the store fails (the engine keeps
     * the new values, as the session does, until a restart).
     */
    public CompletionStage<SessionSettings> updateSettings(UnaryOperator<SessionSettings> change) {
        return CompletableFuture.supplyAsync(() -> {
            SessionSettings next = change.apply(settings);
            applyToEngine(next);
            settings = next;
            try {
                store.saveSettings(next);
            } catch (PersistenceException e) {
                throw new SessionException("settings applied but not saved: " + e.getMessage(), e);
            }
            return next;
        }, io);
    }

    /** Blocking (store thread): the engine's limits as the settings say; "not set" is the engine's start value. */
    private void applyToEngine(SessionSettings s) {
        await(engine.setRateLimits(s.downloadLimit(), s.uploadLimit()));
        await(engine.setMaxConnections(s.maxConnections() > 0 ? s.maxConnections() : engine.config().maxConnections()));
        await(engine.setMaxConcurrentChecks(s.maxConcurrentChecks() > 0 ? s.maxConcurrentChecks()
                : engine.config().maxConcurrentChecks()));
    }

    public TorrentHandle handle(InfoHash infoHash) {
        return handles.get(infoHash);
    }

    public List<TorrentHandle> handles() {
        return List.copyOf(handles.values());
    }

    /** The last failed save (e.g. "no space left on device"), or null; for health and the UI. */
    public String lastSaveError() {
        return lastSaveError;
    }

    /** Marks a torrent for the next save (after user changes the engine does not report, if any). */
    public void markDirty(InfoHash infoHash) {
        dirty.add(infoHash);
    }

    /** Saves the resume data of every changed torrent now; completes when written. */
    public CompletionStage<Void> saveDirty() {
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        for (InfoHash h : List.copyOf(dirty)) {
            TorrentHandle handle = handles.get(h);
            dirty.remove(h);
            if (handle == null) {
                continue;
            }
            saves.add(handle.resumeData().toCompletionStage().thenAcceptAsync(resume -> {
                try {
                    store.saveResume(resume);
                    lastSaveError = null;
                } catch (PersistenceException e) {
                    // Keep it dirty: the next round retries; the previous state on disk stays intact.
                    dirty.add(h);
                    lastSaveError = e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, "saving resume data of {0} failed: {1}", h, e.getMessage());
                }
            }, io).toCompletableFuture());
        }
        return CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new));
    }

    private void saveDirtyQuietly() {
        try {
            saveDirty().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "periodic save failed: {0}", e.toString());
        }
    }

    /** Graceful stop: every torrent's resume data is saved, then the store closes. */
    @Override
    public void close() {
        timer.shutdownNow();
        handles.keySet().forEach(dirty::add);
        try {
            saveDirty().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "final save failed: {0}", e.toString());
        }
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SessionException(cause.getMessage(), cause);
        }
    }

    /** A session operation failed; the message is meant for the user. */
    public static final class SessionException extends RuntimeException {
        public SessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
