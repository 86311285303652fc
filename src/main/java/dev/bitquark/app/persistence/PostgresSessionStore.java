package dev.bitquark.app.persistence;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The session in a PostgreSQL database ({@code bitquark.persistence=postgresql}), for deployments
 * whose state lives in a database rather than on a volume. Plain JDBC over a {@link DataSource} the
 * caller owns (the Agroal pool in the server, any DataSource in tests); {@link #close()} leaves it
 * open. The schema is {@code db/migration/V*.sql}, applied by Flyway before {@link #open()}.
 *
 * <p>Atomicity comes from PostgreSQL transactions: {@link #add} writes the torrent and its resume
 * data in one transaction, every other save is a single statement (an upsert for resume data and
 * settings). A commit is durable when it returns, so there are no temporary leftovers to clean up.
 * Everything round-trips exactly, except NUL characters of {@link ResumeData#error()}, which become
 * U+FFFD (PostgreSQL text cannot hold NUL).
 *
 * <p>Thread-safe: the only state is the DataSource and two volatile fields; every call borrows its
 * own connection. Blocking: call from a worker thread, never an event loop.
 */
public final class PostgresSessionStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(PostgresSessionStore.class);

    static final List<String> TABLES = List.of("torrents", "resume", "settings", "magnets");
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** Rows fetched per round trip by {@link #load()}: keeps memory flat with large .torrent files. */
    private static final int LOAD_FETCH_SIZE = 64;

    private static final String UPSERT_RESUME = """
            INSERT INTO resume (info_hash, save_dir, piece_count, have, file_priorities, file_sizes, file_mtimes,
                                uploaded_total, downloaded_total, added_at_millis, completed_at_millis, paused,
                                sequential, download_limit, upload_limit, error, unsynced, max_connections,
                                trackers, peers, session_parts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (info_hash) DO UPDATE SET
                save_dir = EXCLUDED.save_dir, piece_count = EXCLUDED.piece_count, have = EXCLUDED.have,
                file_priorities = EXCLUDED.file_priorities, file_sizes = EXCLUDED.file_sizes,
                file_mtimes = EXCLUDED.file_mtimes, uploaded_total = EXCLUDED.uploaded_total,
                downloaded_total = EXCLUDED.downloaded_total, added_at_millis = EXCLUDED.added_at_millis,
                completed_at_millis = EXCLUDED.completed_at_millis, paused = EXCLUDED.paused,
                sequential = EXCLUDED.sequential, download_limit = EXCLUDED.download_limit,
                upload_limit = EXCLUDED.upload_limit, error = EXCLUDED.error, unsynced = EXCLUDED.unsynced,
                max_connections = EXCLUDED.max_connections, trackers = EXCLUDED.trackers,
                peers = EXCLUDED.peers, session_parts = EXCLUDED.session_parts, updated_at = now()
            """;

    private static final String LOAD = """
            SELECT t.info_hash, t.torrent_file, r.info_hash IS NOT NULL, r.save_dir, r.piece_count, r.have,
                   r.file_priorities, r.file_sizes, r.file_mtimes, r.uploaded_total, r.downloaded_total,
                   r.added_at_millis, r.completed_at_millis, r.paused, r.sequential, r.download_limit,
                   r.upload_limit, r.error, r.unsynced, r.max_connections, r.trackers, r.peers, r.session_parts
            FROM torrents t LEFT JOIN resume r ON r.info_hash = t.info_hash
            ORDER BY t.added_order
            """;

    private final DataSource dataSource;
    private volatile String description = "postgresql";
    private volatile boolean closed;

    public PostgresSessionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Connects once and checks that the schema is there (Flyway creates it; this store never does). */
    @Override
    public void open() throws PersistenceException {
        try (Connection c = connect("opening the session store")) {
            DatabaseMetaData md = c.getMetaData();
            String where = location(md.getURL());
            description = "postgresql " + where;
            List<String> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                for (String table : TABLES) {
                    ps.setString(1, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            missing.add(table);
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new PersistenceException("PostgreSQL database " + where + " has no bitquark schema (missing tables "
                        + String.join(", ", missing) + "): the Flyway migrations in db/migration create it, at start-up "
                        + "when bitquark.persistence=postgresql");
            }
            LOG.infof("session store: %s (PostgreSQL %s)", where, md.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw failure("opening the session store", e);
        }
    }

    @Override
    public List<StoredTorrent> load() throws PersistenceException {
        String what = "loading the session";
        try (Connection c = connect(what)) {
            // The driver streams rows with a cursor only inside a transaction.
            c.setAutoCommit(false);
            List<StoredTorrent> torrents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(LOAD)) {
                ps.setFetchSize(LOAD_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredTorrent t = readTorrent(rs);
                        if (t != null) {
                            torrents.add(t);
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return torrents;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One row of {@link #LOAD}; damage of the resume data is reported in the result, not thrown. */
    private static StoredTorrent readTorrent(ResultSet rs) throws SQLException {
        byte[] hashBytes = rs.getBytes(1);
        if (hashBytes == null || hashBytes.length != InfoHash.LENGTH) {
            // The CHECK on torrents.info_hash makes this unreachable unless the schema was altered.
            LOG.warnf("skipping a stored torrent with a %s-byte info-hash", hashBytes == null ? "null" : hashBytes.length);
            return null;
        }
        InfoHash hash = InfoHash.of(hashBytes);
        byte[] torrentFile = rs.getBytes(2);
        if (!rs.getBoolean(3)) {
            return new StoredTorrent(hash, torrentFile, null, "no resume data stored for torrent " + hash.toHex());
        }
        try {
            return new StoredTorrent(hash, torrentFile, readResume(rs, hash), null);
        } catch (DamagedResume | IllegalArgumentException e) {
            return new StoredTorrent(hash, torrentFile, null, "resume data of torrent " + hash.toHex() + " unusable: "
                    + e.getMessage());
        }
    }

    private static ResumeData readResume(ResultSet rs, InfoHash hash) throws SQLException, DamagedResume {
        Path saveDir;
        try {
            saveDir = Path.of(rs.getString(4));
        } catch (InvalidPathException e) {
            throw new DamagedResume("save_dir is not a path: " + e.getMessage());
        }
        int pieceCount = rs.getInt(5);
        byte[] have = rs.getBytes(6);
        List<FilePriority> priorities = priorities(rs.getArray(7));
        long[] sizes = longs(rs.getArray(8), "file_sizes");
        long[] mtimes = longs(rs.getArray(9), "file_mtimes");
        String error = rs.getString(18);
        SessionPartsCodec.TorrentParts parts = trackersAndPeers(
                () -> SessionPartsCodec.torrent(rs.getBytes(23), "session_parts"));
        return new ResumeData(hash, saveDir, pieceCount, have, priorities, sizes, mtimes,
                rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getBoolean(14), rs.getBoolean(15),
                rs.getLong(16), rs.getLong(17), error, rs.getBytes(19), rs.getInt(20),
                trackersAndPeers(() -> TrackersAndPeers.decodeTrackers(rs.getBytes(21), "trackers")),
                trackersAndPeers(() -> TrackersAndPeers.decodePeers(rs.getBytes(22), "peers")),
                parts.policy(), parts.queueOrder(), parts.times(), parts.renamed());
    }

    private interface Column<T> {
        T read() throws SQLException, PersistenceException;
    }

    private static <T> T trackersAndPeers(Column<T> column) throws SQLException, DamagedResume {
        try {
            return column.read();
        } catch (PersistenceException e) {
            throw new DamagedResume(e.getMessage());
        }
    }

    private static List<FilePriority> priorities(Array array) throws SQLException, DamagedResume {
        if (array == null || !(array.getArray() instanceof String[] names)) {
            throw new DamagedResume("file_priorities is not a text array");
        }
        List<FilePriority> out = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            try {
                out.add(FilePriority.valueOf(Objects.requireNonNull(names[i], "null")));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DamagedResume("file_priorities[" + i + "] is '" + names[i] + "', not a file priority");
            }
        }
        return out;
    }

    private static long[] longs(Array array, String column) throws SQLException, DamagedResume {
        if (array == null || !(array.getArray() instanceof Long[] boxed)) {
            throw new DamagedResume(column + " is not a bigint array");
        }
        long[] out = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            if (boxed[i] == null) {
                throw new DamagedResume(column + "[" + i + "] is null");
            }
            out[i] = boxed[i];
        }
        return out;
    }

    @Override
    public void add(InfoHash infoHash, byte[] torrentFile, ResumeData resume) throws PersistenceException {
        Objects.requireNonNull(torrentFile, "torrentFile");
        if (!resume.infoHash().equals(infoHash)) {
            throw new IllegalArgumentException("resume data of " + resume.infoHash() + " added under " + infoHash);
        }
        String what = "adding torrent " + infoHash.toHex();
        try (Connection c = connect(what)) {
            c.setAutoCommit(false);
            try {
                // Adding again replaces the torrent file and its resume data and keeps its place (its added_order):
                // the contract of SessionStore.add, shared with the file store (a retried add must not fail).
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO torrents (info_hash, torrent_file) "
                        + "VALUES (?, ?) ON CONFLICT (info_hash) DO UPDATE SET torrent_file = EXCLUDED.torrent_file")) {
                    ps.setBytes(1, infoHash.toBytes());
                    ps.setBytes(2, torrentFile);
                    ps.executeUpdate();
                }
                writeResume(c, resume);
                // The metadata of a magnet arrived: the torrent row replaces the magnet row.
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM magnets WHERE info_hash = ?")) {
                    ps.setBytes(1, infoHash.toBytes());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                throw e;
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                // A pooled connection goes back as it came.
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public void saveResume(ResumeData resume) throws PersistenceException {
        String what = "saving resume data of torrent " + resume.infoHash().toHex();
        try (Connection c = connect(what)) {
            writeResume(c, resume);
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                return; // not (or no longer) stored: ignored, as the contract says (a save racing a removal)
            }
            throw failure(what, e);
        }
    }

    private static void writeResume(Connection c, ResumeData r) throws SQLException {
        List<FilePriority> priorities = r.filePriorities();
        String[] names = new String[priorities.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = priorities.get(i).name();
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_RESUME)) {
            ps.setBytes(1, r.infoHash().toBytes());
            ps.setString(2, r.saveDir().toString());
            ps.setInt(3, r.pieceCount());
            ps.setBytes(4, r.have());
            ps.setArray(5, c.createArrayOf("text", names));
            ps.setArray(6, c.createArrayOf("int8", boxed(r.fileSizes())));
            ps.setArray(7, c.createArrayOf("int8", boxed(r.fileMtimes())));
            ps.setLong(8, r.uploadedTotal());
            ps.setLong(9, r.downloadedTotal());
            ps.setLong(10, r.addedAtMillis());
            ps.setLong(11, r.completedAtMillis());
            ps.setBoolean(12, r.paused());
            ps.setBoolean(13, r.sequential());
            ps.setLong(14, r.downloadLimit());
            ps.setLong(15, r.uploadLimit());
            if (r.error() == null) {
                ps.setNull(16, Types.VARCHAR);
            } else {
                // PostgreSQL text cannot hold NUL, and an error may quote remote text (a tracker's
                // failure reason): store U+FFFD instead of failing every later save of the torrent.
                ps.setString(16, r.error().replace('\0', '\uFFFD'));
            }
            ps.setBytes(17, r.unsynced());
            ps.setInt(18, r.maxConnections());
            ps.setBytes(19, TrackersAndPeers.encodeTrackers(r.trackers()));
            ps.setBytes(20, TrackersAndPeers.encodePeers(r.peers()));
            ps.setBytes(21, SessionPartsCodec.torrentBytes(r.policy(), r.queueOrder(), r.times(), r.renamedFiles()));
            ps.executeUpdate();
        }
    }

    private static Long[] boxed(long[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void remove(InfoHash infoHash) throws PersistenceException {
        String what = "removing torrent " + infoHash.toHex();
        // ON DELETE CASCADE takes the resume row; the magnet row (if any) goes in the same statement.
        try (Connection c = connect(what);
             PreparedStatement ps = c.prepareStatement("""
                     WITH m AS (DELETE FROM magnets WHERE info_hash = ?)
                     DELETE FROM torrents WHERE info_hash = ?
                     """)) {
            ps.setBytes(1, infoHash.toBytes());
            ps.setBytes(2, infoHash.toBytes());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public void saveMagnet(StoredMagnet m) throws PersistenceException {
        String what = "saving magnet " + m.infoHash().toHex();
        // Skipped when the torrent is stored with its metainfo already (its metadata won the race).
        try (Connection c = connect(what);
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO magnets (info_hash, magnet_uri, save_dir, paused, added_at_millis,
                                          download_limit, upload_limit, sequential, max_connections, session_parts)
                     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM torrents WHERE info_hash = ?)
                     ON CONFLICT (info_hash) DO UPDATE SET magnet_uri = EXCLUDED.magnet_uri,
                         save_dir = EXCLUDED.save_dir, paused = EXCLUDED.paused,
                         download_limit = EXCLUDED.download_limit, upload_limit = EXCLUDED.upload_limit,
                         sequential = EXCLUDED.sequential, max_connections = EXCLUDED.max_connections,
                         session_parts = EXCLUDED.session_parts, updated_at = now()
                     """)) {
            ps.setBytes(1, m.infoHash().toBytes());
            ps.setString(2, m.magnetUri());
            ps.setString(3, m.saveDir().toString());
            ps.setBoolean(4, m.paused());
            ps.setLong(5, m.addedAtMillis());
            ps.setLong(6, m.downloadLimit());
            ps.setLong(7, m.uploadLimit());
            ps.setBoolean(8, m.sequential());
            ps.setInt(9, m.maxConnections());
            ps.setBytes(10, SessionPartsCodec.torrentBytes(m.policy(), m.queueOrder(),
                    dev.bitquark.engine.TorrentTimes.NONE));
            ps.setBytes(11, m.infoHash().toBytes());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Rows whose magnet link no longer parses, names another torrent or has a bad folder are logged and left out. */
    @Override
    public List<StoredMagnet> loadMagnets() throws PersistenceException {
        String what = "loading the stored magnets";
        List<StoredMagnet> out = new ArrayList<>();
        try (Connection c = connect(what);
             PreparedStatement ps = c.prepareStatement("""
                     SELECT m.info_hash, m.magnet_uri, m.save_dir, m.paused, m.added_at_millis,
                            m.download_limit, m.upload_limit, m.sequential, m.max_connections, m.session_parts
                     FROM magnets m
                     WHERE NOT EXISTS (SELECT 1 FROM torrents t WHERE t.info_hash = m.info_hash)
                     ORDER BY m.added_at_millis, m.added_order
                     """);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                InfoHash hash = InfoHash.of(rs.getBytes(1));
                String uri = rs.getString(2);
                try {
                    InfoHash linked = Magnet.parse(uri).infoHash();
                    if (!linked.equals(hash)) {
                        throw new IllegalArgumentException("the link names torrent " + linked);
                    }
                    SessionPartsCodec.TorrentParts parts = SessionPartsCodec.torrent(rs.getBytes(10), "session_parts");
                    out.add(new StoredMagnet(hash, uri, Path.of(rs.getString(3)), rs.getBoolean(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getBoolean(8), rs.getInt(9), parts.policy(),
                            parts.queueOrder()));
                } catch (IllegalArgumentException | PersistenceException e) {
                    // BadMagnetException and InvalidPathException are IllegalArgumentExceptions.
                    LOG.warnf("stored magnet %s cannot be restored: %s", hash.toHex(), e.getMessage());
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public SessionSettings loadSettings() throws PersistenceException {
        String what = "loading the session settings";
        try (Connection c = connect(what);
             PreparedStatement ps = c.prepareStatement("""
                     SELECT download_limit, upload_limit, max_connections, max_concurrent_checks,
                            default_output_folder, events_interval_millis, alt_download_limit, alt_upload_limit,
                            alt_speed, log_to_file, setup_done, library
                     FROM settings WHERE id
                     """);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return SessionSettings.DEFAULTS;
            }
            try {
                SessionPartsCodec.Library library = SessionPartsCodec.library(rs.getBytes(12), "settings.library");
                return new SessionSettings(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getBoolean(10),
                        rs.getBoolean(11), library.queue(), library.goals(), library.categories(), library.tags());
            } catch (IllegalArgumentException | NullPointerException e) {
                // The CHECKs of V1/V3 make this unreachable unless the schema was altered.
                throw new PersistenceException(what + ": the stored row is invalid: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public void saveSettings(SessionSettings settings) throws PersistenceException {
        String what = "saving the session settings";
        try (Connection c = connect(what);
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO settings (id, download_limit, upload_limit, max_connections, max_concurrent_checks,
                                           default_output_folder, events_interval_millis, alt_download_limit,
                                           alt_upload_limit, alt_speed, log_to_file, setup_done, library)
                     VALUES (true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (id) DO UPDATE SET download_limit = EXCLUDED.download_limit,
                         upload_limit = EXCLUDED.upload_limit, max_connections = EXCLUDED.max_connections,
                         max_concurrent_checks = EXCLUDED.max_concurrent_checks,
                         default_output_folder = EXCLUDED.default_output_folder,
                         events_interval_millis = EXCLUDED.events_interval_millis,
                         alt_download_limit = EXCLUDED.alt_download_limit, alt_upload_limit = EXCLUDED.alt_upload_limit,
                         alt_speed = EXCLUDED.alt_speed, log_to_file = EXCLUDED.log_to_file,
                         setup_done = EXCLUDED.setup_done, library = EXCLUDED.library, updated_at = now()
                     """)) {
            ps.setLong(1, settings.downloadLimit());
            ps.setLong(2, settings.uploadLimit());
            ps.setInt(3, settings.maxConnections());
            ps.setInt(4, settings.maxConcurrentChecks());
            // PostgreSQL text cannot hold NUL; a folder with one is refused before it gets here.
            ps.setString(5, settings.defaultOutputFolder());
            ps.setLong(6, settings.eventsIntervalMillis());
            ps.setLong(7, settings.altDownloadLimit());
            ps.setLong(8, settings.altUploadLimit());
            ps.setBoolean(9, settings.altSpeed());
            ps.setBoolean(10, settings.logToFile());
            ps.setBoolean(11, settings.setupDone());
            ps.setBytes(12, SessionPartsCodec.libraryBytes(settings));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** Whether PostgreSQL answers within 2 s (JDBC {@code isValid}). */
    @Override
    public String problem() {
        if (closed) {
            return "the session store is closed";
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? null : "PostgreSQL does not answer";
        } catch (SQLException e) {
            return "cannot connect to PostgreSQL: " + e.getMessage();
        }
    }

    /** Refuses further calls; the DataSource belongs to the caller and stays open. */
    @Override
    public void close() {
        closed = true;
    }

    private Connection connect(String what) throws PersistenceException {
        if (closed) {
            throw new PersistenceException(what + ": the session store is closed");
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(what + ": cannot connect to PostgreSQL", e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is likely gone, which ends the transaction anyway.
            cause.addSuppressed(e);
        }
    }

    private static PersistenceException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new PersistenceException(what + ": " + e.getMessage() + state, e);
    }

    /** "host:port/database" of a JDBC URL, without parameters (which may hold a password). */
    static String location(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(unknown)";
        }
        String s = jdbcUrl.startsWith("jdbc:postgresql://") ? jdbcUrl.substring("jdbc:postgresql://".length()) : jdbcUrl;
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** The stored resume data of one torrent contradicts itself; becomes {@link StoredTorrent#problem()}. */
    private static final class DamagedResume extends Exception {
        DamagedResume(String message) {
            super(message, null, false, false);
        }
    }
}
