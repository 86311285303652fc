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

    static Map<String, StartValue> of(StartSettings start, ReadOnlySettings now) {
        Map<String, String> stored = start.stored();
        Map<String, StartValue> out = new LinkedHashMap<>();
        for (StartSetting s : StartSetting.values()) {
            String text = stored.get(s.property());
            Object next = text == null ? null : parse(s, text);
            String locked = start.lockedBy(s);
            // A DHT port saved while the DHT is off has nothing to compare with (the port in force is 0).
            boolean comparable = s != StartSetting.DHT_PORT || now.dht();
            boolean pending = next != null && locked == null && comparable && !same(s, next, current(s, now));
            out.put(s.key(), new StartValue(s.property(), s.environmentVariable(), next, pending, locked));
        }
        return out;
    }

    /** The stored text as the JSON value the API takes; a hand-edited value that does not parse stays text. */
    static Object parse(StartSetting s, String text) {
        try {
            return switch (s.kind()) {
                case PORT, CLIENTS, READ_AHEAD, LOG_SIZE, BACKUPS -> Long.parseLong(text.strip());
                case MILLIS -> Long.parseLong(text.strip().replaceFirst("ms$", ""));
                case MINUTES -> Long.parseLong(text.strip().replaceFirst("m$", ""));
                case BOOL -> Boolean.parseBoolean(text.strip());
                case HOST, FOLDER, AFTER_ADD -> text;
                case HOST_PORTS, HOST_NAMES, ADDRESSES -> Arrays.stream(text.split(",")).map(String::strip).toList();
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object current(StartSetting s, ReadOnlySettings r) {
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
            case WATCH_DIR -> r.watchDir();
            case WATCH_INTERVAL -> r.watchIntervalMillis();
            case WATCH_AFTER_ADD -> r.watchAfterAdd();
            case STREAM_READ_AHEAD -> r.streamReadAheadBytes();
            case LOG_JSON -> r.logJson();
            case LOG_TAIL_CLIENTS -> (long) r.logTailClients();
            case LOG_FILE_SIZE -> r.logFileSize();
            case LOG_FILE_BACKUPS -> (long) r.logFileBackups();
            case ALLOWED_HOSTS -> r.allowedHosts();
            case TRUSTED_PROXIES -> r.trustedProxies();
            case LOCALHOST_BYPASS -> r.localhostBypass();
            case PROTECT_METRICS -> r.protectMetrics();
            case LOGIN_SESSION_MINUTES -> r.loginSessionMinutes();
            case LOGIN_FAILURES_PER_MINUTE -> (long) r.loginFailuresPerMinute();
            case LOGIN_BAN_AFTER -> (long) r.loginBanAfterFailures();
            case LOGIN_BAN_MINUTES -> r.loginBanMinutes();
        };
    }

    private static boolean same(StartSetting s, Object next, Object current) {
        if ((s == StartSetting.DOWNLOAD_DIR || s == StartSetting.WATCH_DIR) && next instanceof String n
                && current instanceof String c && !c.isEmpty()) {
            return Path.of(n).toAbsolutePath().normalize().equals(Path.of(c));
        }
        if (next instanceof List<?> a && current instanceof List<?> b) {
            // ["none"] is how "no routers" is written; in force it is the empty list.
            return (a.equals(List.of("none")) ? List.of() : a).equals(b);
        }
        return Objects.equals(next, current);
    }
}
