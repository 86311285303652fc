package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.bitquark.engine.FilePriority;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One file's new priority, as sent to the API: {@code {"index": 0, "priority": "skip"}}. Immutable;
 * {@link #validate} checks a whole list against a torrent before anything is applied.
 *
 * @param index the file's index in the torrent (as {@code GET .../files} lists it)
 * @param priority {@code skip}, {@code low}, {@code normal} or {@code high}
 */
@Schema(description = "A file's priority: {\"index\":0,\"priority\":\"skip|low|normal|high\"}")
// Entries of GET .../files (with path, size, …) may be sent back as they are, with a new priority.
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilePriorityChange(Integer index, String priority) {

    /**
     * Every change checked against a torrent of {@code fileCount} files, in order; the first problem
     * is a 400 naming the entry ({@code field[i].index} / {@code field[i].priority}) and nothing is
     * returned, so a caller applies all or nothing.
     */
    static Map<Integer, FilePriority> validate(List<FilePriorityChange> changes, int fileCount, String field) {
        Map<Integer, FilePriority> out = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            FilePriorityChange c = changes.get(i);
            String at = field + "[" + i + "]";
            if (c == null) {
                throw ApiException.badRequest("bad_files", at + " is null; expected {\"index\":…,\"priority\":…}");
            }
            if (c.index() == null) {
                throw ApiException.badRequest("bad_files", at + ".index is missing");
            }
            if (c.index() < 0 || c.index() >= fileCount) {
                throw ApiException.badRequest("bad_files", at + ".index " + c.index() + " is not a file of this torrent"
                        + " (it has " + fileCount + (fileCount == 1 ? " file, index 0)" : " files, 0.." + (fileCount - 1) + ")"));
            }
            FilePriority p = priority(c.priority());
            if (p == null) {
                throw ApiException.badRequest("bad_files", at + ".priority " + (c.priority() == null ? "is missing"
                        : "'" + clip(c.priority()) + "' is not one of skip, low, normal, high"));
            }
            if (out.put(c.index(), p) != null) {
                throw ApiException.badRequest("bad_files", at + ".index " + c.index() + " is given twice");
            }
        }
        return out;
    }

    /** {@code base} with the changes applied (one priority per file). */
    static List<FilePriority> apply(Map<Integer, FilePriority> changes, List<FilePriority> base) {
        FilePriority[] all = base.toArray(FilePriority[]::new);
        changes.forEach((i, p) -> all[i] = p);
        return List.of(all);
    }

    private static FilePriority priority(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "skip" -> FilePriority.SKIP;
            case "low" -> FilePriority.LOW;
            case "normal" -> FilePriority.NORMAL;
            case "high" -> FilePriority.HIGH;
            default -> null;
        };
    }

    static String clip(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(ch -> sb.appendCodePoint(ch < 0x20 || ch == 0x7f ? '?' : ch));
        return sb.toString();
    }
}
