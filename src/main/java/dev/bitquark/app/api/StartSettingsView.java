package dev.bitquark.app.api;

import dev.bitquark.app.config.StartSetting;
import dev.bitquark.app.config.StartSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code start} part of {@code GET /api/v1/settings}: each start setting as stored and as in force. Stateless. */
final class StartSettingsView {
    private StartSettingsView() {
    }

    /**
     * A setting that takes effect at the next start.
     *
     * @param property its configuration property
     * @param environmentVariable the environment variable that sets it too (and then wins)
     * @param next the value stored for the next start, or null when the configuration decides
     * @param restartNeeded a stored value differs from the one in force: it applies after a restart
     * @param lockedBy what sets it above the settings page (an environment variable, an option), or null
     */
    @Schema(name = "StartValue")
    public record StartValue(String property, String environmentVariable,
                             @Schema(nullable = true, oneOf = {Long.class, Boolean.class, String.class, String[].class})
                             Object next,
                             boolean restartNeeded, @Schema(nullable = true) String lockedBy) {
    }

    static Map<String, StartValue> of(StartSettings start, SettingsResource.ReadOnlySettings now) {
        Map<String, String> stored = start.stored();
        Map<String, StartValue> out = new LinkedHashMap<>();
        for (StartSetting s : StartSetting.values()) {
            String text = stored.get(s.property());
            Object next = text == null ? null : parse(s, text);
            String locked = start.lockedBy(s);
            boolean pending = next != null && locked == null && !same(s, next, current(s, now));
            out.put(s.key(), new StartValue(s.property(), s.environmentVariable(), next, pending, locked));
        }
        return out;
    }

    /** The stored text as the JSON value the API takes; a hand-edited value that does not parse stays text. */
    static Object parse(StartSetting s, String text) {
        try {
            return switch (s.kind()) {
                case PORT, CLIENTS -> Long.parseLong(text.strip());
                case MILLIS -> Long.parseLong(text.strip().replaceFirst("ms$", ""));
                case BOOL -> Boolean.parseBoolean(text.strip());
                case HOST, FOLDER -> text;
                case HOST_PORTS -> Arrays.stream(text.split(",")).map(String::strip).toList();
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object current(StartSetting s, SettingsResource.ReadOnlySettings r) {
        return switch (s) {
            case PEER_PORT -> (long) r.peerPort();
            case PEER_BIND -> r.peerBind();
            case DOWNLOAD_DIR -> r.downloadDir();
            case HTTP_PORT -> (long) r.httpPort();
            case HTTP_HOST -> r.httpHost();
            case DHT -> r.dht();
            case DHT_PORT -> (long) r.dhtPort();
            case DHT_BOOTSTRAP -> r.dhtBootstrap();
            case PEX -> r.pex();
            case LSD -> r.lsd();
            case SESSION_SAVE_INTERVAL -> r.sessionSaveIntervalMillis();
            case EVENTS_MAX_CLIENTS -> (long) r.eventsMaxClients();
        };
    }

    private static boolean same(StartSetting s, Object next, Object current) {
        if (s == StartSetting.DOWNLOAD_DIR && next instanceof String n && current instanceof String c) {
            return Path.of(n).toAbsolutePath().normalize().equals(Path.of(c));
        }
        if (next instanceof List<?> a && current instanceof List<?> b) {
            return a.equals(b);
        }
        return Objects.equals(next, current);
    }
}
