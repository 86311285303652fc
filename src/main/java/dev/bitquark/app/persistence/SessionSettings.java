package dev.bitquark.app.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Session-wide settings changed at run time and kept across restarts. Immutable.
 *
 * <p>Rates in bytes/s, 0 = unlimited. For the other numbers 0 (or {@code ""}) means "not set": the
 * server's configured default applies, so a stored session does not pin a default that a later
 * release or configuration changes.
 *
 * @param downloadLimit session download limit in force while {@link #altSpeed()} is off
 * @param uploadLimit session upload limit in force while {@link #altSpeed()} is off
 * @param maxConnections session-wide connection limit, 0 = the engine's default
 * @param maxConcurrentChecks torrents checking their files at once, 0 = the engine's default
 * @param defaultOutputFolder where new torrents go unless the add names a folder: a path relative
 *     to the download folder ({@code ""} = the download folder itself)
 * @param eventsIntervalMillis period of the live updates of {@code /api/v1/events}, 0 = the configured one
 * @param altDownloadLimit alternative download limit ("turtle mode", as qBittorrent and Transmission
 *     call it), in force instead of {@code downloadLimit} while {@code altSpeed} is on; 0 = unlimited
 * @param altUploadLimit alternative upload limit, likewise
 * @param altSpeed the alternative limits are in force
 * @param logToFile the log is also written to a rotating file in the data folder
 * @param setupDone the first-run wizard of the web UI was completed or dismissed
 */
public record SessionSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                              String defaultOutputFolder, long eventsIntervalMillis, long altDownloadLimit,
                              long altUploadLimit, boolean altSpeed, boolean logToFile, boolean setupDone) {
    public static final SessionSettings DEFAULTS = new SessionSettings(0, 0);
    /** Longest {@link #defaultOutputFolder()} stored, in UTF-8 bytes (a path, not a document). */
    public static final int MAX_FOLDER_BYTES = 4096;

    public SessionSettings {
        Objects.requireNonNull(defaultOutputFolder, "defaultOutputFolder");
        if (downloadLimit < 0 || uploadLimit < 0 || maxConnections < 0 || maxConcurrentChecks < 0
                || eventsIntervalMillis < 0 || altDownloadLimit < 0 || altUploadLimit < 0) {
            throw new IllegalArgumentException("session settings must not be negative: " + downloadLimit + ", "
                    + uploadLimit + ", " + maxConnections + ", " + maxConcurrentChecks + ", " + eventsIntervalMillis
                    + ", " + altDownloadLimit + ", " + altUploadLimit);
        }
        if (defaultOutputFolder.indexOf('\0') >= 0
                || defaultOutputFolder.getBytes(StandardCharsets.UTF_8).length > MAX_FOLDER_BYTES) {
            throw new IllegalArgumentException("defaultOutputFolder must be at most " + MAX_FOLDER_BYTES
                    + " UTF-8 bytes without NUL");
        }
    }

    /** The settings that existed before the alternative limits, the log file and the first-run flag. */
    public SessionSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                           String defaultOutputFolder, long eventsIntervalMillis) {
        this(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks, defaultOutputFolder,
                eventsIntervalMillis, 0, 0, false, false, false);
    }

    /** Only the rate limits set; everything else at its default. */
    public SessionSettings(long downloadLimit, long uploadLimit) {
        this(downloadLimit, uploadLimit, 0, 0, "", 0);
    }

    public SessionSettings withRateLimits(long down, long up) {
        return new SessionSettings(down, up, maxConnections, maxConcurrentChecks, defaultOutputFolder,
                eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile, setupDone);
    }

    public SessionSettings withAltLimits(long down, long up, boolean on) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, down, up, on, logToFile, setupDone);
    }

    public SessionSettings withLogToFile(boolean on) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, on, setupDone);
    }

    public SessionSettings withSetupDone(boolean done) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile, done);
    }

    /** The download limit in force: the alternative one while turtle mode is on. */
    public long effectiveDownloadLimit() {
        return altSpeed ? altDownloadLimit : downloadLimit;
    }

    /** The upload limit in force: the alternative one while turtle mode is on. */
    public long effectiveUploadLimit() {
        return altSpeed ? altUploadLimit : uploadLimit;
    }
}
