package dev.bitquark.app.api;

import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
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
            "maxConnections", "files", "listOnly", "stopAfterMetadata", "category", "tags", "ratioLimit",
            "seedingMinutes", "idleMinutes", "forced", "firstLastPiecePriority");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entries of {@code files} in the short form (a query string has a few KiB at most anyway). */
    static final int MAX_SHORT_ENTRIES = 10_000;

    String outputFolder;
    boolean paused;
    boolean sequential;
    long downloadLimit;
    long uploadLimit;
    /** 0: the default. */
    int maxConnections;
    List<FilePriorityChange> files = List.of();
    boolean listOnly;
    /** A magnet link fetches its metadata, then stays paused (so files can be chosen before any is written). */
    boolean stopAfterMetadata;
    /** Category, tags, seeding goals and forced start. */
    TorrentPolicy policy = TorrentPolicy.DEFAULT;

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
            case "stopAfterMetadata" -> stopAfterMetadata = bool(name, value);
            case "downloadLimit" -> downloadLimit = rate(name, value);
            case "uploadLimit" -> uploadLimit = rate(name, value);
            case "maxConnections" -> maxConnections = connections(name, value);
            case "files" -> files = filesJson(value);
            case "category" -> policy = policy.withCategory(category(value));
            case "tags" -> policy = policy.withTags(tags(value));
            case "ratioLimit" -> policy = policy.withGoals(new SeedGoals(goal(name, value), policy.goals().seedingMinutes(),
                    policy.goals().idleMinutes()));
            case "seedingMinutes" -> policy = policy.withGoals(new SeedGoals(policy.goals().ratio(),
                    (long) goal(name, value), policy.goals().idleMinutes()));
            case "idleMinutes" -> policy = policy.withGoals(new SeedGoals(policy.goals().ratio(),
                    policy.goals().seedingMinutes(), (long) goal(name, value)));
            case "forced" -> policy = policy.withForced(bool(name, value));
            case "firstLastPiecePriority" -> policy = policy.withFirstLastPieces(bool(name, value));
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
        if (r.stopAfterMetadata() != null) {
            stopAfterMetadata = r.stopAfterMetadata();
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
        if (r.category() != null) {
            policy = policy.withCategory(category(r.category()));
        }
        if (r.tags() != null) {
            policy = policy.withTags(r.tags().stream().map(AddOptions::tag).toList());
        }
        if (r.seedGoals() != null) {
            try {
                policy = policy.withGoals(new SeedGoals(r.seedGoals().ratio(), r.seedGoals().seedingMinutes(),
                        r.seedGoals().idleMinutes()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("bad_option", "seedGoals", e.getMessage());
            }
        }
        if (r.forced() != null) {
            policy = policy.withForced(r.forced());
        }
        if (r.firstLastPiecePriority() != null) {
            policy = policy.withFirstLastPieces(r.firstLastPiecePriority());
        }
    }

    private static String category(String value) {
        try {
            return TorrentPolicy.checkCategory(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_category", "category", e.getMessage());
        }
    }

    private static String tag(String value) {
        try {
            return TorrentPolicy.checkTag(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_tags", "tags", e.getMessage());
        }
    }

    /** Comma-separated tags (qBittorrent's form); empty: none. */
    private static List<String> tags(String value) {
        List<String> out = new ArrayList<>();
        for (String t : (value == null ? "" : value).split(",")) {
            if (!t.isBlank()) {
                out.add(tag(t));
            }
        }
        if (out.size() > TorrentPolicy.MAX_TAGS) {
            throw ApiException.badField("bad_tags", "tags", out.size() + " tags; at most " + TorrentPolicy.MAX_TAGS);
        }
        return out;
    }

    /** A seeding goal in text: -2 (the session's), -1 (none) or a value in its range. */
    private static double goal(String name, String value) {
        double v;
        try {
            v = Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField("bad_option", name, name + " must be a number, got '"
                    + FilePriorityChange.clip(String.valueOf(value)) + "'");
        }
        boolean minutes = !name.equals("ratioLimit");
        if (minutes && v != Math.rint(v)) {
            throw ApiException.badField("bad_option", name, name + " must be a whole number of minutes");
        }
        double max = minutes ? SeedGoals.MAX_MINUTES : SeedGoals.MAX_RATIO;
        if (!(v == SeedGoals.SESSION || v == SeedGoals.NONE || v >= 0 && v <= max)) {
            throw ApiException.badField("bad_option", name, name + " must be -2 (the session's), -1 (none) or 0.."
                    + (long) max + ", got " + value);
        }
        return v;
    }

    /**
     * A boolean query parameter or form field: {@code true}, {@code 1}, {@code on} or {@code false}, {@code 0},
     * {@code off}, empty (any case); anything else is a 400 naming it, never silently false.
     */
    static boolean bool(String name, String value) {
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

    /**
     * {@code files} as a query parameter or form field: a JSON list {@code [{"index":0,"priority":"skip"}]}, or the
     * short form {@code 0:skip,3:high} (index, colon, priority; comma-separated). Entries are checked against the
     * torrent later ({@link FilePriorityChange#validate}); anything else is a 400 now.
     */
    static List<FilePriorityChange> filesJson(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String v = value.strip();
        if (v.startsWith("[")) {
            try {
                List<FilePriorityChange> list = JSON.readValue(v, new TypeReference<List<FilePriorityChange>>() { });
                return list == null ? List.of() : list;
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("bad_files", "files must be a list like [{\"index\":0,\"priority\":"
                        + "\"skip\"}] or 0:skip,3:high; " + JsonBodies.describe(e));
            }
        }
        List<FilePriorityChange> out = new ArrayList<>();
        String[] entries = v.split(",", -1);
        if (entries.length > MAX_SHORT_ENTRIES) {
            throw ApiException.badRequest("bad_files", "files has " + entries.length + " entries; at most "
                    + MAX_SHORT_ENTRIES + " in the short form (send a JSON body for more)");
        }
        for (String entry : entries) {
            String e = entry.strip();
            int colon = e.indexOf(':');
            String index = colon < 0 ? "" : e.substring(0, colon).strip();
            if (colon < 1 || index.length() > 9 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw ApiException.badRequest("bad_files", "files entry '" + FilePriorityChange.clip(e) + "' is not"
                        + " index:priority; expected a list like 0:skip,3:high or [{\"index\":0,\"priority\":\"skip\"}]");
            }
            out.add(new FilePriorityChange(Integer.parseInt(index), e.substring(colon + 1).strip()));
        }
        return out;
    }
}
