package dev.bitquark.app.api;

import java.util.Locale;

/**
 * The one byte range of a request for a file of {@code size} bytes (RFC 9110 section 14), or why there is none.
 * Parsed from the {@code Range} header:
 * <ul>
 *   <li>absent, or in a unit other than {@code bytes}: the whole file ({@link Kind#WHOLE}, 200). RFC 9110 14.2:
 *       a server MUST ignore a range unit it does not understand.</li>
 *   <li>{@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}: {@link Kind#PARTIAL} (206), the last position
 *       clipped to the end of the file, a suffix longer than the file meaning all of it.</li>
 *   <li>a first position at or past the end, a zero-length suffix, any range of an empty file: {@link
 *       Kind#UNSATISFIABLE} (416).</li>
 *   <li>a syntax error, or several ranges: also 416. RFC 9110 14.2 allows a server to reject such a header;
 *       multipart/byteranges is not served because media players never ask for it, and answering only the first
 *       range with 206 would mislead a client that expects a multipart body.</li>
 * </ul>
 * An {@code If-Range} header makes the range apply only if its validator matches the current representation;
 * bitquark never sends validators (ETag, Last-Modified), so no validator can match and the whole file is sent
 * (RFC 9110 13.1.5). Immutable.
 *
 * @param first first byte, inclusive (PARTIAL and WHOLE)
 * @param last  last byte, inclusive; {@code first - 1} for a whole empty file
 */
public record ByteRange(Kind kind, long first, long last, String problem) {
    /** Longest Range header looked at; anything longer is refused before it is parsed. */
    static final int MAX_HEADER = 256;

    public enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    /** Number of bytes to send (0 for UNSATISFIABLE). */
    public long length() {
        return kind == Kind.UNSATISFIABLE ? 0 : last - first + 1;
    }

    /** The range of {@code size} bytes that {@code range} and {@code ifRange} (each possibly null) ask for. */
    public static ByteRange of(String range, String ifRange, long size) {
        if (range == null || ifRange != null) {
            return whole(size);
        }
        String h = range.strip();
        if (h.length() > MAX_HEADER) {
            return refused("Range header longer than " + MAX_HEADER + " characters");
        }
        int eq = h.indexOf('=');
        if (eq < 0) {
            return refused("Range header '" + h + "' has no '='; expected bytes=first-last");
        }
        String unit = h.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return refused("Range header '" + h + "' names no unit; expected bytes=first-last");
        }
        if (!unit.equals("bytes")) {
            return whole(size);
        }
        String set = h.substring(eq + 1).strip();
        if (set.indexOf(',') >= 0) {
            return refused("several ranges ('" + set + "') are not served; ask for one range");
        }
        int dash = set.indexOf('-');
        if (dash < 0) {
            return refused("range '" + set + "' has no '-'; expected first-last, first- or -suffix");
        }
        String a = set.substring(0, dash).strip();
        String b = set.substring(dash + 1).strip();
        if (a.isEmpty()) {
            long suffix = number(b);
            if (suffix < 0) {
                return refused("suffix length '" + b + "' is not a number");
            }
            if (suffix == 0 || size == 0) {
                return refused("suffix of " + suffix + " bytes of a " + size + "-byte file is empty");
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - suffix), size - 1, null);
        }
        long first = number(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
        if (first < 0 || last < 0) {
            return refused("range '" + set + "' must be made of decimal byte positions");
        }
        if (last < first) {
            return refused("range '" + set + "' ends before it starts");
        }
        if (first >= size) {
            return refused("range '" + set + "' starts at or past the end of the " + size + "-byte file");
        }
        return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1), null);
    }

    private static ByteRange whole(long size) {
        return new ByteRange(Kind.WHOLE, 0, size - 1, null);
    }

    private static ByteRange refused(String problem) {
        return new ByteRange(Kind.UNSATISFIABLE, 0, -1, problem);
    }

    /** Decimal digits only; a value beyond {@code long} saturates (it is past any file's end); -1 if malformed. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }
}
