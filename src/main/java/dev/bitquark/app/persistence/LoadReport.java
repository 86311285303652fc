package dev.bitquark.app.persistence;

import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link FileSessionStore#load()} found, for the start-up log and the health/UI warning.
 * Immutable.
 *
 * @param sessionSource where the torrent list came from: "session.bq", "session.bq.1 (previous
 *                      generation)", "rebuilt from torrents/" or "new session"
 * @param restored torrents returned by the load
 * @param withoutResume restored torrents whose resume data was missing or damaged in every
 *                      generation (they get a full check)
 * @param fromPreviousGeneration restored torrents whose resume data came from {@code .resume.1}
 * @param unlisted restored torrents whose .torrent file was on disk but not in the session list
 * @param damaged torrents that could not be restored; their files were kept in {@code damaged/}
 * @param problems every damage found, one line each, for the log
 */
public record LoadReport(String sessionSource, int restored, int withoutResume, int fromPreviousGeneration,
                         int unlisted, List<Damaged> damaged, List<String> problems) {

    public static final LoadReport NONE = new LoadReport("not loaded", 0, 0, 0, 0, List.of(), List.of());

    public LoadReport {
        damaged = List.copyOf(damaged);
        problems = List.copyOf(problems);
    }

    /** A torrent that could not be restored, why, and where its files are now. */
    public record Damaged(InfoHash infoHash, String reason, List<Path> keptFiles) {
        public Damaged {
            keptFiles = List.copyOf(keptFiles);
        }
    }

    /** True if the load found nothing wrong. */
    public boolean clean() {
        return problems.isEmpty() && damaged.isEmpty();
    }

    /** One line for the log: "restored 998 of 1000 torrents (session.bq), 1 damaged, 2 to recheck". */
    public String summary() {
        return "restored " + restored + " of " + (restored + damaged.size()) + " torrents (" + sessionSource + ")"
                + (damaged.isEmpty() ? "" : ", " + damaged.size() + " could not be restored (files kept in damaged/)")
                + (withoutResume == 0 ? "" : ", " + withoutResume + " without resume data (full check)")
                + (fromPreviousGeneration == 0 ? "" : ", " + fromPreviousGeneration + " from the previous resume generation")
                + (unlisted == 0 ? "" : ", " + unlisted + " found on disk but missing from the session list");
    }
}
