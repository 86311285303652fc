package dev.bitquark.app.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Creates and checks the data and download folders at start-up: both must exist and be writable
 * before the service reports ready. Also removes temporary files left by an interrupted atomic save
 * (they are never the live copy, see docs/architecture.md).
 */
@ApplicationScoped
public class DataDirectories {
    private static final Logger LOG = Logger.getLogger(DataDirectories.class);

    private final BitquarkConfig config;
    private volatile boolean ready;
    private volatile String problem = "not checked yet";

    DataDirectories(BitquarkConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            prepare(config.dataDir(), "data");
            prepare(config.downloadDir(), "download");
            removeStaleTemporaryFiles(config.dataDir());
            ready = true;
            problem = null;
        } catch (IOException | UncheckedIOException e) {
            problem = e.getMessage();
            LOG.errorf("bitquark cannot use its folders: %s", problem);
        }
    }

    private static void prepare(Path dir, String what) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new IOException(what + " folder " + abs + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(abs)) {
            throw new IOException(what + " folder " + abs + " is not writable");
        }
        LOG.infof("%s folder: %s", what, abs);
    }

    private static void removeStaleTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp-*")) {
            for (Path p : tmp) {
                Files.deleteIfExists(p);
                LOG.infof("removed stale temporary file %s", p);
            }
        }
    }

    public boolean isReady() {
        return ready;
    }

    /** Why the folders are not usable, or null. */
    public String problem() {
        return problem;
    }

    public Path dataDir() {
        return config.dataDir().toAbsolutePath().normalize();
    }

    public Path downloadDir() {
        return config.downloadDir().toAbsolutePath().normalize();
    }
}
