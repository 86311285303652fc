package dev.bitquark.app.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON form of an add: {@code {"source": "https://…/x.torrent" | "magnet:?…", …}}. Absent
 * fields keep the defaults (or the query parameters). Immutable.
 *
 * @param source an http(s) URL the server fetches the .torrent from, or a magnet link
 * @param outputFolder folder inside the download folder (relative to it)
 * @param downloadLimit bytes/s, 0 = unlimited
 * @param uploadLimit bytes/s, 0 = unlimited
 * @param maxConnections this torrent's connection limit (null: the default)
 * @param listOnly parse and describe the torrent, add nothing
 * @param stopAfterMetadata for a magnet link: fetch the metadata, then stay paused before checking or
 *     writing anything, so files can be chosen first (qBittorrent's stop condition "metadata received")
 * @param category the category to file it under; without an output folder it is saved in the category's folder (an
 *     unknown category is created, as qBittorrent does)
 * @param tags its tags
 * @param seedGoals its own seeding goals ({ratio, seedingMinutes, idleMinutes}; -2 the session's, -1 none)
 * @param forced runs whatever the queue's limits
 * @param firstLastPiecePriority the first and last piece of each wanted file first
 */
@Schema(description = "Add a torrent by URL or magnet link", example = "{\"source\":\"https://…\"}")
public record AddTorrentRequest(
        @Schema(required = true, examples = "https://example.org/x.torrent") String source,
        String outputFolder,
        Boolean paused,
        Boolean sequential,
        List<FilePriorityChange> files,
        Long downloadLimit,
        Long uploadLimit,
        Integer maxConnections,
        Boolean listOnly,
        Boolean stopAfterMetadata,
        String category,
        List<String> tags,
        SeedGoalsDto seedGoals,
        Boolean forced,
        Boolean firstLastPiecePriority) implements JsonRequest {
}
