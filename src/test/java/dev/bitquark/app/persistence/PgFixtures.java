package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.testkit.PostgresServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Sample torrents and resume data, and fresh migrated databases, for the PostgreSQL store tests. Stateless, thread-safe. */
final class PgFixtures {
    private PgFixtures() {
    }

    /** A new empty database on {@code pg}, migrated with the application's Flyway scripts. */
    static DataSource migratedDatabase(PostgresServer pg, String prefix) throws SQLException {
        DataSource ds = pg.dataSource(pg.createDatabase(prefix));
        flyway(ds).migrate();
        return ds;
    }

    static Flyway flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
    }

    /** A deterministic info-hash: SHA-1 of the index, like a real one (BEP 3). */
    static InfoHash hash(int i) {
        try {
            return InfoHash.of(MessageDigest.getInstance("SHA-1").digest(("torrent " + i).getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes standing in for a .torrent file (the store keeps them opaque). */
    static byte[] torrentFile(int i, int size) {
        byte[] b = new byte[size];
        new Random(i).nextBytes(b);
        return b;
    }

    /** Resume data with every field set to something distinct, derived from {@code seed}. */
    static ResumeData resume(InfoHash hash, long seed, int pieces, int files) {
        Random r = new Random(seed);
        byte[] have = new byte[(pieces + 7) / 8];
        r.nextBytes(have);
        if (pieces % 8 != 0) {
            have[have.length - 1] &= (byte) (0xFF << (8 - pieces % 8)); // BEP 3: spare bits are zero
        }
        List<FilePriority> priorities = new ArrayList<>();
        long[] sizes = new long[files];
        long[] mtimes = new long[files];
        for (int f = 0; f < files; f++) {
            priorities.add(FilePriority.values()[r.nextInt(FilePriority.values().length)]);
            sizes[f] = f == 0 ? -1 : r.nextLong(1L << 40);
            mtimes[f] = f == 0 ? -1 : 1_700_000_000_000L + r.nextInt(1_000_000);
        }
        return new ResumeData(hash, Path.of("/srv/downloads/" + seed + "/é ü"), pieces, have, priorities, sizes, mtimes,
                r.nextLong(1L << 50), r.nextLong(1L << 50), 1_700_000_000_000L + seed, seed % 2 == 0 ? 0 : 1_700_000_500_000L,
                seed % 3 == 0, seed % 5 == 0, r.nextInt(1 << 20), r.nextInt(1 << 20),
                seed % 7 == 0 ? "disk full: /srv/downloads (" + seed + ")" : null, unsynced(have, pieces, r),
                (int) (seed % 4) * 10);
    }

    /** Some of the pieces {@code have} lacks, as a bitfield of the same length (spare bits clear). */
    private static byte[] unsynced(byte[] have, int pieces, Random r) {
        byte[] out = new byte[have.length];
        r.nextBytes(out);
        for (int i = 0; i < out.length; i++) {
            out[i] &= (byte) ~have[i];
        }
        if (pieces % 8 != 0) {
            out[out.length - 1] &= (byte) (0xFF << (8 - pieces % 8));
        }
        return out;
    }

    /** Field by field: the record's own equals compares its arrays by identity. */
    static void assertSameResume(ResumeData expected, ResumeData actual) {
        assertEquals(expected.infoHash(), actual.infoHash());
        assertEquals(expected.saveDir(), actual.saveDir());
        assertEquals(expected.pieceCount(), actual.pieceCount());
        assertArrayEquals(expected.have(), actual.have(), "have");
        assertArrayEquals(expected.unsynced(), actual.unsynced(), "unsynced");
        assertEquals(expected.filePriorities(), actual.filePriorities());
        assertArrayEquals(expected.fileSizes(), actual.fileSizes(), "fileSizes");
        assertArrayEquals(expected.fileMtimes(), actual.fileMtimes(), "fileMtimes");
        assertEquals(expected.uploadedTotal(), actual.uploadedTotal());
        assertEquals(expected.downloadedTotal(), actual.downloadedTotal());
        assertEquals(expected.addedAtMillis(), actual.addedAtMillis());
        assertEquals(expected.completedAtMillis(), actual.completedAtMillis());
        assertEquals(expected.paused(), actual.paused());
        assertEquals(expected.sequential(), actual.sequential());
        assertEquals(expected.downloadLimit(), actual.downloadLimit());
        assertEquals(expected.uploadLimit(), actual.uploadLimit());
        assertEquals(expected.error(), actual.error());
        assertEquals(expected.maxConnections(), actual.maxConnections());
    }

    static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
