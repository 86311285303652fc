package dev.bitquark.app.persistence;

import java.util.Objects;

/**
 * Session-wide settings changed at run time and kept across restarts. Immutable.
 *
 * <p>Rates in bytes/s, 0 = unlimited. For the other fields 0 (or {@code ""}) means "not set": the
 * server's configured default applies, so a stored session does not pin a default that a later
 * release or configuration changes.
 *
 * @param maxConnections session-wide connection limit, 0 = the engine's default
 * @param maxConcurrentChecks torrents checking their files at once, 0 = the engine's default
 * @param defaultOutputFolder where new torrents go unless the add names a folder: a path relative
 *     to the download folder ({@code ""} = the download folder itself)
 * @param eventsIntervalMillis period of the live updates of {@code /api/v1/events}, 0 = the configured one
 */
public record SessionSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                              String defaultOutputFolder, long eventsIntervalMillis) {
    public static final SessionSettings DEFAULTS = new SessionSettings(0, 0);
    /** Longest {@link #defaultOutputFolder()} stored, in UTF-8 bytes (a path, not a document). */
    public static final int MAX_FOLDER_BYTES = 4096;

    public SessionSettings {
        Objects.requireNonNull(defaultOutputFolder, "defaultOutputFolder");
        if (downloadLimit < 0 || uploadLimit < 0 || maxConnections < 0 || maxConcurrentChecks < 0
                || eventsIntervalMillis < 0) {
            throw new IllegalArgumentException("session settings must not be negative: " + downloadLimit + ", "
                    + uploadLimit + ", " + maxConnections + ", " + maxConcurrentChecks + ", " + eventsIntervalMillis);
        }
        if (defaultOutputFolder.indexOf('\0') >= 0
                || defaultOutputFolder.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FOLDER_BYTES) {
            throw new IllegalArgumentException("defaultOutputFolder must be at most " + MAX_FOLDER_BYTES
                    + " UTF-8 bytes without NUL");
        }
    }

    /** Only the rate limits set; everything else at its default. */
    public SessionSettings(long downloadLimit, long uploadLimit) {
        this(downloadLimit, uploadLimit, 0, 0, "", 0);
    }

    public SessionSettings withRateLimits(long down, long up) {
        return new SessionSettings(down, up, maxConnections, maxConcurrentChecks, defaultOutputFolder,
                eventsIntervalMillis);
    }
}
