package dev.bitquark.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code <data dir>/start-settings.properties}: settings changed from the web UI or the API that only
 * take effect when the server starts (the peer port, the download folder, DHT on or off, ...). Read
 * by {@link StartSettingsSource} at start-up, written by {@code PUT /api/v1/settings/start}. Only the
 * properties of {@link StartSetting} are read from it, so the file cannot set anything else
 * (authentication, the data folder, Quarkus itself). Written atomically: a temporary file, forced to
 * disk, then moved over the old one. Stateless.
 */
public final class StartSettingsFile {
    public static final String NAME = "start-settings.properties";
    /** Far above what the known keys take; a larger file is ignored as damaged. */
    static final int MAX_BYTES = 64 * 1024;

    private StartSettingsFile() {
    }

    public static Path in(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(NAME);
    }

    /** The known properties in the file; none when it is missing, too large or unreadable. */
    public static Map<String, String> read(Path file) {
        Map<String, String> out = new TreeMap<>();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return out;
            }
            Properties p = new Properties();
            try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
                p.load(r);
            }
            for (String name : p.stringPropertyNames()) {
                if (StartSetting.byProperty(name) != null) {
                    out.put(name, p.getProperty(name));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged file must not stop the server: the configured values apply, and the API says so.
            return new TreeMap<>();
        }
        return out;
    }

    /** Replaces the file with {@code properties} (property name → text), durably. */
    public static void write(Path file, Map<String, String> properties) throws IOException {
        Properties p = new Properties();
        p.putAll(properties);
        StringWriter text = new StringWriter();
        p.store(text, "bitquark: settings that take effect at the next start (written by the settings page)");
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(NAME + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for syncing; the rename is still atomic there.
        }
    }
}
