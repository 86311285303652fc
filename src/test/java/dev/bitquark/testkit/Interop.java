package dev.bitquark.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test against real third-party programs (libtorrent, Transmission, opentracker) started on 127.0.0.1. Run as
 * their own surefire execution ({@code interop-tests}), also by {@code ./mvnw verify} and {@code .ci/run}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
public @interface Interop {
}
