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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The long-running session: the engine's torrents kept in step with a {@link SessionStore}. Adds
 * are stored before they are acknowledged; resume data of torrents the engine reports as changed is
 * saved every {@code saveInterval} (and on shutdown); resume data the store already holds unchanged
 * is not written again ({@link StoredResume}). Pieces completed in between go to a
 * {@link PieceJournal}, so a killed process hashes them again at the next start instead of
 * downloading them again. Store and journal I/O run on one dedicated thread (saves never overlap
 * and never touch an event loop); methods are thread-safe and return futures.
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
    private final PieceJournal journal;
    /** Pieces written, waiting for the store thread to journal them (engine context → store thread). */
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean journalScheduled = new AtomicBoolean();
    /** Saves of resume data the store already holds are skipped (see {@link StoredResume}). */
    private final StoredResume inStore = new StoredResume();
    private volatile String lastSaveError;

    private record Written(InfoHash torrent, int piece) {
    }

    /**
     * @param journalDir where the piece journal lives (in the data dir, whatever the store), or null
     *     for none
     */
    public Session(Engine engine, SessionStore store, Path defaultSaveDir, long saveIntervalMillis, Path journalDir) {
        this.engine = engine;
        this.store = store;
        this.defaultSaveDir = defaultSaveDir;
        this.journal = journalDir == null ? null : new PieceJournal(journalDir);
        engine.setListener(new EngineListener() {
            @Override
            public void pieceWritten(InfoHash torrent, int piece) {
                if (journal != null) {
                    written.add(new Written(torrent, piece));
                    if (journalScheduled.compareAndSet(false, true)) {
                        io.execute(Session.this::drainJournal);
                    }
                }
            }

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

    public Session(Engine engine, SessionStore store, Path defaultSaveDir, long saveIntervalMillis) {
        this(engine, store, defaultSaveDir, saveIntervalMillis, null);
    }

    /** Store thread: appends the queued pieces, grouped by torrent. */
    private void drainJournal() {
        journalScheduled.set(false);
        Map<InfoHash, int[]> batch = new java.util.HashMap<>();
        Map<InfoHash, Integer> counts = new java.util.HashMap<>();
        for (Written w; (w = written.poll()) != null; ) {
            int n = counts.getOrDefault(w.torrent(), 0);
            int[] pieces = batch.computeIfAbsent(w.torrent(), k -> new int[64]);
            if (n == pieces.length) {
                pieces = java.util.Arrays.copyOf(pieces, n * 2);
                batch.put(w.torrent(), pieces);
            }
            pieces[n] = w.piece();
            counts.put(w.torrent(), n + 1);
        }
        batch.forEach((h, pieces) -> {
            if (handles.containsKey(h)) {
                journal.append(h, pieces, counts.get(h));
            }
        });
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
                SessionSettings settings = store.loadSettings();
                await(engine.setRateLimits(settings.downloadLimit(), settings.uploadLimit()));
                List<StoredTorrent> stored = store.load();
                int restored = 0;
                int withoutResume = 0;
                int failed = 0;
                List<String> problems = new ArrayList<>();
                for (StoredTorrent st : stored) {
                    try {
                        Metainfo meta = Metainfo.parse(st.torrentFile());
                        ResumeData resume = st.resume();
                        if (resume != null && journal != null) {
                            resume = journal.merge(resume);
                        }
                        if (resume == null) {
                            withoutResume++;
                            problems.add(st.infoHash() + ": " + (st.problem() == null ? "no resume data" : st.problem())
                                    + " — checking its files");
                        }
                        if (resume != null && st.problem() == null) {
                            // Loaded as saved (not from a fallback): the first save after the check can be skipped.
                            inStore.confirmed(st.infoHash(), StoredResume.digest(resume));
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
                        inStore.confirmed(meta.infoHash(), StoredResume.digest(resume));
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
            if (journal != null) {
                journal.remove(infoHash);
            }
            inStore.forget(infoHash);
            try {
                store.remove(infoHash);
            } catch (PersistenceException e) {
                throw new SessionException("torrent removed but the store kept it: " + e.getMessage(), e);
            }
        }, io);
    }

    public CompletionStage<Void> setRateLimits(long down, long up) {
        return engine.setRateLimits(down, up).toCompletionStage().thenRunAsync(() -> {
            try {
                store.saveSettings(new SessionSettings(down, up));
            } catch (PersistenceException e) {
                throw new SessionException("limits applied but not saved: " + e.getMessage(), e);
            }
        }, io);
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
                byte[] digest = StoredResume.digest(resume);
                if (inStore.holds(h, digest)) {
                    if (journal != null) {
                        journal.saved(resume);
                    }
                    return;
                }
                try {
                    store.saveResume(resume);
                    inStore.confirmed(h, digest);
                    lastSaveError = null;
                    if (journal != null) {
                        journal.saved(resume);
                    }
                } catch (PersistenceException e) {
                    // Keep it dirty: the next round retries; the previous state on disk stays intact
                    // (or, if the save was unconfirmed, is written again).
                    inStore.forget(h);
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
        if (journal != null) {
            journal.close();
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
