package dev.bitquark.app.persistence;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Makes {@link PostgresSessionStore} a bean over the default Agroal datasource. Ask for it only when
 * {@code bitquark.persistence=postgresql}: otherwise the datasource is inactive and creating the
 * store fails. Stateless; the store it makes is one instance shared by all threads (it is thread-safe).
 *
 * <p>The datasource is looked up through {@link Instance} on purpose: a direct injection point makes
 * Quarkus create the datasource eagerly at start-up, which fails while it is inactive (the default).
 */
@ApplicationScoped
public class PostgresStoreProducer {

    @Produces
    @Singleton
    @Unremovable
    PostgresSessionStore postgresSessionStore(Instance<DataSource> dataSource) {
        return new PostgresSessionStore(dataSource.get());
    }
}
