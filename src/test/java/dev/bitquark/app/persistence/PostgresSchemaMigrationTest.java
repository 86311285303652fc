package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.count;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static List<String> versions(MigrationInfo[] infos) {
        return List.of(infos).stream().map(MigrationInfo::getVersion).map(v -> v.getVersion()).toList();
    }

    @Test
    void migratesAnEmptyDatabaseToTheSessionSchema() throws Exception {
        DataSource ds = pg.dataSource(pg.createDatabase("empty"));
        Flyway flyway = PgFixtures.flyway(ds);
        assertNull(flyway.info().current(), "nothing applied yet");
        List<String> scripts = versions(flyway.info().pending());
        assertTrue(scripts.containsAll(List.of("1", "4")), "the session schema and the magnets table: " + scripts);

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
        before.saveSettings(new SessionSettings(10, 20));
        before.close();

        // A restart: a new Flyway and a new store over the same database.
        Flyway again = PgFixtures.flyway(ds);
        again.validate();
        MigrateResult result = again.migrate();
        PostgresSessionStore after = new PostgresSessionStore(ds);
        after.open();

        assertEquals(0, result.migrationsExecuted);
        assertEquals(versions(PgFixtures.flyway(pg.dataSource(pg.createDatabase("scripts"))).info().pending()),
                versions(again.info().applied()));
        assertEquals(new SessionSettings(10, 20), after.loadSettings());
        assertSameResume(resume(hash(1), 1, 30, 2), after.load().getFirst().resume());
    }
}
