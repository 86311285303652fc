package dev.bitquark.app.config;

import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The start settings file of this server ({@link StartSettingsFile} in the data folder) and which of
 * its properties the deployment locks (set by an environment variable or a command-line option,
 * which outrank the file). Changes are serialized (synchronized), so two saves do not lose each other.
 */
@ApplicationScoped
public class StartSettings {
    private final Path file;

    StartSettings(BitquarkConfig config) {
        this.file = StartSettingsFile.in(config.dataDir());
    }

    public Path file() {
        return file;
    }

    /** Property → text as stored now. */
    public synchronized Map<String, String> stored() {
        return StartSettingsFile.read(file);
    }

    /**
     * Applies {@code changes} (property → text, or null to drop the property and let the
     * configuration decide again) to the file and returns what it holds afterwards.
     */
    public synchronized Map<String, String> change(Map<String, String> changes) throws IOException {
        Map<String, String> next = new TreeMap<>(StartSettingsFile.read(file));
        changes.forEach((property, text) -> {
            if (text == null) {
                next.remove(property);
            } else {
                next.put(property, text);
            }
        });
        StartSettingsFile.write(file, next);
        return next;
    }

    /**
     * What sets {@code s} above the file ("environment variable BITQUARK_PEER_PORT", "a system
     * property or command-line option"), or null when the file may decide.
     */
    public String lockedBy(StartSetting s) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        io.smallrye.config.ConfigValue v = config.getConfigValue(s.property());
        if (v == null || v.getValue() == null || v.getSourceOrdinal() <= StartSettingsSource.ORDINAL) {
            return null;
        }
        String source = v.getSourceName() == null ? "" : v.getSourceName();
        if (source.contains("EnvConfigSource")) {
            return "environment variable " + s.environmentVariable();
        }
        if (source.contains("SysPropConfigSource")) {
            return "a system property or command-line option (" + s.property() + ")";
        }
        return "the configuration source " + source + " (" + s.property() + ")";
    }
}
