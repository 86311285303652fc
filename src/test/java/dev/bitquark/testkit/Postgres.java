package dev.bitquark.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test against a real PostgreSQL server ({@link PostgresServer}). Run as their own surefire execution
 * ({@code postgres-tests}), also by {@code ./mvnw verify} and {@code .ci/run}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
public @interface Postgres {
}
