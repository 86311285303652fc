package dev.bitquark.app.logging;

import dev.bitquark.app.config.BitquarkConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.SizeRotatingFileHandler;

/**
 * The log file, switched on and off at run time (session setting {@code logToFile}): every line the
 * console gets also goes to {@code <data dir>/bitquark.log}, rotated at {@code bitquark.log.file-size}
 * into {@code bitquark.log.1} … {@code .N} ({@code bitquark.log.file-backups}), so the disk it may
 * take is bounded. The levels are the categories' (the handler passes everything it is given), so
 * a level changed on the logs page applies to the file too. Thread-safe (methods synchronized; the
 * handler itself is called from any logging thread).
 */
@ApplicationScoped
public class LogFileService {
    /** As the console's format, with the date (a file outlives a day) and the thread. */
    static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p [%c{3.}] (%t) %s%e%n";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LogFileService.class);

    private final Path path;
    private final LogConfig config;
    private SizeRotatingFileHandler handler;

    LogFileService(BitquarkConfig bitquark, LogConfig config) {
        this.path = bitquark.dataDir().toAbsolutePath().normalize().resolve("bitquark.log");
        this.config = config;
    }

    public Path path() {
        return path;
    }

    public synchronized boolean running() {
        return handler != null;
    }

    /** Opens the file (appending) and hooks it onto the root logger; nothing happens when it already runs. */
    public synchronized void start() throws IOException {
        if (handler != null) {
            return;
        }
        Files.createDirectories(path.getParent());
        SizeRotatingFileHandler h = new SizeRotatingFileHandler(path.toFile(), true);
        h.setRotateSize(config.fileSize().asLongValue());
        h.setMaxBackupIndex(config.fileBackups());
        h.setFormatter(new PatternFormatter(FORMAT));
        h.setAutoFlush(true);
        Logger.getLogger("").addHandler(h);
        handler = h;
        LOG.infof("writing the log to %s (rotated at %s, %d old files kept)", path, config.fileSize(),
                config.fileBackups());
    }

    /** {@link #start()} at start-up, where a failure is logged rather than thrown (the server still runs). */
    public void startQuietly() {
        try {
            start();
        } catch (IOException | RuntimeException e) {
            LOG.errorf("cannot write the log file %s: %s", path, e.getMessage());
        }
    }

    /** Unhooks and closes the file; the file stays on disk. */
    public synchronized void stop() {
        SizeRotatingFileHandler h = handler;
        if (h == null) {
            return;
        }
        LOG.infof("no longer writing the log to %s", path);
        Logger.getLogger("").removeHandler(h);
        handler = null;
        h.close();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }
}
