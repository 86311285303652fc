package dev.bitquark.app.logging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * Owns the server's {@link LogTail} (the last {@value #LINES} log lines): hooks its handler onto
 * the root logger at start-up and removes it at shutdown. Thread-safe.
 */
@ApplicationScoped
public class LogTailService {
    public static final int LINES = 1000;

    private final LogTail tail = new LogTail(LINES);
    private final LogTailHandler handler = new LogTailHandler(tail);
    private final LogConfig config;

    LogTailService(LogConfig config) {
        this.config = config;
    }

    /**
     * Early, so that start-up lines are kept, but after the password set-up (priority 10): a generated
     * password is printed once to the console and must not linger in this buffer.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        Logger.getLogger("").addHandler(handler);
    }

    void onStop(@Observes ShutdownEvent event) {
        Logger.getLogger("").removeHandler(handler);
    }

    public LogTail tail() {
        return tail;
    }

    public int maxClients() {
        return config.tailClients();
    }
}
