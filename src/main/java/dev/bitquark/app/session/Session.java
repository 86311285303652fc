package dev.bitquark.app.session;

import dev.bitquark.app.persistence.PersistenceException;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.persistence.SessionStore;
import dev.bitquark.app.persistence.StoredMagnet;
import dev.bitquark.app.persistence.StoredTorrent;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.EngineListener;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import io.vertx.core.Future;
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
 * saved every {@code saveInterval} (and on shutdown); resume data the store already holds unchanged
 * is not written again ({@link StoredResume}). Pieces completed in between go to a
 * {@link PieceJournal}, so a killed process hashes them again at the next start instead of
 * downloading them again. Store and journal I/O run on one dedicated thread (saves never overlap
 * and never touch an event loop); methods are thread-safe and return futures.
 *
 * <p>A magnet link without metadata yet is stored as its link ({@link SessionStore#saveMagnet}), so
 * the fetch goes on after a restart; once the engine reports the metadata, the torrent is stored
 * with the .torrent file made from it, which replaces the link.
 */
public final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** What a restore found, for the log and the health check. */
    public record RestoreReport(int restored, int withoutResume, int failed, List<String> problems, int magnets) {
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
    private final WrittenPieces written;
    /** Saves of resume data the store already holds are skipped (see {@link StoredResume}). */
    private final StoredResume inStore = new StoredResume();
    /** Snapshots are numbered so that a late one never overwrites a newer one (see {@link #save}). */
    private final SnapshotOrder order = new SnapshotOrder();
    /** Magnets stored as links, whose .torrent is not stored yet. */
    private final Map<InfoHash, StoredMagnet> magnets = new ConcurrentHashMap<>();
    private volatile String lastSaveError;
    private final java.util.concurrent.atomic.AtomicLong savePasses = new java.util.concurrent.atomic.AtomicLong();
    /** Settings in force; written only on the store thread, after the engine took them. */
    private volatile SessionSettings settings = SessionSettings.DEFAULTS;
    private final Library library = new Library(this);

    /**
     * @param journalDir where the piece journal lives (in the data dir, whatever the store), or null
     *     for none
     */
    public Session(Engine engine, SessionStore store, Path defaultSaveDir, long saveIntervalMillis, Path journalDir) {
        this.engine = engine;
        this.store = store;
        this.defaultSaveDir = defaultSaveDir;
        this.journal = journalDir == null ? null : new PieceJournal(journalDir);
        this.written = journal == null ? null : new WrittenPieces(journal, io, handles::containsKey);
        engine.setListener(new EngineListener() {
            @Override
            public void pieceWritten(InfoHash torrent, int piece) {
                if (written != null) {
                    written.add(torrent, piece);
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

            @Override
            public void metadataReceived(InfoHash torrent, Metainfo metainfo) {
                // Store the .torrent now rather than at the next periodic save: it replaces the magnet link.
                dirty.add(torrent);
                save(torrent);
            }
        });
        timer.scheduleWithFixedDelay(this::saveDirtyQuietly, saveIntervalMillis, saveIntervalMillis, TimeUnit.MILLISECONDS);
    }

    public Session(Engine engine, SessionStore store, Path defaultSaveDir, long saveIntervalMillis) {
        this(engine, store, defaultSaveDir, saveIntervalMillis, null);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Torrents being added to the engine at once while the session is restored. */
    private static final int RESTORE_WINDOW = 64;

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
                // Adds go to the engine without waiting for each (a round trip apiece made 5,000 torrents take
                // seconds); at most RESTORE_WINDOW are in flight, so peers of those already in are served.
                java.util.ArrayDeque<Map.Entry<InfoHash, io.vertx.core.Future<TorrentHandle>>> adding =
                        new java.util.ArrayDeque<>();
                for (StoredTorrent st : stored) {
                    try {
                        Metainfo meta = Metainfo.parse(st.torrentFile());
                        ResumeData resume = st.resume();
                        if (resume != null && st.problem() == null) {
                            // Loaded as saved (not from a fallback): the first save after the check can be skipped.
                            inStore.confirmed(st.infoHash(), StoredResume.digest(resume));
                        }
                        if (resume != null && journal != null) {
                            resume = journal.merge(resume); // what the store holds plus pieces to hash again
                        }
                        if (resume == null) {
                            withoutResume++;
                            problems.add(st.infoHash() + ": " + (st.problem() == null ? "no resume data" : st.problem())
                                    + " — checking its files");
                        }
                        Path saveDir = resume != null ? resume.saveDir() : defaultSaveDir;
                        adding.add(Map.entry(meta.infoHash(),
                                engine.add(meta, confined(TorrentOptions.defaults(saveDir)), resume)));
                    } catch (BadTorrentException | RuntimeException e) {
                        failed++;
                        problems.add(st.infoHash() + ": cannot restore: " + e.getMessage());
                    }
                    while (adding.size() > (st == stored.getLast() ? 0 : RESTORE_WINDOW)) {
                        Map.Entry<InfoHash, io.vertx.core.Future<TorrentHandle>> a = adding.poll();
                        try {
                            handles.put(a.getKey(), await(a.getValue()));
                            restored++;
                        } catch (RuntimeException e) {
                            failed++;
                            problems.add(a.getKey() + ": cannot restore: " + e.getMessage());
                        }
                    }
                }
                int fetching = 0;
                for (StoredMagnet m : store.loadMagnets()) {
                    try {
                        Magnet magnet = Magnet.parse(m.magnetUri());
                        TorrentOptions options = TorrentOptions.defaults(m.saveDir())
                                .withRateLimits(m.downloadLimit(), m.uploadLimit()).withSequential(m.sequential())
                                .withPolicy(m.policy());
                        if (m.maxConnections() > 0) {
                            options = options.withMaxConnections(m.maxConnections());
                        }
                        handles.put(m.infoHash(), await(engine.addMagnet(magnet, confined(options), m.paused(),
                                m.queueOrder())));
                        magnets.put(m.infoHash(), m);
                        fetching++;
                    } catch (BadMagnetException | SessionException e) {
                        failed++;
                        problems.add(m.infoHash() + ": cannot restore the magnet link: " + e.getMessage());
                    }
                }
                problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
                LOG.log(System.Logger.Level.INFO, "session: restored {0} torrents ({1} to check) and {4} magnet links "
                        + "still fetching metadata from {2}; {3} failed",
                        restored, withoutResume, store.describe(), failed, fetching);
                return new RestoreReport(restored, withoutResume, failed, problems, fetching);
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
        return engine.add(meta, confined(options), null).toCompletionStage()
                .thenCompose(h -> h.resumeData().toCompletionStage().thenApplyAsync(resume -> {
                    try {
                        store.add(meta.infoHash(), torrentFile, resume);
                        inStore.confirmed(meta.infoHash(), StoredResume.digest(resume));
                    } catch (PersistenceException e) {
                        // Not in the store means not in the session: take it out of the engine again
                        // rather than leave a torrent that downloads unlisted and is gone after a restart.
                        if (!handles.containsKey(meta.infoHash())) {
                            engine.remove(meta.infoHash(), false);
                        }
                        throw new SessionException("torrent not added: it could not be saved: " + e.getMessage(), e);
                    }
                    handles.put(meta.infoHash(), h);
                    return h;
                }, io));
    }

    /**
     * Adds a torrent from a magnet link (BEP 9): into the engine, which fetches its metadata from
     * peers, then into the store as the link (kept until the metadata arrives, across restarts).
     * A magnet for a torrent already in the session returns its handle.
     */
    public CompletionStage<TorrentHandle> addMagnet(String magnetUri, TorrentOptions options) {
        return addMagnet(magnetUri, options, false);
    }

    /**
     * As {@link #addMagnet(String, TorrentOptions)}; with {@code stopAfterMetadata} (and not paused) the
     * link fetches its metadata and the torrent it becomes starts paused, before checking or writing, so
     * that files can be chosen first. (A restart before the metadata arrives fetches it as a plain link.)
     */
    public CompletionStage<TorrentHandle> addMagnet(String magnetUri, TorrentOptions options, boolean stopAfterMetadata) {
        Magnet magnet;
        try {
            magnet = Magnet.parse(magnetUri);
        } catch (BadMagnetException e) {
            return CompletableFuture.failedFuture(e);
        }
        InfoHash h = magnet.infoHash();
        var added = stopAfterMetadata && !options.startPaused()
                ? engine.addMagnet(magnet, confined(options).withStartPaused(true), false)
                : engine.addMagnet(magnet, confined(options));
        return added.toCompletionStage().thenApplyAsync(handle -> {
            if (handles.containsKey(h)) {
                return handles.get(h);
            }
            StoredMagnet stored = new StoredMagnet(h, magnetUri, options.saveDir(), options.startPaused(),
                    System.currentTimeMillis(), options.downloadLimit(), options.uploadLimit(), options.sequential(),
                    options.maxConnections(), options.policy(), 0);
            if (!handle.hasMetadata()) {
                try {
                    store.saveMagnet(stored);
                } catch (PersistenceException e) {
                    engine.remove(h, false);
                    throw new SessionException("magnet link not added: it could not be saved: " + e.getMessage(), e);
                }
            }
            // Even if the metadata won the race, the next save stores the torrent from the magnet's entry.
            magnets.put(h, stored);
            handles.put(h, handle);
            if (handle.hasMetadata()) {
                save(h); // the metadata came before this: store the torrent now, as metadataReceived would have
            }
            return handle;
        }, io);
    }

    /**
     * {@code options} with the download folder as the folder the torrent's writes, moves and deletes must stay
     * inside (links resolved, checked by the storage whenever it writes): every torrent of the session is confined
     * to it, whatever path reached the engine.
     */
    private TorrentOptions confined(TorrentOptions options) {
        return options.withDownloadRoot(defaultSaveDir);
    }

    /** Removes a torrent from the engine (and its files, if asked) and from the store. */
    public CompletionStage<Void> remove(InfoHash infoHash, boolean deleteFiles) {
        // The engine lets the torrent go even when deleting its files fails (a disk error, a folder swapped for a
        // link to somewhere else): the session forgets it too, then reports what was not deleted.
        return engine.remove(infoHash, deleteFiles).toCompletionStage().handleAsync((done, failed) -> {
            Throwable cause = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null
                    ? failed.getCause() : failed;
            forget(infoHash);
            if (cause != null && !(cause instanceof EngineException ee && ee.kind() == EngineException.Kind.NOT_FOUND)) {
                throw new SessionException("the torrent was removed, but its files were not deleted: "
                        + cause.getMessage(), cause);
            }
            return null;
        }, io);
    }

    /** Store thread: takes a removed torrent out of the session and the store. */
    private void forget(InfoHash infoHash) {
        handles.remove(infoHash);
        magnets.remove(infoHash);
        dirty.remove(infoHash);
        if (journal != null) {
            journal.remove(infoHash);
        }
        inStore.forget(infoHash);
        order.forget(infoHash);
        try {
            store.remove(infoHash);
        } catch (PersistenceException e) {
            throw new SessionException("torrent removed but the store kept it: " + e.getMessage(), e);
        }
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
        await(engine.setRateLimits(s.effectiveDownloadLimit(), s.effectiveUploadLimit()));
        await(engine.setMaxConnections(s.maxConnections() > 0 ? s.maxConnections() : engine.config().maxConnections()));
        await(engine.setMaxConcurrentChecks(s.maxConcurrentChecks() > 0 ? s.maxConcurrentChecks()
                : engine.config().maxConcurrentChecks()));
        await(engine.setQueueSettings(s.queue()));
        await(engine.setDefaultSeedGoals(s.seedGoals()));
    }

    /** The session's categories and tags, and the torrents filed under them. */
    public Library library() {
        return library;
    }

    /**
     * Moves torrents in the queue (see {@code Engine.queueMove}); completes once the torrents whose place changed
     * are stored (the engine reports them changed before the move completes).
     */
    public CompletionStage<Void> queueMove(java.util.Collection<InfoHash> hashes, dev.bitquark.engine.QueueMove move) {
        return engine.queueMove(hashes, move).toCompletionStage().thenCompose(v -> saveDirty());
    }

    /** Moves one torrent to a place in the queue (0 first); completes once the changed places are stored. */
    public CompletionStage<Void> queueMoveTo(InfoHash hash, int position) {
        return engine.queueMoveTo(hash, position).toCompletionStage().thenCompose(v -> saveDirty());
    }

    public TorrentHandle handle(InfoHash infoHash) {
        return handles.get(infoHash);
    }

    public List<TorrentHandle> handles() {
        return List.copyOf(handles.values());
    }

    /** Why the store cannot be reached now (a database that does not answer), or null; blocking, a few seconds. */
    public String storeProblem() {
        return store.problem();
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
        List<CompletableFuture<Boolean>> saves = new ArrayList<>();
        for (InfoHash h : List.copyOf(dirty)) {
            saves.add(save(h));
        }
        return CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new));
    }

    /**
     * Saves one torrent's state now: its resume data; for a magnet, its link (paused or not) while
     * the metadata is missing, and the .torrent made from the metadata once it is there. The future
     * completes with false if the store refused the write (the torrent stays dirty and the next
     * round retries), true otherwise.
     *
     * <p>Saves may overlap (the periodic one, a user's change, shutdown) and a snapshot can take
     * longer than a later one (file times are read on a disk worker): each is numbered as it is
     * asked for, and one older than what the store already holds is dropped, never written over it.
     */
    private CompletableFuture<Boolean> save(InfoHash h) {
        TorrentHandle handle = handles.get(h);
        dirty.remove(h);
        if (handle == null) {
            return CompletableFuture.completedFuture(true);
        }
        StoredMagnet magnet = magnets.get(h);
        if (magnet != null && !handle.hasMetadata()) {
            // Before its metadata, a torrent is stored as its link with the settings given so far.
            SnapshotOrder.Numbered<Future<StoredMagnet>> now = order.take(() -> handle.metadataProgress()
                    .flatMap(p -> handle.stats().flatMap(st -> handle.currentLink().map(link -> {
                        StoredMagnet m = magnet.withSettings(Path.of(st.saveDir()), p.paused(), st.downloadLimit(),
                                st.uploadLimit(), st.sequential(), st.maxConnections())
                                .withSessionParts(st.policy(), st.queueOrder());
                        return link == null ? m : m.withLink(link.toUri());
                    }))));
            long seq = now.seq();
            return now.snapshot().toCompletionStage().thenApplyAsync(current -> {
                StoredMagnet before = magnets.get(h);
                if (stale(h, seq) || before == null || current.equals(before)) {
                    return true; // a newer state is stored, the torrent is gone or stored whole, or nothing changed
                }
                boolean ok = write(h, "the magnet link", () -> store.saveMagnet(current));
                if (ok) {
                    magnets.replace(h, before, current);
                    order.stored(h, seq);
                }
                return ok;
            }, io).toCompletableFuture();
        }
        SnapshotOrder.Numbered<Future<ResumeData>> snapshot = order.take(handle::resumeData);
        long seq = snapshot.seq();
        return snapshot.snapshot().toCompletionStage().thenApplyAsync(resume -> {
            if (stale(h, seq)) {
                return true;
            }
            if (magnet != null && magnets.containsKey(h)) {
                // The metadata arrived: the .torrent file replaces the stored magnet link.
                if (!write(h, "the torrent file", () -> store.add(h, handle.metainfo().torrentBytes(), resume))) {
                    return false;
                }
                magnets.remove(h);
            } else {
                byte[] digest = StoredResume.digest(resume);
                if (!inStore.holds(h, digest)) {
                    if (!write(h, "resume data", () -> store.saveResume(resume))) {
                        // The next round writes it again (also if the save was unconfirmed).
                        inStore.forget(h);
                        return false;
                    }
                    inStore.confirmed(h, digest);
                }
            }
            order.stored(h, seq);
            if (journal != null) {
                journal.saved(resume);
            }
            return true;
        }, io).toCompletableFuture();
    }

    /**
     * On the store thread: true if the snapshot numbered {@code seq} must not be written, because
     * the torrent was removed since it was asked for, or a newer snapshot is already stored.
     */
    private boolean stale(InfoHash h, long seq) {
        return !handles.containsKey(h) || order.outdated(h, seq);
    }

    /**
     * Saves one torrent now and fails if the store did not take it: for changes the caller must
     * not acknowledge before they are on disk (a moved folder).
     */
    public CompletionStage<Void> saveNow(InfoHash h) {
        return save(h).thenAccept(ok -> {
            if (!ok) {
                throw new SessionException("not saved: " + lastSaveError, null);
            }
        });
    }

    private interface StoreWrite {
        void run() throws PersistenceException;
    }

    /** Runs one store write on the io thread; a failure keeps the torrent dirty (the next round retries). */
    private boolean write(InfoHash h, String what, StoreWrite w) {
        try {
            w.run();
            lastSaveError = null;
            return true;
        } catch (PersistenceException e) {
            // The previous state on disk stays intact.
            dirty.add(h);
            lastSaveError = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "saving {0} of {1} failed: {2}", what, h, e.getMessage());
            return false;
        }
    }

    private void saveDirtyQuietly() {
        try {
            saveDirty().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "periodic save failed: {0}", e.toString());
        }
        savePasses.incrementAndGet();
    }

    /** Periodic save passes done so far (whether they had anything to save): tests wait for these, not for time. */
    public long savePasses() {
        return savePasses.get();
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
        // The journal and the store are closed by the store thread itself, after every save queued
        // before: never under a save still running (the journal is single-threaded).
        io.execute(() -> {
            if (journal != null) {
                journal.close();
            }
            store.close();
        });
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "session store still busy at shutdown; left open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
