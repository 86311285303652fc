package dev.bitquark.tracker.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns tracker-supplied text (failure reasons, warnings, UDP error messages) into a short plain
 * string that is safe to log and show: decoded as UTF-8 with replacement, control characters
 * dropped, at most {@value #MAX_CHARS} characters. Markup such as HTML is kept verbatim as text;
 * escaping is the job of whoever renders it. Stateless and thread-safe.
 */
public final class TrackerText {
    /** Longest message we keep; a tracker has no business sending essays, and logs stay readable. */
    public static final int MAX_CHARS = 512;
    /** UTF-8 needs at most 4 bytes a character, so more input than this can never survive the cut. */
    private static final int MAX_INPUT_BYTES = 4 * MAX_CHARS;

    private TrackerText() {
    }

    /** Sanitizes raw bytes from the tracker. */
    public static String sanitize(byte[] raw) {
        return sanitize(raw, 0, raw.length);
    }

    /** Sanitizes {@code length} bytes of {@code raw} starting at {@code offset}. */
    public static String sanitize(byte[] raw, int offset, int length) {
        int n = Math.min(length, MAX_INPUT_BYTES);
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(raw, offset, n))
                    .toString();
        } catch (CharacterCodingException e) {
            // Cannot happen with REPLACE actions; fall back to a lossless byte-per-char view.
            decoded = new String(raw, offset, n, StandardCharsets.ISO_8859_1);
        }
        return clean(decoded);
    }

    /** Drops control characters (newlines would let a tracker forge log lines) and caps the length. */
    public static String clean(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        for (int i = 0; i < text.length() && sb.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                sb.append(c);
            }
        }
        // Do not end on half of a surrogate pair after the cut.
        if (!sb.isEmpty() && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString().strip();
    }
}
