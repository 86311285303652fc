package dev.bitquark.metainfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns remote-controlled names (torrent {@code name}, {@code files[].path}, magnet {@code dn})
 * into path components that are safe on Linux, macOS and Windows, and resolves them under a root
 * with a proof that the result stays inside it. Stateless and thread-safe.
 *
 * <p>Rules for one component, in order:
 * <ol>
 *   <li>Unicode NFC, so the NFD twin of a name (macOS) is recognised as the same name;</li>
 *   <li>control characters (C0, DEL, C1), unpaired surrogates and {@code / \ : * ? " < > |}
 *       become {@code _}, so a component can never contain a separator, a drive letter
 *       ({@code C:}) or an absolute path;</li>
 *   <li>trailing dots and spaces are trimmed (Windows drops them silently, which would alias
 *       names); {@code .}, {@code ..} and what trims to nothing yield {@code ""}: dropped;</li>
 *   <li>Windows device names ({@code CON}, {@code NUL}, {@code COM1}, {@code LPT1}, ... with or
 *       without an extension, any case) get a {@code _} prefix;</li>
 *   <li>the component is cut to {@value #MAX_COMPONENT_BYTES} UTF-8 bytes on a code point
 *       boundary, keeping a short extension.</li>
 * </ol>
 */
public final class PathSanitizer {
    /** Most file systems limit a name to 255 bytes. */
    public static final int MAX_COMPONENT_BYTES = 255;
    /** Longest extension (with its dot) kept when a name is cut. */
    static final int MAX_EXTENSION_BYTES = 16;
    private static final String FORBIDDEN = "/\\:*?\"<>|";
    private static final Set<String> RESERVED = reservedNames();

    private PathSanitizer() {
    }

    private static Set<String> reservedNames() {
        List<String> names = new ArrayList<>(List.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"));
        for (int i = 0; i <= 9; i++) {
            names.add("COM" + i);
            names.add("LPT" + i);
        }
        return Set.copyOf(names);
    }

    /** The safe form of one component, or {@code ""} if it must be dropped. */
    public static String sanitizeComponent(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            // codePointAt yields an unpaired surrogate as itself, which UTF-8 cannot encode.
            boolean bad = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff)
                    || FORBIDDEN.indexOf(cp) >= 0;
            if (bad) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String out = trimTrailingDotsAndSpaces(sb.toString());
        if (out.isEmpty()) {
            return "";
        }
        if (isReserved(out)) {
            out = "_" + out;
        }
        return truncate(out, "");
    }

    /** Sanitizes every component and drops those that come out empty. */
    public static List<String> sanitizePath(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        for (String c : raw) {
            String s = sanitizeComponent(c);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * {@code component} with {@code suffix} inserted before its extension ({@code "a.txt"} and
     * {@code " (1)"} give {@code "a (1).txt"}), still within {@value #MAX_COMPONENT_BYTES} bytes.
     * Used to rename a file whose sanitized path duplicates an earlier one.
     */
    public static String withSuffix(String component, String suffix) {
        return truncate(component, suffix);
    }

    /** The key two components collide under on a case-insensitive file system (Windows, macOS). */
    static String collisionKey(String sanitizedComponent) {
        return sanitizedComponent.toLowerCase(Locale.ROOT);
    }

    /**
     * Resolves {@code components} under {@code root} and proves the result lies strictly inside it:
     * each component must already be in sanitized form ({@link #sanitizeComponent} returns it
     * unchanged) and be one plain name to the file system (not absolute, no separator), and the normalized result must start with the normalized root (a
     * {@link Path#startsWith(Path)} check on path elements, never a string prefix check). Symbolic
     * links are not followed here; code that opens the path must not follow them either.
     *
     * @throws IllegalArgumentException if the components are empty or any would escape the root
     */
    public static Path resolveInside(Path root, List<String> components) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        Path base = root.toAbsolutePath().normalize();
        Path p = base;
        for (String c : components) {
            if (c == null || c.isEmpty() || !sanitizeComponent(c).equals(c)) {
                throw new IllegalArgumentException("unsafe path component \"" + printable(c) + "\"");
            }
            Path part;
            try {
                part = base.getFileSystem().getPath(c);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid path component \"" + printable(c) + "\"", e);
            }
            // Second line of defence, in the file system's own terms.
            if (part.isAbsolute() || part.getRoot() != null || part.getNameCount() != 1
                    || c.equals(".") || c.equals("..") || !part.toString().equals(c)) {
                throw new IllegalArgumentException("unsafe path component \"" + printable(c) + "\"");
            }
            p = p.resolve(part);
        }
        Path result = p.normalize();
        if (!result.startsWith(base) || result.equals(base)) {
            throw new IllegalArgumentException("path escapes " + base + ": " + printable(String.join("/", components)));
        }
        return result;
    }

    private static String trimTrailingDotsAndSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isReserved(String name) {
        int dot = name.indexOf('.');
        String base = trimTrailingDotsAndSpaces(dot < 0 ? name : name.substring(0, dot));
        return RESERVED.contains(base.toUpperCase(Locale.ROOT));
    }

    /** {@code name} with {@code suffix} before its extension, cut to the byte limit. */
    private static String truncate(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        String ext = "";
        String stem = name;
        if (dot > 0 && utf8Length(name.substring(dot)) <= MAX_EXTENSION_BYTES) {
            ext = name.substring(dot);
            stem = name.substring(0, dot);
        }
        int budget = MAX_COMPONENT_BYTES - utf8Length(ext) - utf8Length(suffix);
        if (utf8Length(stem) > budget) {
            stem = trimTrailingDotsAndSpaces(cutToBytes(stem, budget));
            if (stem.isEmpty()) {
                stem = "_";
            }
        }
        return stem + suffix + ext;
    }

    private static String cutToBytes(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = utf8Length(cp);
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
