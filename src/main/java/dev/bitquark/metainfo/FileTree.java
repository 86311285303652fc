package dev.bitquark.metainfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Places the sanitized paths of a multi-file torrent so that no two files share a path on a
 * case-insensitive file system and no file is also a directory of another.
 *
 * <p>Policy: a later file whose path equals an earlier one (after sanitizing, NFC and case
 * folding) is renamed deterministically, {@code "a.txt"} to {@code "a (1).txt"}, then
 * {@code "a (2).txt"}, ... — such twins are common in real torrents once characters are
 * replaced. A file that is also a directory of another ({@code a} and {@code a/b}, in either order)
 * is rejected: no ordinary torrent maker produces it. Not thread-safe: one instance per parse.
 */
final class FileTree {
    private enum Node { FILE, DIRECTORY }

    /** Collision key of a path (case-folded components joined by '/') to what it is. */
    private final HashMap<String, Node> nodes = new HashMap<>();
    /** Next rename number to try per duplicated key, so n twins cost O(n), not O(n^2). */
    private final HashMap<String, Integer> nextSuffix = new HashMap<>();

    /**
     * Registers {@code path} (sanitized, non-empty) and returns it, with the last component
     * renamed if an earlier file has the same path.
     */
    List<String> place(List<String> path, String field) throws BadTorrentException {
        StringBuilder key = new StringBuilder();
        int last = path.size() - 1;
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                key.append('/');
            }
            key.append(PathSanitizer.collisionKey(path.get(i)));
            String dir = key.toString();
            Node n = nodes.putIfAbsent(dir, Node.DIRECTORY);
            if (n == Node.FILE) {
                throw new BadTorrentException(field, "\"" + String.join("/", path)
                        + "\" puts a file under \"" + String.join("/", path.subList(0, i + 1))
                        + "\", which is itself a file");
            }
        }
        String prefix = last > 0 ? key.append('/').toString() : "";
        String name = path.get(last);
        String full = prefix + PathSanitizer.collisionKey(name);
        Node existing = nodes.get(full);
        if (existing == Node.DIRECTORY) {
            throw new BadTorrentException(field, "\"" + String.join("/", path)
                    + "\" is a file and also a directory of an earlier file");
        }
        if (existing == Node.FILE) {
            int n = nextSuffix.getOrDefault(full, 1);
            String renamed;
            String renamedKey;
            do {
                renamed = PathSanitizer.withSuffix(name, " (" + n + ")");
                renamedKey = prefix + PathSanitizer.collisionKey(renamed);
                n++;
            } while (nodes.containsKey(renamedKey));
            nextSuffix.put(full, n);
            name = renamed;
            full = renamedKey;
        }
        nodes.put(full, Node.FILE);
        if (name.equals(path.get(last))) {
            return path;
        }
        List<String> out = new ArrayList<>(path);
        out.set(last, name);
        return out;
    }
}
