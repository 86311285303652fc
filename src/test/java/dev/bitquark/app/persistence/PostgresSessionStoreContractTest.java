package dev.bitquark.app.persistence;

import dev.bitquark.testkit.PostgresServer;
import javax.sql.DataSource;
import dev.bitquark.testkit.Postgres;

/** The {@link SessionStore} contract on {@link PostgresSessionStore}, against a real server, a fresh database each. */
@Postgres
class PostgresSessionStoreContractTest extends SessionStoreContract {
    private DataSource ds;

    @Override
    SessionStore fresh() throws Exception {
        ds = PgFixtures.migratedDatabase(PostgresServer.shared(), "contract");
        return reopened();
    }

    @Override
    SessionStore reopened() throws Exception {
        PostgresSessionStore s = new PostgresSessionStore(ds);
        s.open();
        return s;
    }
}
