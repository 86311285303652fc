package dev.bitquark.app.api;

import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The add options as query parameters, valid with every body form (form fields and JSON fields
 * override them). Kept as text so that a bad value is a 400 naming it, not a JAX-RS 404. One per request.
 */
public class AddQuery {
    @QueryParam("outputFolder")
    @Parameter(description = "Folder inside the download folder to save under")
    String outputFolder;
    @QueryParam("paused")
    @Parameter(description = "true: add paused (nothing is checked or downloaded until resumed)")
    String paused;
    @QueryParam("sequential")
    @Parameter(description = "true: download pieces in order")
    String sequential;
    @QueryParam("downloadLimit")
    @Parameter(description = "This torrent's download limit in bytes/s (0 = unlimited)")
    String downloadLimit;
    @QueryParam("uploadLimit")
    @Parameter(description = "This torrent's upload limit in bytes/s (0 = unlimited)")
    String uploadLimit;
    @QueryParam("maxConnections")
    @Parameter(description = "This torrent's connection limit (1 to 10000; default 50)")
    String maxConnections;
    @QueryParam("files")
    @Parameter(description = "File priorities: 0:skip,3:high (index:priority, comma-separated) or a JSON list"
            + " [{\"index\":0,\"priority\":\"skip\"}]; priorities are skip, low, normal, high")
    String files;
    @QueryParam("listOnly")
    @Parameter(description = "true: only parse and describe the torrent (files, trackers); nothing is added")
    String listOnly;

    @QueryParam("stopAfterMetadata")
    @Parameter(description = "true: a magnet link fetches its metadata, then stays paused (files can be chosen first)")
    String stopAfterMetadata;
    @QueryParam("category")
    @Parameter(description = "The category to file it under; without outputFolder it is saved in the category's "
            + "folder (a new category is created)")
    String category;
    @QueryParam("tags")
    @Parameter(description = "Its tags, comma-separated")
    String tags;
    @QueryParam("ratioLimit")
    @Parameter(description = "Seeding goal: stop at this share ratio (-2 the session's, -1 none)")
    String ratioLimit;
    @QueryParam("seedingMinutes")
    @Parameter(description = "Seeding goal: stop after seeding this many minutes (-2 the session's, -1 none)")
    String seedingMinutes;
    @QueryParam("idleMinutes")
    @Parameter(description = "Seeding goal: stop after this many minutes without upload (-2 the session's, -1 none)")
    String idleMinutes;
    @QueryParam("forced")
    @Parameter(description = "true: runs whatever the queue's limits")
    String forced;

    @QueryParam("firstLastPiecePriority")
    @Parameter(description = "true: the first and last piece of each wanted file first")
    String firstLastPiecePriority;

    AddOptions options() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        put(q, "outputFolder", outputFolder);
        put(q, "paused", paused);
        put(q, "sequential", sequential);
        put(q, "downloadLimit", downloadLimit);
        put(q, "uploadLimit", uploadLimit);
        put(q, "maxConnections", maxConnections);
        put(q, "files", files);
        put(q, "listOnly", listOnly);
        put(q, "stopAfterMetadata", stopAfterMetadata);
        put(q, "category", category);
        put(q, "tags", tags);
        put(q, "ratioLimit", ratioLimit);
        put(q, "seedingMinutes", seedingMinutes);
        put(q, "idleMinutes", idleMinutes);
        put(q, "forced", forced);
        put(q, "firstLastPiecePriority", firstLastPiecePriority);
        return AddOptions.fromQuery(q);
    }

    private static void put(Map<String, List<String>> q, String name, String value) {
        if (value != null) {
            q.put(name, List.of(value));
        }
    }
}
