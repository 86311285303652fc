package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.count;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Postgres;

/** The Flyway scripts of db/migration: they build the schema on an empty database and are a no-op on restart. */
@Postgres
class PostgresSchemaMigrationTest {
    static PostgresServer pg;

    @BeforeAll
    static void server() throws Exception {
        pg = PostgresServer.shared();
    }

    private static List<String> versions(MigrationInfo[] infos) {
        return List.of(infos).stream().map(MigrationInfo::getVersion).map(v -> v.getVersion()).toList();
    }

    @Test
    void migratesAnEmptyDatabaseToTheSessionSchema() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("empty"));
        Flyway flyway = PgFixtures.flyway(ds);
        assertNull(flyway.info().current(), "nothing applied yet");
        List<String> scripts = versions(flyway.info().pending());
        assertTrue(scripts.containsAll(List.of("1", "2", "3", "4", "5")),
                "session schema, unsynced pieces, settings, magnets, magnet settings: " + scripts);

        MigrateResult result = flyway.migrate();

        assertEquals(scripts.size(), result.migrationsExecuted);
        assertEquals(scripts.getLast(), flyway.info().current().getVersion().getVersion());
        for (String table : PostgresSessionStore.TABLES) {
            assertEquals(table.equals("settings") ? 1 : 0, count(ds, table), table);
        }
        PostgresSessionStore store = new PostgresSessionStore(ds);
        store.open();
        assertEquals(SessionSettings.DEFAULTS, store.loadSettings());
    }

    @Test
    void migratingAgainOnRestartChangesNothingAndKeepsTheData() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("restart"));
        PgFixtures.flyway(ds).migrate();
        PostgresSessionStore before = new PostgresSessionStore(ds);
        before.open();
        before.add(hash(1), torrentFile(1, 500), resume(hash(1), 1, 30, 2));
        before.saveSettings(new SessionSettings(10, 20, 30, 4, "tv", 500));
        before.close();

        // A restart: a new Flyway and a new store over the same database.
        Flyway again = PgFixtures.flyway(ds);
        again.validate();
        MigrateResult result = again.migrate();
        PostgresSessionStore after = new PostgresSessionStore(ds);
        after.open();

        assertEquals(0, result.migrationsExecuted);
        assertEquals(versions(again.info().all()), versions(again.info().applied()));
        assertEquals(new SessionSettings(10, 20, 30, 4, "tv", 500), after.loadSettings());
        assertSameResume(resume(hash(1), 1, 30, 2), after.load().getFirst().resume());
    }

    /** Resume rows saved by the first schema load after the upgrade, with no unsynced pieces. */
    @Test
    void rowsOfTheFirstSchemaGainAnEmptyUnsyncedBitfield() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("upgrade"));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO torrents (info_hash, torrent_file) VALUES ('\\x" + hash(1).toHex() + "', 'd1:ae')");
            st.executeUpdate("INSERT INTO resume (info_hash, save_dir, piece_count, have, file_priorities, file_sizes,"
                    + " file_mtimes, uploaded_total, downloaded_total, added_at_millis, completed_at_millis, paused,"
                    + " sequential, download_limit, upload_limit) VALUES ('\\x" + hash(1).toHex() + "', '/d', 12,"
                    + " '\\xfff0', '{NORMAL}', '{5}', '{6}', 7, 8, 9, 10, false, false, 0, 0)");
        }
        PgFixtures.flyway(ds).migrate();
        PostgresSessionStore store = new PostgresSessionStore(ds);
        store.open();
        ResumeData r = store.load().getFirst().resume();
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xf0}, r.have());
        assertArrayEquals(new byte[2], r.unsynced());
        assertEquals(7, r.uploadedTotal());
        assertEquals(0, r.maxConnections(), "no connection limit of its own: the default");
    }

    @Test
    void aDatabaseOfTheFirstSchemaKeepsItsLimitsWhenTheSettingsColumnsAreAdded() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("from_v1"));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        PgFixtures.execute(ds, "UPDATE settings SET download_limit = 111, upload_limit = 222");

        MigrateResult result = PgFixtures.flyway(ds).migrate();

        assertTrue(result.migrationsExecuted >= 1);
        PostgresSessionStore store = new PostgresSessionStore(ds);
        store.open();
        assertEquals(new SessionSettings(111, 222), store.loadSettings(), "the new settings are \"not set\"");
        store.saveSettings(new SessionSettings(111, 222, 50, 1, "in/box", 2000));
        assertEquals(new SessionSettings(111, 222, 50, 1, "in/box", 2000), store.loadSettings());
    }

    @Test
    void magnetRowsStoredBeforeTheirSettingsWereKeptGainNone() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("magnets_v4"));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("4").load().migrate();
        String uri = "magnet:?xt=urn:btih:" + hash(1).toHex();
        PgFixtures.execute(ds, "INSERT INTO magnets (info_hash, magnet_uri, save_dir, paused, added_at_millis)"
                + " VALUES ('\\x" + hash(1).toHex() + "', '" + uri + "', '/d', true, 5)");

        PgFixtures.flyway(ds).migrate();

        PostgresSessionStore store = new PostgresSessionStore(ds);
        store.open();
        assertEquals(List.of(new StoredMagnet(hash(1), uri, Path.of("/d"), true, 5, 0, 0, false, 0)), store.loadMagnets());
    }
}
