package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an add request asks for besides the torrent itself, gathered from the query string, then
 * from the form fields or the JSON body (later sources win). Every value is checked here, so a bad
 * one is a 400 naming the field. Not thread-safe: one instance per request.
 */
final class AddOptions {
    /** Highest per-torrent limit accepted (1 TiB/s); anything above is surely a mistake. */
    static final long MAX_RATE = 1L << 40;
    /** Highest per-torrent connection limit accepted. */
    static final int MAX_CONNECTIONS = 10_000;
    /** The option names, as query parameters and form fields. */
    static final List<String> NAMES = List.of("outputFolder", "paused", "sequential", "downloadLimit", "uploadLimit",
            "maxConnections", "files", "listOnly");
    private static final ObjectMapper JSON = new ObjectMapper();

    String outputFolder;
    boolean paused;
    boolean sequential;
    long downloadLimit;
    long uploadLimit;
    /** 0: the default. */
    int maxConnections;
    List<FilePriorityChange> files = List.of();
    boolean listOnly;

    /** The options given as query parameters (absent ones keep their defaults). */
    static AddOptions fromQuery(Map<String, List<String>> query) {
        AddOptions o = new AddOptions();
        for (String name : NAMES) {
            List<String> values = query.get(name);
            if (values != null && !values.isEmpty()) {
                o.set(name, values.get(values.size() - 1));
            }
        }
        return o;
    }

    /** Sets one option from its text form (query parameter or form field); other names are ignored. */
    void set(String name, String value) {
        switch (name) {
            case "outputFolder" -> outputFolder = value;
            case "paused" -> paused = bool(name, value);
            case "sequential" -> sequential = bool(name, value);
            case "listOnly" -> listOnly = bool(name, value);
            case "downloadLimit" -> downloadLimit = rate(name, value);
            case "uploadLimit" -> uploadLimit = rate(name, value);
            case "maxConnections" -> maxConnections = connections(name, value);
            case "files" -> files = filesJson(value);
            default -> {
                // Other fields (e.g. a qBittorrent client's category) are not options of ours.
            }
        }
    }

    /** Overlays the fields present in a JSON body. */
    void apply(AddTorrentRequest r) {
        if (r.outputFolder() != null) {
            outputFolder = r.outputFolder();
        }
        if (r.paused() != null) {
            paused = r.paused();
        }
        if (r.sequential() != null) {
            sequential = r.sequential();
        }
        if (r.listOnly() != null) {
            listOnly = r.listOnly();
        }
        if (r.downloadLimit() != null) {
            downloadLimit = rate("downloadLimit", r.downloadLimit());
        }
        if (r.uploadLimit() != null) {
            uploadLimit = rate("uploadLimit", r.uploadLimit());
        }
        if (r.maxConnections() != null) {
            maxConnections = connections("maxConnections", r.maxConnections());
        }
        if (r.files() != null) {
            files = r.files();
        }
    }

    private static boolean bool(String name, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "1", "on" -> true;
            case "false", "0", "off", "" -> false;
            default -> throw ApiException.badRequest("bad_option", name + " must be true or false, got '"
                    + FilePriorityChange.clip(value) + "'");
        };
    }

    /** A whole number in text ({@code unit} for the message), or {@code empty} for an empty value. */
    private static long whole(String name, String value, String unit, long empty) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return empty;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad_option", name + " must be a whole number" + unit + ", got '"
                    + FilePriorityChange.clip(value) + "'");
        }
    }

    private static long rate(String name, String value) {
        return rate(name, whole(name, value, " of bytes/s", 0));
    }

    private static long rate(String name, long value) {
        if (value < 0 || value > MAX_RATE) {
            throw ApiException.badRequest("bad_option", name + " must be 0 (unlimited) to " + MAX_RATE
                    + " bytes/s, got " + value);
        }
        return value;
    }

    /** 0 (the default) when empty. */
    private static int connections(String name, String value) {
        long n = whole(name, value, "", 0);
        return n == 0 && (value == null || value.isBlank()) ? 0 : connections(name, n);
    }

    static int connections(String name, long value) {
        if (value < 1 || value > MAX_CONNECTIONS) {
            throw ApiException.badRequest("bad_option", name + " must be 1 to " + MAX_CONNECTIONS + ", got " + value);
        }
        return (int) value;
    }

    private static List<FilePriorityChange> filesJson(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            List<FilePriorityChange> list = JSON.readValue(value, new TypeReference<List<FilePriorityChange>>() { });
            return list == null ? List.of() : list;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad_files", "files must be a JSON array like "
                    + "[{\"index\":0,\"priority\":\"skip\"}]: " + e.getOriginalMessage());
        }
    }
}
