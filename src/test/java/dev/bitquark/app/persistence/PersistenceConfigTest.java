package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.config.BitquarkConfig;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The expressions of application.properties that turn the datasource on only for
 * {@code bitquark.persistence=postgresql}, resolved the way the server resolves them (SmallRye
 * Config, environment over the properties file) with the environment variables a Kubernetes user sets.
 */
class PersistenceConfigTest {

    private static SmallRyeConfig config(Map<String, String> env) throws Exception {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // The main file itself: the test classpath also has src/test/resources/application.properties.
                .withSources(new PropertiesConfigSource(
                        java.nio.file.Path.of("src/main/resources/application.properties").toUri().toURL(), 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    @Test
    void datasourceAndMigrationsAreOffByDefault() throws Exception {
        SmallRyeConfig c = config(Map.of());
        assertEquals("files", c.getValue("bitquark.persistence", String.class));
        assertFalse(c.getValue("quarkus.datasource.active", Boolean.class));
        assertFalse(c.getValue("quarkus.flyway.migrate-at-start", Boolean.class));
        assertEquals(Optional.empty(), c.getOptionalValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Test
    void postgresqlFromTheEnvironmentActivatesTheDatasourceAndItsMigrations() throws Exception {
        SmallRyeConfig c = config(Map.of(
                "BITQUARK_PERSISTENCE", "postgresql",
                "BITQUARK_DB_URL", "jdbc:postgresql://postgres.bitquark.svc:5432/bitquark",
                "BITQUARK_DB_USER", "bq",
                "BITQUARK_DB_PASSWORD", "s3cret"));
        assertTrue(c.getValue("quarkus.datasource.active", Boolean.class));
        assertTrue(c.getValue("quarkus.flyway.migrate-at-start", Boolean.class));
        assertEquals("jdbc:postgresql://postgres.bitquark.svc:5432/bitquark",
                c.getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("bq", c.getValue("quarkus.datasource.username", String.class));
        assertEquals("s3cret", c.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void upperCaseEnumValueAlsoActivatesTheDatasource() throws Exception {
        assertTrue(config(Map.of("BITQUARK_PERSISTENCE", "POSTGRESQL")).getValue("quarkus.datasource.active", Boolean.class));
    }

    @Test
    void filesOrAnUnknownValueLeaveTheDatasourceOff() throws Exception {
        assertFalse(config(Map.of("BITQUARK_PERSISTENCE", "files")).getValue("quarkus.datasource.active", Boolean.class));
        assertFalse(config(Map.of("BITQUARK_PERSISTENCE", "mysql")).getValue("quarkus.datasource.active", Boolean.class));
    }

    @Test
    void bitquarkConfigReadsThePersistenceChoice() throws Exception {
        BitquarkConfig c = mapped(Map.of("BITQUARK_PERSISTENCE", "postgresql", "BITQUARK_DB_URL", "jdbc:postgresql://db/bq"))
                .getConfigMapping(BitquarkConfig.class);
        assertEquals(BitquarkConfig.Persistence.POSTGRESQL, c.persistence());
        assertEquals(Optional.of("jdbc:postgresql://db/bq"), c.db().url());
        assertEquals(BitquarkConfig.Persistence.FILES, mapped(Map.of()).getConfigMapping(BitquarkConfig.class).persistence());
    }

    @Test
    void rejectsAnUnknownPersistenceNamingTheKeyAndTheValue() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> mapped(Map.of("BITQUARK_PERSISTENCE", "mysql")));
        assertTrue(e.getMessage().contains("bitquark.persistence") && e.getMessage().contains("mysql"), e.getMessage());
    }

    private static SmallRyeConfig mapped(Map<String, String> env) throws Exception {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // The main file itself: the test classpath also has src/test/resources/application.properties.
                .withSources(new PropertiesConfigSource(
                        java.nio.file.Path.of("src/main/resources/application.properties").toUri().toURL(), 250))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 200,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(BitquarkConfig.class)
                .withMapping(dev.bitquark.app.security.AuthConfig.class)
                .withMapping(dev.bitquark.app.logging.LogConfig.class)
                .build();
    }
}
