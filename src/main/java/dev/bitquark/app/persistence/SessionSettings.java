package dev.bitquark.app.persistence;

import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * @param queue the queue's limits (off by default)
 * @param seedGoals the session's seeding goals, for torrents without their own (none by default)
 * @param categories category name → its folder: {@code ""} for a folder named after the category in the
 *     download folder, else a path relative to the download folder (sorted by name)
 * @param tags the tags the session knows (those of its torrents and those created on their own), sorted
 */
public record SessionSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                              String defaultOutputFolder, long eventsIntervalMillis, long altDownloadLimit,
                              long altUploadLimit, boolean altSpeed, boolean logToFile, boolean setupDone,
                              QueueSettings queue, SeedGoals seedGoals, SortedMap<String, String> categories,
                              SortedSet<String> tags) {
    public static final SessionSettings DEFAULTS = new SessionSettings(0, 0);
    /** Longest {@link #defaultOutputFolder()} stored, in UTF-8 bytes (a path, not a document). */
    public static final int MAX_FOLDER_BYTES = 4096;

    /** Most categories and most tags a session keeps. */
    public static final int MAX_CATEGORIES = 10_000;
    public static final int MAX_TAGS = 10_000;

    public SessionSettings {
        Objects.requireNonNull(defaultOutputFolder, "defaultOutputFolder");
        queue = queue == null ? QueueSettings.OFF : queue;
        seedGoals = seedGoals == null ? SeedGoals.UNLIMITED : seedGoals;
        if (seedGoals.ratio() == SeedGoals.SESSION || seedGoals.seedingMinutes() == SeedGoals.SESSION
                || seedGoals.idleMinutes() == SeedGoals.SESSION) {
            throw new IllegalArgumentException("the session's seeding goals cannot refer to the session's (-2)");
        }
        categories = categories == null ? new TreeMap<>() : new TreeMap<>(categories);
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException(categories.size() + " categories; at most " + MAX_CATEGORIES);
        }
        for (Map.Entry<String, String> c : categories.entrySet()) {
            if (!TorrentPolicy.checkCategory(c.getKey()).equals(c.getKey()) || c.getKey().isEmpty()) {
                throw new IllegalArgumentException("category name \"" + c.getKey() + "\" is not kept as given");
            }
            String folder = Objects.requireNonNull(c.getValue(), "category folder");
            if (folder.indexOf('\0') >= 0 || folder.getBytes(StandardCharsets.UTF_8).length > MAX_FOLDER_BYTES) {
                throw new IllegalArgumentException("the folder of category " + c.getKey() + " must be at most "
                        + MAX_FOLDER_BYTES + " UTF-8 bytes without NUL");
            }
        }
        categories = Collections.unmodifiableSortedMap((TreeMap<String, String>) categories);
        tags = tags == null ? new TreeSet<>() : new TreeSet<>(tags);
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(tags.size() + " tags; at most " + MAX_TAGS);
        }
        for (String t : tags) {
            if (!TorrentPolicy.checkTag(t).equals(t)) {
                throw new IllegalArgumentException("tag \"" + t + "\" is not kept as given");
            }
        }
        tags = Collections.unmodifiableSortedSet((TreeSet<String>) tags);
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

    /** The settings that existed before the queue, seeding goals, categories and tags. */
    public SessionSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                           String defaultOutputFolder, long eventsIntervalMillis, long altDownloadLimit,
                           long altUploadLimit, boolean altSpeed, boolean logToFile, boolean setupDone) {
        this(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks, defaultOutputFolder,
                eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile, setupDone, null, null,
                null, null);
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
                eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile, setupDone, queue, seedGoals,
                categories, tags);
    }

    public SessionSettings withAltLimits(long down, long up, boolean on) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, down, up, on, logToFile, setupDone, queue, seedGoals, categories,
                tags);
    }

    public SessionSettings withLogToFile(boolean on) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, on, setupDone, queue,
                seedGoals, categories, tags);
    }

    public SessionSettings withSetupDone(boolean done) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile, done, queue,
                seedGoals, categories, tags);
    }

    public SessionSettings withQueue(QueueSettings q) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile,
                setupDone, q, seedGoals, categories, tags);
    }

    public SessionSettings withSeedGoals(SeedGoals g) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile,
                setupDone, queue, g, categories, tags);
    }

    public SessionSettings withCategories(SortedMap<String, String> c) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile,
                setupDone, queue, seedGoals, c, tags);
    }

    public SessionSettings withTags(SortedSet<String> t) {
        return new SessionSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile,
                setupDone, queue, seedGoals, categories, t);
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
