package dev.bitquark.app.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Adds {@link StartSettingsFile} to the configuration, above {@code application.properties} (250, and
 * 260 for {@code config/application.properties} in the working folder) and below {@code .env} (295),
 * environment variables (300) and system properties (400): a value chosen on the settings
 * page replaces the packaged default, while one set by the deployment (a k8s env var, a command-line
 * option) still wins, and the settings page shows that it is locked. Registered through
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class StartSettingsSource implements ConfigSourceFactory {
    public static final String NAME = "bitquark start settings";
    /** Above {@code application.properties} (250) and {@code config/application.properties} (260), below {@code .env} (295). */
    public static final int ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue dataDir = context.getValue("bitquark.data-dir");
        String dir = dataDir != null && dataDir.getValue() != null ? dataDir.getValue() : "./data";
        return List.of(new MapBackedConfigSource(NAME, StartSettingsFile.read(StartSettingsFile.in(Path.of(dir))),
                ORDINAL) {
        });
    }
}
