package dev.bitquark.app.persistence;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BencodeLimits;

/**
 * {@link SessionSettings} to and from bytes: a canonical bencoded dictionary with a format name
 * and a version. Decoding is strict and ignores unknown keys. Stateless and thread-safe.
 *
 * <p>Version 1 began with the two rate limits; the later fields are optional keys of the same
 * version (absent = not set), so files written before them still load, and a build that predates
 * them reads a newer file by ignoring the keys it does not know.
 */
public final class SettingsCodec {
    public static final int VERSION = 1;
    static final String FORMAT = "bitquark-settings";
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT
            .withMaxDepth(5).withMaxTokens(10_000 + 4 * (SessionSettings.MAX_CATEGORIES + SessionSettings.MAX_TAGS)).withMaxStringLength(64 * 1024);

    private SettingsCodec() {
    }

    public static byte[] encode(SessionSettings s) {
        return BEncoder.encode(BDict.builder()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("download-limit", s.downloadLimit())
                .put("upload-limit", s.uploadLimit())
                .put("max-connections", s.maxConnections())
                .put("max-concurrent-checks", s.maxConcurrentChecks())
                .put("default-output-folder", s.defaultOutputFolder())
                .put("events-interval-ms", s.eventsIntervalMillis())
                .put("alt-download-limit", s.altDownloadLimit())
                .put("alt-upload-limit", s.altUploadLimit())
                .put("alt-speed", s.altSpeed() ? 1 : 0)
                .put("log-to-file", s.logToFile() ? 1 : 0)
                .put("setup-done", s.setupDone() ? 1 : 0)
                .put("library", SessionPartsCodec.library(s.queue(), s.seedGoals(), s.categories(), s.tags()))
                .build());
    }

    /** Decodes and validates settings; the message names the field at fault. */
    public static SessionSettings decode(byte[] payload) throws PersistenceException {
        StateFields f = StateFields.open(payload, LIMITS, "settings", FORMAT, VERSION);
        long down = f.integer("download-limit", 0, Long.MAX_VALUE);
        long up = f.integer("upload-limit", 0, Long.MAX_VALUE);
        int connections = (int) f.optionalInteger("max-connections", 0, Integer.MAX_VALUE, 0);
        int checks = (int) f.optionalInteger("max-concurrent-checks", 0, Integer.MAX_VALUE, 0);
        String folder = f.optionalText("default-output-folder", SessionSettings.MAX_FOLDER_BYTES);
        long interval = f.optionalInteger("events-interval-ms", 0, Long.MAX_VALUE, 0);
        if (folder != null && folder.indexOf('\0') >= 0) {
            throw f.error("default-output-folder", "contains a NUL character");
        }
        long altDown = f.optionalInteger("alt-download-limit", 0, Long.MAX_VALUE, 0);
        long altUp = f.optionalInteger("alt-upload-limit", 0, Long.MAX_VALUE, 0);
        boolean altSpeed = f.optionalInteger("alt-speed", 0, 1, 0) == 1;
        boolean logToFile = f.optionalInteger("log-to-file", 0, 1, 0) == 1;
        boolean setupDone = f.optionalInteger("setup-done", 0, 1, 0) == 1;
        SessionPartsCodec.Library library = SessionPartsCodec.library(f, "library");
        return new SessionSettings(down, up, connections, checks, folder == null ? "" : folder, interval, altDown, altUp,
                altSpeed, logToFile, setupDone, library.queue(), library.goals(), library.categories(),
                library.tags());
    }
}
