package dev.bitquark.app.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code bitquark.log.*} (environment: {@code BITQUARK_LOG_JSON}, ...). Immutable, read at start-up. */
@ConfigMapping(prefix = "bitquark.log")
public interface LogConfig {

    /**
     * Console lines as JSON objects (one per line, for log collectors) instead of text. Takes effect
     * at the end of start-up; the lines before it stay text.
     */
    @WithDefault("false")
    boolean json();

    /** Size at which the log file (session setting {@code logToFile}) is rotated. */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize fileSize();

    /** Rotated log files kept beside the current one ({@code bitquark.log.1} … {@code .N}). */
    @WithDefault("5")
    @io.smallrye.config.WithName("file-backups")
    int fileBackups();

    /** Live log tail clients at once ({@code /api/v1/logs}); more are refused. */
    @WithDefault("4")
    int tailClients();
}
