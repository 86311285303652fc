package dev.bitquark.app.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings that can be changed from the browser but take effect at the next start, with the
 * configuration property each one writes into {@link StartSettingsFile} and how its value is checked.
 * Values travel as JSON (numbers, booleans, strings) and are stored as property text.
 *
 * <p>Left out on purpose: the data folder and the persistence kind (the file itself and the session
 * live there: changing them from the page would start an empty server), and authentication.
 */
public enum StartSetting {
    PEER_PORT("peerPort", "bitquark.peer.port", Kind.PORT),
    PEER_BIND("peerBind", "bitquark.peer.bind", Kind.HOST),
    DOWNLOAD_DIR("downloadDir", "bitquark.download-dir", Kind.FOLDER),
    HTTP_PORT("httpPort", "bitquark.http.port", Kind.PORT),
    HTTP_HOST("httpHost", "bitquark.http.host", Kind.HOST),
    DHT("dht", "bitquark.dht.enabled", Kind.BOOL),
    DHT_PORT("dhtPort", "bitquark.dht.port", Kind.PORT),
    DHT_BOOTSTRAP("dhtBootstrap", "bitquark.dht.bootstrap", Kind.HOST_PORTS),
    PEX("pex", "bitquark.pex.enabled", Kind.BOOL),
    LSD("lsd", "bitquark.lsd.enabled", Kind.BOOL),
    SESSION_SAVE_INTERVAL("sessionSaveIntervalMillis", "bitquark.session.save-interval", Kind.MILLIS),
    EVENTS_MAX_CLIENTS("eventsMaxClients", "bitquark.events.max-clients", Kind.CLIENTS),
    WATCH_DIR("watchDir", "bitquark.watch.dir", Kind.FOLDER),
    WATCH_INTERVAL("watchIntervalMillis", "bitquark.watch.interval", Kind.MILLIS),
    WATCH_AFTER_ADD("watchAfterAdd", "bitquark.watch.after-add", Kind.AFTER_ADD),
    STREAM_READ_AHEAD("streamReadAheadBytes", "bitquark.stream.read-ahead-bytes", Kind.READ_AHEAD),
    LOG_JSON("logJson", "bitquark.log.json", Kind.BOOL),
    LOG_TAIL_CLIENTS("logTailClients", "bitquark.log.tail-clients", Kind.CLIENTS),
    LOG_FILE_SIZE("logFileSize", "bitquark.log.file-size", Kind.LOG_SIZE),
    LOG_FILE_BACKUPS("logFileBackups", "bitquark.log.file-backups", Kind.BACKUPS),
    ALLOWED_HOSTS("allowedHosts", "bitquark.http.allowed-hosts", Kind.HOST_NAMES),
    TRUSTED_PROXIES("trustedProxies", "bitquark.http.trusted-proxies", Kind.ADDRESSES),
    LOCALHOST_BYPASS("localhostBypass", "bitquark.auth.localhost-bypass", Kind.BOOL),
    PROTECT_METRICS("protectMetrics", "bitquark.auth.protect-metrics", Kind.BOOL),
    LOGIN_SESSION_MINUTES("loginSessionMinutes", "bitquark.auth.session-ttl", Kind.MINUTES),
    LOGIN_FAILURES_PER_MINUTE("loginFailuresPerMinute", "bitquark.auth.max-failures-per-minute", Kind.CLIENTS),
    LOGIN_BAN_AFTER("loginBanAfterFailures", "bitquark.auth.ban-after-failures", Kind.CLIENTS),
    LOGIN_BAN_MINUTES("loginBanMinutes", "bitquark.auth.ban-duration", Kind.MINUTES);

    /** How a value is checked and written. */
    public enum Kind {
        PORT, HOST, FOLDER, BOOL, HOST_PORTS, MILLIS, CLIENTS, AFTER_ADD, READ_AHEAD, LOG_SIZE, BACKUPS, HOST_NAMES,
        ADDRESSES, MINUTES
    }

    static final int MAX_TEXT_BYTES = 4096;
    static final long MIN_SAVE_MILLIS = 100;
    static final long MAX_SAVE_MILLIS = 600_000;
    static final int MAX_CLIENTS = 1024;
    /** A host name or an IPv4/IPv6 literal: letters, digits, dots, dashes, colons (no spaces or URL parts). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-]{1,253}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.\\-]{1,253}):[0-9]{1,5}");
    /** A host name the UI answers to, optionally with a leading wildcard label ({@code *.home.arpa}). */
    private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9.\\-]{1,253}");
    /** An IPv4 or IPv6 address, optionally with a prefix length (CIDR). */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");
    static final long MAX_READ_AHEAD = 1L << 30;
    static final long MIN_LOG_SIZE = 1L << 20;
    static final long MAX_LOG_SIZE = 1L << 30;
    static final int MAX_BACKUPS = 100;
    static final long MAX_MINUTES = 366L * 24 * 60;

    private final String key;
    private final String property;
    private final Kind kind;

    StartSetting(String key, String property, Kind kind) {
        this.key = key;
        this.property = property;
        this.kind = kind;
    }

    /** The name in the API ({@code readOnly} of {@code GET /api/v1/settings}). */
    public String key() {
        return key;
    }

    public String property() {
        return property;
    }

    public Kind kind() {
        return kind;
    }

    /** The environment variable of the property (SmallRye's mapping), for messages. */
    public String environmentVariable() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static StartSetting byKey(String key) {
        for (StartSetting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    public static StartSetting byProperty(String property) {
        for (StartSetting s : values()) {
            if (s.property.equals(property)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The property text for a JSON value (a Long, Boolean, String, or a List of Strings for the
     * bootstrap nodes), after checking it.
     *
     * @throws IllegalArgumentException with a message naming the setting
     */
    public String text(Object value) {
        return switch (kind) {
            case PORT -> Long.toString(number(value, 1, 65_535));
            case CLIENTS -> Long.toString(number(value, 1, MAX_CLIENTS));
            case MILLIS -> number(value, MIN_SAVE_MILLIS, MAX_SAVE_MILLIS) + "ms";
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw new IllegalArgumentException("setting \"" + key + "\" must be true or false");
                }
                yield b.toString();
            }
            case HOST -> {
                String s = string(value);
                if (!HOST.matcher(s).matches()) {
                    throw new IllegalArgumentException("setting \"" + key + "\" must be an IP address or a host name");
                }
                yield s;
            }
            case FOLDER -> {
                String s = string(value).strip();
                if (s.isEmpty() || s.indexOf('\0') >= 0 || s.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                    throw new IllegalArgumentException("setting \"" + key + "\" must be a folder path of at most "
                            + MAX_TEXT_BYTES + " bytes without NUL");
                }
                yield s;
            }
            case HOST_PORTS -> hostPorts(value);
            case AFTER_ADD -> {
                String v = string(value);
                if (!v.equals("rename") && !v.equals("delete")) {
                    throw new IllegalArgumentException("setting \"" + key + "\" must be \"rename\" or \"delete\"");
                }
                yield v;
            }
            case READ_AHEAD -> Long.toString(number(value, 0, MAX_READ_AHEAD));
            case LOG_SIZE -> Long.toString(number(value, MIN_LOG_SIZE, MAX_LOG_SIZE));
            case BACKUPS -> Long.toString(number(value, 1, MAX_BACKUPS));
            case MINUTES -> number(value, 1, MAX_MINUTES) + "m";
            case HOST_NAMES -> list(value, HOST_NAME, "a host name (or *.domain)");
            case ADDRESSES -> list(value, ADDRESS, "an IP address or CIDR range");
        };
    }

    /** A comma-separated list of at most 32 entries, each matching {@code entry}. */
    private String list(Object value, Pattern entry, String what) {
        if (!(value instanceof java.util.List<?> items) || items.isEmpty() || items.size() > 32) {
            throw new IllegalArgumentException("setting \"" + key + "\" must be a list of 1 to 32 entries");
        }
        StringBuilder out = new StringBuilder();
        for (Object o : items) {
            String s = string(o).strip();
            if (!entry.matcher(s).matches()) {
                throw new IllegalArgumentException("setting \"" + key + "\": \"" + clip(s) + "\" is not " + what);
            }
            out.append(out.isEmpty() ? "" : ",").append(s);
        }
        return out.toString();
    }

    private String hostPorts(Object value) {
        if (!(value instanceof java.util.List<?> list) || list.size() > 32) {
            throw new IllegalArgumentException("setting \"" + key + "\" must be a list of at most 32 host:port "
                    + "entries, or [\"none\"]");
        }
        StringBuilder out = new StringBuilder();
        for (Object o : list) {
            String s = string(o).strip();
            boolean none = "none".equals(s) && list.size() == 1;
            if (!none && !HOST_PORT.matcher(s).matches()) {
                throw new IllegalArgumentException("setting \"" + key + "\": \"" + clip(s) + "\" is not host:port");
            }
            int port = none ? 1 : Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("setting \"" + key + "\": port of \"" + clip(s)
                        + "\" is outside 1..65535");
            }
            out.append(out.isEmpty() ? "" : ",").append(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("setting \"" + key + "\" needs at least one host:port, or \"none\"");
        }
        return out.toString();
    }

    private long number(Object value, long min, long max) {
        if (!(value instanceof Long || value instanceof Integer)) {
            throw new IllegalArgumentException("setting \"" + key + "\" must be an integer");
        }
        long n = ((Number) value).longValue();
        if (n < min || n > max) {
            throw new IllegalArgumentException("setting \"" + key + "\" is " + n + ", outside " + min + ".." + max);
        }
        return n;
    }

    private String string(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("setting \"" + key + "\" must be a string");
        }
        return s;
    }

    private static String clip(String s) {
        String c = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }
}
