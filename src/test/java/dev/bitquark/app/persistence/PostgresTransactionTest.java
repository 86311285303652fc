package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.count;
import static dev.bitquark.app.persistence.PgFixtures.execute;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.ResumeData;
import dev.bitquark.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Postgres;

/**
 * Atomicity of the PostgreSQL store: a save that fails part-way leaves the previous state, never a
 * mix. The failures are real ones raised by the server (a trigger that rejects the second write of a
 * transaction), not simulated in Java.
 */
@Postgres
class PostgresTransactionTest {
    static PostgresServer pg;
    DataSource ds;
    PostgresSessionStore store;

    @BeforeAll
    static void server() throws Exception {
        pg = PostgresServer.shared();
    }

    @BeforeEach
    void freshStore() throws Exception {
        ds = PgFixtures.migratedDatabase(pg, "tx");
        store = new PostgresSessionStore(ds);
        store.open();
        execute(ds, """
                CREATE FUNCTION reject_resume() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'resume write rejected by the test trigger'; END $$""");
    }

    private void rejectResumeWrites(String when) throws Exception {
        execute(ds, "CREATE TRIGGER reject BEFORE " + when + " ON resume FOR EACH ROW EXECUTE FUNCTION reject_resume()");
    }

    @Test
    void aFailureMidAddLeavesNothing() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        rejectResumeWrites("INSERT");

        // The torrents row is written first, then the resume row fails: both must be gone.
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> store.add(hash(2), torrentFile(2, 100), resume(hash(2), 2, 8, 1)));
        assertTrue(e.getMessage().contains("adding torrent " + hash(2).toHex())
                && e.getMessage().contains("rejected by the test trigger"), e.getMessage());
        assertEquals(1, count(ds, "torrents"));
        assertEquals(1, count(ds, "resume"));
        assertEquals(List.of(hash(1)), store.load().stream().map(StoredTorrent::infoHash).toList());

        // The connection went back clean: the same torrent can be added once the cause is gone.
        execute(ds, "DROP TRIGGER reject ON resume");
        store.add(hash(2), torrentFile(2, 100), resume(hash(2), 2, 8, 1));
        assertEquals(2, store.load().size());
    }

    @Test
    void aFailedSaveResumeKeepsThePreviousResumeData() throws Exception {
        ResumeData first = resume(hash(1), 1, 100, 3);
        store.add(hash(1), torrentFile(1, 100), first);
        rejectResumeWrites("UPDATE");

        assertThrows(PersistenceException.class, () -> store.saveResume(resume(hash(1), 2, 100, 3)));
        assertSameResume(first, store.load().getFirst().resume());
    }

    @Test
    void aFailedRemoveKeepsTheTorrentAndItsResumeData() throws Exception {
        store.add(hash(1), torrentFile(1, 100), resume(hash(1), 1, 8, 1));
        // The cascade deletes the resume row inside the same statement; rejecting it undoes the whole remove.
        rejectResumeWrites("DELETE");

        assertThrows(PersistenceException.class, () -> store.remove(hash(1)));
        assertEquals(1, count(ds, "torrents"));
        assertSameResume(resume(hash(1), 1, 8, 1), store.load().getFirst().resume());
    }

    @Test
    void concurrentSavesOfDifferentTorrentsAllLand() throws Exception {
        int n = 40;
        for (int i = 0; i < n; i++) {
            store.add(hash(i), torrentFile(i, 100), resume(hash(i), i, 64, 2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int round = 1; round <= 5; round++) {
                for (int i = 0; i < n; i++) {
                    int seed = round * 1000 + i;
                    int torrent = i;
                    saves.add(pool.submit(() -> {
                        store.saveResume(resume(hash(torrent), seed, 64, 2));
                        return null;
                    }));
                }
                for (Future<?> f : saves) {
                    f.get();
                }
                saves.clear();
            }
        } finally {
            pool.shutdownNow();
        }
        List<StoredTorrent> loaded = store.load();
        for (int i = 0; i < n; i++) {
            assertSameResume(resume(hash(i), 5000 + i, 64, 2), loaded.get(i).resume());
        }
    }
}
