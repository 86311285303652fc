package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.count;
import static dev.bitquark.app.persistence.PgFixtures.execute;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.testkit.PostgresServer;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import dev.bitquark.testkit.Postgres;

/** The {@link SessionStore} contract against a real PostgreSQL server, one fresh database per test. */
@Postgres
class PostgresSessionStoreTest {
    static PostgresServer pg;
    DataSource ds;
    PostgresSessionStore store;

    @BeforeAll
    static void server() throws Exception {
        pg = PostgresServer.shared();
    }

    @BeforeEach
    void freshStore() throws Exception {
        ds = PgFixtures.migratedDatabase(pg, "store");
        store = new PostgresSessionStore(ds);
        store.open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void loadsNothingFromAnEmptyDatabase() throws Exception {
        assertEquals(List.of(), store.load());
    }

    @Test
    void roundTripsEveryFieldOfTheTorrentAndItsResumeData() throws Exception {
        ResumeData r = resume(hash(1), 7, 1001, 4);
        byte[] file = torrentFile(1, 70_000);
        store.add(hash(1), file, r);

        List<StoredTorrent> loaded = store.load();
        assertEquals(1, loaded.size());
        StoredTorrent t = loaded.getFirst();
        assertEquals(hash(1), t.infoHash());
        assertArrayEquals(file, t.torrentFile());
        assertNull(t.problem());
        assertNotNull(r.error(), "seed 7 sets the error field");
        assertSameResume(r, t.resume());
    }

    @Test
    void roundTripsEdgeCaseResumeData() throws Exception {
        // No pieces, no files, null error: empty arrays and NULL must come back as such.
        ResumeData empty = new ResumeData(hash(2), Path.of("/"), 0, new byte[0], List.of(), new long[0], new long[0],
                0, 0, 0, 0, false, false, 0, 0, null);
        ResumeData extremes = new ResumeData(hash(3), Path.of("/srv/ünïcödé ☃/x"), 9, new byte[] {(byte) 0xFF, (byte) 0x80},
                List.of(FilePriority.SKIP, FilePriority.HIGH), new long[] {Long.MAX_VALUE, 0},
                new long[] {Long.MIN_VALUE, -1}, Long.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE, true, true,
                Long.MAX_VALUE, 1, "");
        store.add(hash(2), new byte[0], empty);
        store.add(hash(3), new byte[] {0}, extremes);

        List<StoredTorrent> loaded = store.load();
        assertSameResume(empty, loaded.get(0).resume());
        assertSameResume(extremes, loaded.get(1).resume());
        assertArrayEquals(new byte[0], loaded.get(0).torrentFile());
    }

    @Test
    void storesAnErrorContainingNulWithAReplacementCharacter() throws Exception {
        ResumeData r = resume(hash(1), 1, 8, 1);
        ResumeData failed = new ResumeData(r.infoHash(), r.saveDir(), r.pieceCount(), r.have(), r.filePriorities(),
                r.fileSizes(), r.fileMtimes(), 0, 0, 0, 0, true, false, 0, 0, "tracker said: bad\0request");
        store.add(hash(1), torrentFile(1, 10), failed);
        assertEquals("tracker said: bad\uFFFDrequest", store.load().getFirst().resume().error());
    }

    @Test
    void loadsTorrentsInTheOrderTheyWereAddedNotByHash() throws Exception {
        List<InfoHash> added = new ArrayList<>();
        for (int i : new int[] {5, 1, 9, 3, 7}) {
            store.add(hash(i), torrentFile(i, 100), resume(hash(i), i, 8, 1));
            added.add(hash(i));
        }
        // Removed and added again: it goes to the end.
        store.remove(hash(1));
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        added.remove(hash(1));
        added.add(hash(1));

        assertEquals(added, store.load().stream().map(StoredTorrent::infoHash).toList());
    }

    @Test
    void saveResumeReplacesTheStoredResumeData() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 64, 2));
        ResumeData later = resume(hash(1), 2, 64, 2);
        store.saveResume(later);
        store.saveResume(later);

        assertSameResume(later, store.load().getFirst().resume());
        assertEquals(1, count(ds, "resume"));
    }

    @Test
    void saveResumeOfAnUnknownTorrentStoresNothing() throws Exception {
        store.saveResume(resume(hash(4), 4, 8, 1)); // ignored: the contract (SessionStoreContract)
        assertEquals(0, count(ds, "resume"));
    }

    @Test
    void addingATorrentTwiceReplacesItInOneTransactionAndKeepsItsPlace() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 16, 1));
        store.add(hash(3), torrentFile(3, 100), resume(hash(3), 3, 16, 1));
        ResumeData second = resume(hash(1), 2, 16, 1);
        store.add(hash(1), torrentFile(2, 50), second);
        List<StoredTorrent> all = store.load();
        assertEquals(List.of(hash(1), hash(3)), all.stream().map(StoredTorrent::infoHash).toList());
        assertArrayEquals(torrentFile(2, 50), all.getFirst().torrentFile());
        assertSameResume(second, all.getFirst().resume());
        assertEquals(2, count(ds, "torrents"));
    }

    @Test
    void rejectsResumeDataOfAnotherTorrent() {
        assertThrows(IllegalArgumentException.class, () -> store.add(hash(1), new byte[1], resume(hash(2), 2, 8, 1)));
    }

    @Test
    void removeForgetsTheTorrentAndItsResumeData() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        store.add(hash(2), torrentFile(2, 100), resume(hash(2), 2, 8, 1));
        store.remove(hash(1));

        assertEquals(List.of(hash(2)), store.load().stream().map(StoredTorrent::infoHash).toList());
        assertEquals(1, count(ds, "resume"));
    }

    @Test
    void removeOfAnUnknownHashIsIgnored() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        store.remove(hash(99));
        assertEquals(1, store.load().size());
    }

    @Test
    void settingsStartAtTheDefaultsAndRoundTrip() throws Exception {
        assertEquals(SessionSettings.DEFAULTS, store.loadSettings());
        store.saveSettings(new SessionSettings(1_000_000, 250_000));
        store.saveSettings(new SessionSettings(2_000_000, 0));
        assertEquals(new SessionSettings(2_000_000, 0), store.loadSettings());
        assertEquals(1, count(ds, "settings"));
    }

    @Test
    void everyRuntimeSettingRoundTrips() throws Exception {
        SessionSettings all = new SessionSettings(7, 8, 90, 5, "films/ünïcode", 1500, 3, 4, true, true, true);
        store.saveSettings(all);
        assertEquals(all, store.loadSettings());
        SessionSettings someOff = new SessionSettings(7, 8, 90, 5, "", 0, 0, 9, false, true, false);
        store.saveSettings(someOff);
        assertEquals(someOff, store.loadSettings());
        store.saveSettings(new SessionSettings(7, 8));
        assertEquals(new SessionSettings(7, 8), store.loadSettings(), "\"not set\" is stored as such");
    }

    @Test
    void theSchemaRefusesNegativeSettings() {
        for (String sql : List.of("UPDATE settings SET max_connections = -1", "UPDATE settings SET download_limit = -1",
                "UPDATE settings SET events_interval_millis = -1", "UPDATE settings SET alt_upload_limit = -1")) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> execute(ds, sql), sql);
            assertEquals("23514", e.getSQLState(), "check_violation: " + sql);
        }
    }

    @Test
    void settingsSurviveADeletedRow() throws Exception {
        execute(ds, "DELETE FROM settings");
        assertEquals(SessionSettings.DEFAULTS, store.loadSettings());
        store.saveSettings(new SessionSettings(5, 6));
        assertEquals(new SessionSettings(5, 6), store.loadSettings());
    }

    @Test
    void damagedResumeDataLoadsAsNullWithTheProblemAndTheOthersLoadIntact() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store.add(hash(i), torrentFile(i, 100), resume(hash(i), i, 8, 2));
        }
        execute(ds, "UPDATE resume SET file_priorities = '{NORMAL,URGENT}' WHERE info_hash = '\\x"
                + hash(1).toHex() + "'");
        execute(ds, "DELETE FROM resume WHERE info_hash = '\\x" + hash(2).toHex() + "'");

        List<StoredTorrent> loaded = store.load();
        assertEquals(3, loaded.size());
        assertNull(loaded.get(0).resume());
        assertTrue(loaded.get(0).problem().contains("file_priorities[1] is 'URGENT'"), loaded.get(0).problem());
        assertArrayEquals(torrentFile(1, 100), loaded.get(0).torrentFile());
        assertNull(loaded.get(1).resume());
        assertTrue(loaded.get(1).problem().contains("no resume data"), loaded.get(1).problem());
        assertSameResume(resume(hash(3), 3, 8, 2), loaded.get(2).resume());
        assertNull(loaded.get(2).problem());
    }

    @Test
    void roundTripsAThousandTorrents() throws Exception {
        // Through a connection pool, as in the server (Agroal), so that the figures are not
        // dominated by one TCP connection and authentication per call.
        String db = pg.createDatabase("thousand");
        PgFixtures.flyway(pg.dataSource(db)).migrate();
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(4).connectionFactoryConfiguration(
                        cf -> cf.jdbcUrl(pg.jdbcUrl(db)).principal(new NamePrincipal(PostgresServer.USER)))))) {
            PostgresSessionStore pooled = new PostgresSessionStore(pool);
            pooled.open();
            int n = 1000;
            List<ResumeData> resumes = new ArrayList<>(n);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ResumeData r = resume(hash(i), i, 2000, 10);
                resumes.add(r);
                pooled.add(hash(i), torrentFile(i, 20_000), r);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pooled.saveResume(resumes.get(i));
            }
            long t2 = System.nanoTime();
            List<StoredTorrent> loaded = pooled.load();
            long t3 = System.nanoTime();
            System.out.printf("PostgreSQL store, %d torrents (20 KB .torrent, 2000 pieces, 10 files), pooled: add %d ms "
                            + "(%.2f ms each), saveResume %d ms (%.2f ms each), load %d ms%n", n, (t1 - t0) / 1_000_000,
                    (t1 - t0) / 1e6 / n, (t2 - t1) / 1_000_000, (t2 - t1) / 1e6 / n, (t3 - t2) / 1_000_000);

            assertEquals(n, loaded.size());
            for (int i = 0; i < n; i++) {
                StoredTorrent t = loaded.get(i);
                assertEquals(hash(i), t.infoHash(), "order at " + i);
                assertArrayEquals(torrentFile(i, 20_000), t.torrentFile());
                assertSameResume(resumes.get(i), t.resume());
            }
        }
    }

    @Test
    void openRefusesADatabaseWithoutTheSchema() throws Exception {
        PostgresSessionStore bare = new PostgresSessionStore(pg.dataSource(pg.createDatabase("bare")));
        PersistenceException e = assertThrows(PersistenceException.class, bare::open);
        assertTrue(e.getMessage().contains("missing tables torrents, resume, settings"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsAClearError() throws Exception {
        PGSimpleDataSource nowhere = pg.dataSource("postgres");
        nowhere.setPortNumbers(new int[] {closedPort()});
        nowhere.setConnectTimeout(2);
        PostgresSessionStore unreachable = new PostgresSessionStore(nowhere);
        PersistenceException e = assertThrows(PersistenceException.class, unreachable::load);
        assertTrue(e.getMessage().startsWith("loading the session: cannot connect to PostgreSQL"), e.getMessage());
    }

    @Test
    void describesTheDatabaseWithoutParameters() {
        assertTrue(store.describe().matches("postgresql 127\\.0\\.0\\.1:" + pg.port() + "/store_\\d+"), store.describe());
        assertEquals("h:1/db", PostgresSessionStore.location("jdbc:postgresql://h:1/db?password=secret"));
    }

    @Test
    void aClosedStoreRefusesCalls() {
        store.close();
        PersistenceException e = assertThrows(PersistenceException.class, () -> store.loadSettings());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void storeIsPlainJdbcWithoutCdiOrQuarkus() {
        // Kept framework-free so that it runs over any DataSource (the producer is the only CDI part).
        noClasses().that().haveNameMatching(Pattern.quote(PostgresSessionStore.class.getName()) + "(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.agroal..", "org.eclipse.microprofile..", "org.flywaydb..")
                .check(new ClassFileImporter().importPackagesOf(PostgresSessionStore.class));
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static StoredMagnet magnet(int i, boolean paused, long addedAt) {
        return new StoredMagnet(hash(i), "magnet:?xt=urn:btih:" + hash(i).toHex() + "&dn=m" + i, Path.of("/downloads/m" + i),
                paused, addedAt);
    }

    @Test
    void magnetsWithoutMetadataRoundTripInTheOrderAddedAndAreReplaced() throws Exception {
        store.saveMagnet(magnet(2, false, 200));
        store.saveMagnet(magnet(1, false, 100));
        store.saveMagnet(magnet(2, true, 200));
        store.saveMagnet(magnet(3, false, 100)); // the same time as 1: stored after it
        assertEquals(List.of(magnet(1, false, 100), magnet(3, false, 100), magnet(2, true, 200)), store.loadMagnets(),
                "by the time they were added to the session (SessionStore.loadMagnets)");
        assertEquals(List.of(), store.load(), "a magnet is no torrent yet");
    }

    @Test
    void aMagnetKeepsTheLimitsAndOrderGivenBeforeItsMetadata() throws Exception {
        store.saveMagnet(magnet(1, false, 100));
        StoredMagnet changed = magnet(1, false, 100).withSettings(Path.of("/downloads/elsewhere"), true, 64_000, 8_000, true, 7);
        store.saveMagnet(changed);
        assertEquals(List.of(changed), store.loadMagnets());
    }

    @Test
    void storingTheTorrentOfAMagnetReplacesItInTheSameTransaction() throws Exception {
        store.saveMagnet(magnet(1, false, 100));
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        assertEquals(List.of(), store.loadMagnets());
        assertEquals(0, count(ds, "magnets"));
        store.saveMagnet(magnet(1, true, 100)); // a late save of the link changes nothing
        assertEquals(0, count(ds, "magnets"));
        assertEquals(List.of(hash(1)), store.load().stream().map(StoredTorrent::infoHash).toList());
    }

    @Test
    void removeForgetsAStoredMagnet() throws Exception {
        store.saveMagnet(magnet(1, false, 100));
        store.saveMagnet(magnet(2, false, 200));
        store.remove(hash(1));
        assertEquals(List.of(magnet(2, false, 200)), store.loadMagnets());
    }

    @Test
    void aStoredMagnetNamingAnotherTorrentIsLeftOut() throws Exception {
        store.saveMagnet(magnet(1, false, 100));
        store.saveMagnet(magnet(2, false, 200));
        execute(ds, "UPDATE magnets SET magnet_uri = 'magnet:?xt=urn:btih:" + hash(3).toHex()
                + "' WHERE info_hash = decode('" + hash(1).toHex() + "', 'hex')");
        assertEquals(List.of(magnet(2, false, 200)), store.loadMagnets());
    }
}
