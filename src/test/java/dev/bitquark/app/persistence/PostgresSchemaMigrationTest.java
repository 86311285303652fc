package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.count;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bitquark.testkit.PostgresServer;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway scripts of db/migration: they build the schema on an empty database and are a no-op on restart. */
class PostgresSchemaMigrationTest {
    static PostgresServer pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void migratesAnEmptyDatabaseToTheSessionSchema() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("empty"));
        Flyway flyway = PgFixtures.flyway(ds);
        assertNull(flyway.info().current(), "nothing applied yet");

        MigrateResult result = flyway.migrate();

        assertEquals(2, result.migrationsExecuted, "V1 session, V3 settings");
        assertEquals("3", flyway.info().current().getVersion().getVersion());
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
        assertEquals(List.of("1", "3"), List.of(again.info().applied()).stream()
                .map(MigrationInfo::getVersion).map(v -> v.getVersion()).toList());
        assertEquals(new SessionSettings(10, 20, 30, 4, "tv", 500), after.loadSettings());
        assertSameResume(resume(hash(1), 1, 30, 2), after.load().getFirst().resume());
    }

    @Test
    void aDatabaseOfTheFirstSchemaKeepsItsLimitsWhenTheSettingsColumnsAreAdded() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("from_v1"));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        PgFixtures.execute(ds, "UPDATE settings SET download_limit = 111, upload_limit = 222");

        MigrateResult result = PgFixtures.flyway(ds).migrate();

        assertEquals(1, result.migrationsExecuted);
        PostgresSessionStore store = new PostgresSessionStore(ds);
        store.open();
        assertEquals(new SessionSettings(111, 222), store.loadSettings(), "the new settings are \"not set\"");
        store.saveSettings(new SessionSettings(111, 222, 50, 1, "in/box", 2000));
        assertEquals(new SessionSettings(111, 222, 50, 1, "in/box", 2000), store.loadSettings());
    }
}
