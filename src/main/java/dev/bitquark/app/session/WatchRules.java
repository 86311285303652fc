package dev.bitquark.app.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which files of the watch folder are taken, and when. A name is a candidate if it ends in
 * {@code .torrent} or {@code .magnet} (any case) and is not hidden or a download/copy in progress;
 * a candidate is taken once it is non-empty and its size and modification time are the same in two
 * polls in a row, so a file still being copied (over SMB/NFS, by a browser, by rsync) is not read
 * half-written. Pure bookkeeping over what a poll saw; no I/O, not thread-safe (one poller owns it).
 */
final class WatchRules {
    /** A file as one poll saw it. */
    record Seen(long size, long modifiedMillis) {
    }

    /** What a candidate file holds. */
    enum Kind {
        TORRENT, MAGNET
    }

    // Browsers, rsync and copy tools write under these names, then rename to the final one.
    private static final String[] IN_PROGRESS = {".part", ".crdownload", ".tmp"};

    private Map<Path, Seen> previous = new HashMap<>();
    /** Files already handled that could not be renamed or deleted: skipped while unchanged (no retry loop). */
    private final Map<Path, Seen> leftInPlace = new HashMap<>();

    /** The kind of a candidate file name, or null for a name the watch folder ignores. */
    static Kind kind(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.startsWith(".")) {
            return null;
        }
        for (String suffix : IN_PROGRESS) {
            if (lower.endsWith(suffix)) {
                return null;
            }
        }
        if (lower.endsWith(".torrent") && lower.length() > ".torrent".length()) {
            return Kind.TORRENT;
        }
        if (lower.endsWith(".magnet") && lower.length() > ".magnet".length()) {
            return Kind.MAGNET;
        }
        return null;
    }

    /**
     * Takes this poll's view of the candidates and returns those to process now: seen with the same
     * size and time by the previous poll, not empty, and not already handled in this very state.
     * Files gone since the previous poll are forgotten.
     */
    List<Path> stable(Map<Path, Seen> now) {
        List<Path> ready = new ArrayList<>();
        for (Map.Entry<Path, Seen> e : now.entrySet()) {
            Seen s = e.getValue();
            // An empty file is one whose writer has not started yet (copy tools create, then fill).
            if (s.size() > 0 && s.equals(previous.get(e.getKey())) && !s.equals(leftInPlace.get(e.getKey()))) {
                ready.add(e.getKey());
            }
        }
        leftInPlace.keySet().retainAll(now.keySet());
        previous = new HashMap<>(now);
        ready.sort(null);
        return ready;
    }

    /**
     * Records that {@code file} was handled in state {@code seen} but is still there (renaming or
     * deleting it failed, e.g. a read-only folder): it is taken again only once it changes.
     */
    void leftInPlace(Path file, Seen seen) {
        leftInPlace.put(file, seen);
    }

    /** Forgets a file's previous state, so it must be seen unchanged twice more before it is taken. */
    void unsettled(Path file) {
        previous.remove(file);
    }
}
