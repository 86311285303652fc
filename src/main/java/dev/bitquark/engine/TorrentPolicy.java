package dev.bitquark.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the user files a torrent under and how it runs, beside its data: its category and tags (carried for the
 * session and its APIs, not read by the engine), its seeding goals and whether it is forced (started whatever the
 * queue says). Immutable; kept in resume data and in a stored magnet link.
 *
 * @param category the torrent's category, or null; a category names a folder (the session's), the engine only
 *     carries the name
 * @param tags the torrent's tags, each once, in the order given
 * @param goals when it stops seeding
 * @param forced runs whatever the queue's limits, and is not counted by them
 * @param firstLastPieces the first and the last piece of each wanted file come first (high priority), so that a
 *     player can read a file's header and index before the rest (qBittorrent's "first and last piece priority")
 * @param name the name the user gave the torrent, shown instead of its own (qBittorrent's {@code torrents/rename});
 *     null for its own. Only a label: files and folders on disk keep their names
 */
public record TorrentPolicy(String category, List<String> tags, SeedGoals goals, boolean forced,
                            boolean firstLastPieces, String name) {
    /** No category, no tags, the session's seeding goals, queued like any other. */
    public static final TorrentPolicy DEFAULT = new TorrentPolicy(null, List.of(), SeedGoals.FROM_SESSION, false,
            false, null);
    /** Longest name the user can give a torrent, in characters. */
    public static final int MAX_TORRENT_NAME = 1000;
    /** Longest category or tag name, in characters. */
    public static final int MAX_NAME = 200;
    /** Most tags on one torrent. */
    public static final int MAX_TAGS = 100;

    public TorrentPolicy {
        if (category != null) {
            category = checkCategory(category);
            if (category.isEmpty()) {
                category = null;
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(tags.size() + " tags; at most " + MAX_TAGS);
        }
        List<String> unique = new ArrayList<>(tags.size());
        for (String t : tags) {
            String tag = checkTag(t);
            if (!unique.contains(tag)) {
                unique.add(tag);
            }
        }
        tags = List.copyOf(unique);
        java.util.Objects.requireNonNull(goals, "goals");
        name = checkTorrentName(name);
    }

    /** A torrent's own name as kept: trimmed, no control character; empty or blank means none (null). */
    public static String checkTorrentName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        if (name.length() > MAX_TORRENT_NAME) {
            throw new IllegalArgumentException("torrent name longer than " + MAX_TORRENT_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("torrent name \"" + printable(name) + "\" contains a control "
                        + "character");
            }
        }
        return name;
    }

    /**
     * A category name as kept: trimmed, at most {@value #MAX_NAME} characters, no control character and no
     * backslash; it may nest ("tv/anime", as in qBittorrent) but has no empty, {@code .} or {@code ..} part, since
     * the session makes a folder of it. Empty means no category.
     */
    public static String checkCategory(String raw) {
        String name = checkName("category", raw);
        if (name.isEmpty()) {
            return name;
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("category name \"" + name + "\" has an empty, . or .. part");
            }
        }
        return name;
    }

    /** A tag as kept: trimmed, not empty, at most {@value #MAX_NAME} characters, no control character, no comma. */
    public static String checkTag(String raw) {
        String name = checkName("tag", raw);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tag cannot be empty");
        }
        if (name.contains(",")) {
            // qBittorrent's API joins tags with commas.
            throw new IllegalArgumentException("tag \"" + name + "\" contains a comma");
        }
        return name;
    }

    private static String checkName(String what, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " name longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\\') {
                throw new IllegalArgumentException(what + " name \"" + printable(name) + "\" contains "
                        + (c == '\\' ? "a backslash" : "a control character"));
            }
        }
        return name;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** Without first and last piece priority. */
    public TorrentPolicy(String category, List<String> tags, SeedGoals goals, boolean forced) {
        this(category, tags, goals, forced, false, null);
    }

    /** With the torrent's own name. */
    public TorrentPolicy(String category, List<String> tags, SeedGoals goals, boolean forced,
                         boolean firstLastPieces) {
        this(category, tags, goals, forced, firstLastPieces, null);
    }

    public TorrentPolicy withCategory(String newCategory) {
        return new TorrentPolicy(newCategory, tags, goals, forced, firstLastPieces, name);
    }

    public TorrentPolicy withTags(List<String> newTags) {
        return new TorrentPolicy(category, newTags, goals, forced, firstLastPieces, name);
    }

    public TorrentPolicy withGoals(SeedGoals newGoals) {
        return new TorrentPolicy(category, tags, newGoals, forced, firstLastPieces, name);
    }

    public TorrentPolicy withForced(boolean on) {
        return new TorrentPolicy(category, tags, goals, on, firstLastPieces, name);
    }

    public TorrentPolicy withFirstLastPieces(boolean on) {
        return new TorrentPolicy(category, tags, goals, forced, on, name);
    }

    /** Shown as {@code newName} (null or blank: its own name again). */
    public TorrentPolicy withName(String newName) {
        return new TorrentPolicy(category, tags, goals, forced, firstLastPieces, newName);
    }
}
