package dev.bitquark.app.persistence;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import java.util.List;

/**
 * Where the session lives between runs: each torrent's metainfo and resume data, the magnet links
 * still waiting for their metadata, and the session-wide settings. Two implementations: files in the data dir (the
 * default) and PostgreSQL; both pass one contract test ({@code SessionStoreContract}).
 *
 * <p>Contract: every save is atomic and durable when it returns (a crash leaves the old or the new
 * state, never a mix or an empty file); a failed save throws and leaves the previous state intact.
 * {@link #load()} never fails because one torrent's state is damaged: such a torrent comes back with
 * {@code resume == null} (the service then rechecks it) and the damage is described in
 * {@link StoredTorrent#problem()}. Blocking: call from a worker thread, never an event loop.
 */
public interface SessionStore extends AutoCloseable {

    /** Creates folders/tables as needed and cleans up leftovers of interrupted saves. */
    void open() throws PersistenceException;

    /** Every stored torrent, in the order they were added. */
    List<StoredTorrent> load() throws PersistenceException;

    /**
     * Stores a torrent's metainfo (once, when added) and its first resume data. A magnet stored
     * for the same info-hash ({@link #saveMagnet}) is replaced: its metadata has arrived. Adding a torrent that is
     * stored already replaces its metainfo and resume data and keeps its place in the order of {@link #load()}
     * (an add retried after a save that was not confirmed must not fail).
     */
    void add(InfoHash infoHash, byte[] torrentFile, ResumeData resume) throws PersistenceException;

    /**
     * Stores a torrent added from a magnet link that has no metadata yet, or replaces what was
     * stored for it (e.g. its paused flag). Ignored if the torrent is already stored with its metainfo.
     */
    void saveMagnet(StoredMagnet magnet) throws PersistenceException;

    /**
     * Every stored magnet that has no metadata yet, in the order they were added to the session (by their
     * {@code addedAtMillis}; PostgreSQL orders equal times as they were first stored, files by info-hash). A
     * damaged one is left out (and reported in the log), never failing the whole load.
     */
    List<StoredMagnet> loadMagnets() throws PersistenceException;

    /**
     * Replaces the resume data of a stored torrent. Resume data of a torrent that is not stored (removed while
     * its save was on the way) is ignored: nothing is stored, nothing fails.
     */
    void saveResume(ResumeData resume) throws PersistenceException;

    /** Forgets a torrent (metainfo and resume data, or its stored magnet). Unknown hashes are ignored. */
    void remove(InfoHash infoHash) throws PersistenceException;

    SessionSettings loadSettings() throws PersistenceException;

    void saveSettings(SessionSettings settings) throws PersistenceException;

    /**
     * Why the store cannot be used right now (a database that does not answer), or null if it can; for the
     * readiness probe. Blocking, bounded by a few seconds. Files have nothing to reach: null.
     */
    default String problem() {
        return null;
    }

    /** Which backend, for logs and health ("files /var/lib/bitquark/data", "postgresql"). */
    String describe();

    @Override
    void close();
}
