package dev.bitquark.app.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * {@code bitquark.log.json=true}: console lines become JSON objects (JBoss LogManager's own
 * {@link JsonFormatter}; Quarkus 3.36 core has no JSON switch and quarkus-logging-json is not
 * available here). Applied at start-up to every console handler under the root logger, including
 * ones wrapped by Quarkus' delayed/async handlers. Stateless.
 */
@ApplicationScoped
public class JsonConsoleLogs {
    private final LogConfig config;

    JsonConsoleLogs(LogConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (config.json()) {
            apply(Logger.getLogger(""));
        }
    }

    /** Switches the console handlers under {@code root} to JSON; returns how many were switched. */
    static int apply(Logger root) {
        int n = 0;
        for (Handler h : root.getHandlers()) {
            n += apply(h);
        }
        return n;
    }

    private static int apply(Handler h) {
        if (h instanceof ConsoleHandler console) {
            JsonFormatter json = new JsonFormatter();
            json.setPrintDetails(false);
            console.setFormatter(json);
            return 1;
        }
        int n = 0;
        if (h instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                n += apply(child);
            }
        }
        return n;
    }
}
