package dev.bitquark.app.persistence;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The default {@link SessionStore}: plain files in the data folder.
 * <pre>
 *   session.bq[.1]              the torrents of the session in added order ({@link AtomicFile})
 *   settings.bq[.1]             session-wide settings ({@link AtomicFile})
 *   torrents/&lt;hex&gt;.torrent     metainfo, written atomically once when the torrent is added
 *   resume/&lt;hex&gt;.resume[.1]    resume data ({@link AtomicFile}, {@link ResumeDataCodec})
 *   magnets/&lt;hex&gt;.magnet[.1]   magnet links without metadata yet ({@link AtomicFile}, {@link MagnetCodec});
 *                               deleted once the torrent's .torrent file is stored
 *   damaged/                    files of torrents that could not be restored, kept for the user
 * </pre>
 * The session list decides what is in the session, but a .torrent file that the list does not
 * name is restored anyway (and logged): a torrent is never dropped silently. Adding writes the
 * resume data and .torrent file before the list; removing writes the list (with the torrent marked
 * "removing") before deleting the files, so a crash in between is finished at the next start
 * instead of bringing the torrent back.
 *
 * <p>{@link #load()} throws only when the folders cannot be used. A damaged session list falls back
 * to its previous generation, else is rebuilt from {@code torrents/}; damaged resume data falls
 * back to its previous generation, else the torrent comes back without it (full check); a missing
 * or damaged .torrent file makes that torrent unrestorable: its files move to {@code damaged/} and
 * it is counted in {@link #lastLoad()}.
 *
 * <p>Thread-safe: all operations are serialized by one lock. Blocking I/O: call from a worker
 * thread. {@link #load()} must come before {@link #add}, {@link #saveResume} and {@link #remove},
 * which rewrite the session list from the loaded state.
 */
public final class FileSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger(FileSessionStore.class.getName());
    private static final Pattern TORRENT_NAME = Pattern.compile("([0-9a-f]{40})\\.torrent");
    private static final Pattern RESUME_NAME = Pattern.compile("([0-9a-f]{40})\\.resume(\\.1)?");

    private final Path dataDir;
    private final Path torrentsDir;
    private final Path resumeDir;
    private final Path damagedDir;
    private final Path magnetsDir;
    private final MagnetFiles magnets;
    private final Io io;
    private final AtomicFile sessionFile;
    private final AtomicFile settingsFile;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}: the session in added order, value = added-at ms. */
    private final LinkedHashMap<InfoHash, Long> torrents = new LinkedHashMap<>();
    /** Guarded by {@link #lock}: removed torrents whose files may still exist. */
    private final Set<InfoHash> removing = new LinkedHashSet<>();
    private boolean open;
    private boolean loaded;
    private volatile LoadReport lastLoad = LoadReport.NONE;

    public FileSessionStore(Path dataDir) {
        this(dataDir, Io.SYSTEM);
    }

    FileSessionStore(Path dataDir, Io io) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.torrentsDir = this.dataDir.resolve("torrents");
        this.resumeDir = this.dataDir.resolve("resume");
        this.damagedDir = this.dataDir.resolve("damaged");
        this.magnetsDir = this.dataDir.resolve("magnets");
        this.magnets = new MagnetFiles(magnetsDir, io);
        this.io = io;
        this.sessionFile = new AtomicFile(this.dataDir.resolve("session.bq"), io);
        this.settingsFile = new AtomicFile(this.dataDir.resolve("settings.bq"), io);
    }

    @Override
    public void open() throws PersistenceException {
        lock.lock();
        try {
            for (Path d : List.of(dataDir, torrentsDir, resumeDir, magnetsDir)) {
                try {
                    Files.createDirectories(d);
                } catch (IOException e) {
                    throw new PersistenceException("data folder " + d + " cannot be created: " + e.getMessage(), e);
                }
                if (!Files.isWritable(d)) {
                    throw new PersistenceException("data folder " + d + " is not writable");
                }
            }
            for (Path d : List.of(dataDir, torrentsDir, resumeDir, magnetsDir)) {
                AtomicFile.cleanup(d);
            }
            open = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredTorrent> load() throws PersistenceException {
        lock.lock();
        try {
            ensureOpen();
            return new Loader().run();
        } finally {
            lock.unlock();
        }
    }

    /** What the last {@link #load()} found (restored, damaged, fallbacks), for logs and health. */
    public LoadReport lastLoad() {
        return lastLoad;
    }

    /** One load: reads the list, restores each torrent, repairs the list. Runs under the lock. */
    private final class Loader {
        private final List<String> problems = new ArrayList<>();
        private final List<LoadReport.Damaged> damaged = new ArrayList<>();
        private final List<StoredTorrent> out = new ArrayList<>();
        private final LinkedHashMap<InfoHash, Long> restored = new LinkedHashMap<>();
        private int withoutResume;
        private int fromPrevious;

        List<StoredTorrent> run() throws PersistenceException {
            AtomicFile.Loaded<SessionList> ls = sessionFile.read(SessionList::decode);
            problems.addAll(ls.problems());
            SessionList list = ls.value() != null ? ls.value() : SessionList.EMPTY;
            String source = switch (ls.generation()) {
                case CURRENT -> "session.bq";
                case PREVIOUS -> "session.bq.1 (previous generation)";
                case NONE -> ls.damaged() ? "rebuilt from torrents/" : "new session";
            };
            LOG.log(ls.damaged() ? Level.WARNING : Level.INFO, "session list: {0}", ls.describe(sessionFile.path()));

            TreeMap<InfoHash, Path> onDisk = StoreFolders.scan(torrentsDir, TORRENT_NAME);
            Set<InfoHash> stillRemoving = new LinkedHashSet<>();
            for (InfoHash h : list.removing()) {
                // A removal that wrote the list but not yet deleted the files: finish it.
                if (!deleteTorrentFiles(h)) {
                    stillRemoving.add(h);
                }
                onDisk.remove(h);
            }
            for (SessionList.Entry e : list.torrents()) {
                restore(e.infoHash(), onDisk.remove(e.infoHash()), e.addedAtMillis());
            }
            int unlisted = restoreUnlisted(onDisk);
            keepOrphanResumeFiles(stillRemoving);

            torrents.clear();
            torrents.putAll(restored);
            removing.clear();
            removing.addAll(stillRemoving);
            loaded = true;
            // Repairs are written back: a list read from .1, rebuilt, or naming damaged, unlisted
            // or removed torrents. A new, empty session writes nothing.
            boolean changed = ls.generation() == AtomicFile.Generation.PREVIOUS || ls.damaged() || !damaged.isEmpty()
                    || unlisted > 0 || !list.removing().equals(stillRemoving);
            if (changed) {
                try {
                    writeList();
                } catch (PersistenceException e) {
                    // Keep going: the list in memory is right and the next change writes it.
                    problems.add("session list not rewritten: " + e.getMessage());
                    LOG.log(Level.WARNING, "session list not rewritten after repairs: {0}", e.getMessage());
                }
            }
            LoadReport report = new LoadReport(source, out.size(), withoutResume, fromPrevious, unlisted, damaged, problems);
            lastLoad = report;
            LOG.log(report.clean() ? Level.INFO : Level.WARNING, "session: {0}", report.summary());
            return List.copyOf(out);
        }

        /** Torrent files the list does not name, restored in the order they were added. */
        private int restoreUnlisted(Map<InfoHash, Path> onDisk) {
            record Found(StoredTorrent torrent, long addedAt) {
            }
            List<Found> found = new ArrayList<>();
            for (Map.Entry<InfoHash, Path> e : onDisk.entrySet()) {
                StoredTorrent t = readTorrent(e.getKey(), e.getValue());
                if (t != null) {
                    long at = t.resume() != null && t.resume().addedAtMillis() > 0
                            ? t.resume().addedAtMillis() : StoreFolders.mtime(e.getValue());
                    found.add(new Found(t, at));
                    LOG.log(Level.WARNING, "torrent {0} was not in the session list; restored from {1}",
                            e.getKey(), e.getValue());
                }
            }
            found.sort(Comparator.comparingLong(Found::addedAt));
            for (Found f : found) {
                accept(f.torrent(), f.addedAt());
            }
            return found.size();
        }

        private void restore(InfoHash h, Path torrentFile, long addedAt) {
            if (torrentFile == null) {
                markDamaged(h, "its torrent file " + dataDir.relativize(torrentPath(h)) + " is missing");
                return;
            }
            StoredTorrent t = readTorrent(h, torrentFile);
            if (t != null) {
                accept(t, addedAt);
            }
        }

        private void accept(StoredTorrent t, long addedAt) {
            out.add(t);
            restored.put(t.infoHash(), addedAt);
            if (t.resume() == null) {
                withoutResume++;
            }
            if (t.problem() != null) {
                problems.add(t.infoHash() + ": " + t.problem());
                LOG.log(Level.WARNING, "torrent {0}: {1}", t.infoHash(), t.problem());
            }
        }

        /** The torrent with its newest valid resume data, or null (and marked damaged). */
        private StoredTorrent readTorrent(InfoHash h, Path torrentFile) {
            byte[] bytes;
            Metainfo m;
            try {
                bytes = AtomicFile.readCapped(torrentFile, Metainfo.MAX_TORRENT_BYTES);
                m = Metainfo.parse(bytes);
            } catch (IOException | PersistenceException | BadTorrentException | RuntimeException e) {
                markDamaged(h, "its torrent file cannot be used: " + e.getMessage());
                return null;
            }
            if (!m.infoHash().equals(h)) {
                markDamaged(h, "its torrent file holds info-hash " + m.infoHash() + ", not the one in its name");
                return null;
            }
            AtomicFile.Loaded<ResumeData> lr = resumeFile(h).read(p -> checked(ResumeDataCodec.decode(p), m));
            String problem = null;
            switch (lr.generation()) {
                case CURRENT -> { }
                case PREVIOUS -> {
                    fromPrevious++;
                    problem = "resume data from the previous generation (" + String.join("; ", lr.problems()) + ")";
                }
                case NONE -> problem = lr.damaged()
                        ? "resume data unusable, full check needed (" + String.join("; ", lr.problems()) + ")"
                        : "no resume data, full check needed";
            }
            return new StoredTorrent(h, bytes, lr.value(), problem);
        }

        private void markDamaged(InfoHash h, String reason) {
            List<Path> kept = moveToDamaged(h);
            damaged.add(new LoadReport.Damaged(h, reason, kept));
            problems.add(h + ": cannot be restored: " + reason);
            LOG.log(Level.ERROR, "torrent {0} cannot be restored: {1}; its files were kept in {2}",
                    h, reason, kept.isEmpty() ? "(none left)" : kept);
        }

        /** Resume files of no torrent in the session: kept in damaged/ rather than deleted. */
        private void keepOrphanResumeFiles(Set<InfoHash> stillRemoving) throws PersistenceException {
            Set<InfoHash> orphans = new LinkedHashSet<>(StoreFolders.scan(resumeDir, RESUME_NAME).keySet());
            orphans.removeAll(restored.keySet());
            orphans.removeAll(stillRemoving);
            for (InfoHash h : orphans) {
                List<Path> kept = moveToDamaged(h);
                problems.add(h + ": resume data without a torrent file, kept in " + kept);
                LOG.log(Level.WARNING, "resume data of unknown torrent {0} moved to {1}", h, kept);
            }
        }
    }

    /** Checks that resume data fits its torrent; a mismatch makes that generation unusable. */
    private static ResumeData checked(ResumeData r, Metainfo m) throws PersistenceException {
        if (!r.infoHash().equals(m.infoHash())) {
            throw new PersistenceException("resume data belongs to torrent " + r.infoHash());
        }
        if (r.pieceCount() != m.pieceCount()) {
            throw new PersistenceException("resume data claims " + r.pieceCount() + " pieces, the torrent has "
                    + m.pieceCount());
        }
        if (r.filePriorities().size() != m.files().size()) {
            throw new PersistenceException("resume data lists " + r.filePriorities().size() + " files, the torrent has "
                    + m.files().size());
        }
        return r;
    }

    @Override
    public void add(InfoHash infoHash, byte[] torrentFile, ResumeData resume) throws PersistenceException {
        Objects.requireNonNull(infoHash, "infoHash");
        if (!resume.infoHash().equals(infoHash)) {
            throw new IllegalArgumentException("resume data of " + resume.infoHash() + " added as " + infoHash);
        }
        checkTorrentFile(infoHash, torrentFile);
        lock.lock();
        try {
            ensureLoaded();
            Path tf = torrentPath(infoHash);
            boolean hadFile = Files.exists(tf);
            boolean listed = torrents.containsKey(infoHash);
            // Resume data first, then the .torrent file, then the list: a crash in between leaves
            // either resume data alone (kept in damaged/ at the next start) or a .torrent file with
            // its resume data, which the next start restores although the list does not name it.
            try {
                resumeFile(infoHash).write(ResumeDataCodec.encode(resume));
                if (!hadFile || !StoreFolders.sameContent(tf, torrentFile)) {
                    AtomicFile.writeOnce(tf, torrentFile, io);
                }
            } catch (PersistenceException e) {
                forgetNew(infoHash, hadFile, listed);
                throw e;
            }
            if (!listed) {
                long at = resume.addedAtMillis() > 0 ? resume.addedAtMillis() : System.currentTimeMillis();
                torrents.put(infoHash, at);
                boolean wasRemoving = removing.remove(infoHash);
                try {
                    writeList();
                } catch (UnconfirmedSaveException e) {
                    // The list on disk names the torrent now: keep it, in memory and on disk.
                    throw e;
                } catch (PersistenceException e) {
                    torrents.remove(infoHash);
                    if (wasRemoving) {
                        removing.add(infoHash);
                    }
                    forgetNew(infoHash, hadFile, false);
                    throw e;
                }
            }
            // The metadata of a magnet arrived: the .torrent file now stands for it.
            deleteMagnet(infoHash);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveMagnet(StoredMagnet magnet) throws PersistenceException {
        lock.lock();
        try {
            ensureOpen();
            if (torrents.containsKey(magnet.infoHash()) || Files.exists(torrentPath(magnet.infoHash()))) {
                LOG.log(Level.DEBUG, "magnet {0} not saved: the torrent is stored with its metainfo", magnet.infoHash());
                return;
            }
            magnets.save(magnet);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The stored magnets, oldest first. One whose .torrent file exists is left over from a crash
     * right after its metadata arrived and is deleted; a damaged one moves to {@code damaged/}.
     */
    @Override
    public List<StoredMagnet> loadMagnets() throws PersistenceException {
        lock.lock();
        try {
            ensureOpen();
            return magnets.load(h -> Files.exists(torrentPath(h)), this::moveToDamaged);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes a magnet's files; a failure is logged (the next load deletes a magnet whose torrent exists). */
    private void deleteMagnet(InfoHash h) {
        magnets.delete(h);
    }

    /** After a failed add: takes back the files of a new torrent, so the next start does not restore it. */
    private void forgetNew(InfoHash h, boolean hadFile, boolean listed) {
        if (!hadFile && !listed) {
            deleteTorrentFiles(h);
        }
    }

    /** Ignores torrents no longer in the session (a save racing a removal). */
    @Override
    public void saveResume(ResumeData resume) throws PersistenceException {
        lock.lock();
        try {
            ensureLoaded();
            if (!torrents.containsKey(resume.infoHash())) {
                LOG.log(Level.DEBUG, "resume data of {0} not saved: not in the session", resume.infoHash());
                return;
            }
            resumeFile(resume.infoHash()).write(ResumeDataCodec.encode(resume));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(InfoHash infoHash) throws PersistenceException {
        lock.lock();
        try {
            ensureLoaded();
            deleteMagnet(infoHash);
            if (!torrents.containsKey(infoHash)) {
                return;
            }
            LinkedHashMap<InfoHash, Long> before = new LinkedHashMap<>(torrents);
            torrents.remove(infoHash);
            removing.add(infoHash);
            try {
                writeList();
            } catch (UnconfirmedSaveException e) {
                // The list on disk says "removing" now. The files stay until the next start
                // finishes the removal, so a power loss that undoes the list leaves a whole torrent.
                throw e;
            } catch (PersistenceException e) {
                torrents.clear();
                torrents.putAll(before);
                removing.remove(infoHash);
                throw e;
            }
            if (deleteTorrentFiles(infoHash)) {
                removing.remove(infoHash);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SessionSettings loadSettings() throws PersistenceException {
        lock.lock();
        try {
            ensureOpen();
            AtomicFile.Loaded<SessionSettings> l = settingsFile.read(SettingsCodec::decode);
            if (l.damaged()) {
                LOG.log(Level.WARNING, "settings: {0}", l.describe(settingsFile.path()));
            }
            return l.value() != null ? l.value() : SessionSettings.DEFAULTS;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveSettings(SessionSettings settings) throws PersistenceException {
        lock.lock();
        try {
            ensureOpen();
            settingsFile.write(SettingsCodec.encode(settings));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "files " + dataDir;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            loaded = false;
        } finally {
            lock.unlock();
        }
    }

    Path torrentPath(InfoHash h) {
        return torrentsDir.resolve(h.toHex() + ".torrent");
    }

    AtomicFile resumeFile(InfoHash h) {
        return new AtomicFile(resumeDir.resolve(h.toHex() + ".resume"), io);
    }

    private void writeList() throws PersistenceException {
        List<SessionList.Entry> entries = new ArrayList<>(torrents.size());
        torrents.forEach((h, at) -> entries.add(new SessionList.Entry(h, at)));
        sessionFile.write(new SessionList(entries, removing).encode());
    }

    /** Deletes a torrent's .torrent and resume files; false (logged) if some are left. */
    private boolean deleteTorrentFiles(InfoHash h) {
        AtomicFile resume = resumeFile(h);
        try {
            Files.deleteIfExists(torrentPath(h));
            resume.delete();
            io.syncDir(torrentsDir);
            io.syncDir(resumeDir);
            return true;
        } catch (IOException | PersistenceException e) {
            LOG.log(Level.WARNING, "files of removed torrent {0} not deleted yet ({1}); retried at the next start",
                    h, e.getMessage());
            return false;
        }
    }

    /** Moves whatever files of {@code h} exist to damaged/; returns their new paths. */
    private List<Path> moveToDamaged(List<Path> files) {
        return StoreFolders.moveToDamaged(damagedDir, files);
    }

    private List<Path> moveToDamaged(InfoHash h) {
        AtomicFile resume = resumeFile(h);
        return moveToDamaged(List.of(torrentPath(h), resume.path(), resume.previousPath()));
    }

    private static void checkTorrentFile(InfoHash h, byte[] torrentFile) {
        InfoHash actual;
        try {
            actual = Metainfo.parse(torrentFile).infoHash();
        } catch (BadTorrentException e) {
            throw new IllegalArgumentException("torrent file of " + h + " does not parse: " + e.getMessage(), e);
        }
        if (!actual.equals(h)) {
            throw new IllegalArgumentException("torrent file holds info-hash " + actual + ", added as " + h);
        }
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("store is not open: call open() first");
        }
    }

    private void ensureLoaded() {
        ensureOpen();
        if (!loaded) {
            throw new IllegalStateException("call load() before changing the session: it rewrites the loaded list");
        }
    }
}
