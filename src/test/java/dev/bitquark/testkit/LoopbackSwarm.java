package dev.bitquark.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of whole engines exchanging pieces over loopback sockets (slower than unit tests, which drive a torrent's
 * parts with {@link ScriptedPeer}s). Run as their own surefire execution ({@code swarm-tests}), also by
 * {@code ./mvnw verify} and {@code .ci/run}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("swarm")
public @interface LoopbackSwarm {
}
