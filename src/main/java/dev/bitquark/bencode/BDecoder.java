package dev.bitquark.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Strict bencode decoder (BEP 3). Rejects everything a canonical encoder would not produce:
 * leading zeros and {@code -0} in integers, leading zeros in string lengths, integers outside the
 * {@code long} range, unsorted (unless {@link BencodeLimits#strictKeyOrder()} is off) or duplicate
 * dictionary keys, non-string keys, truncated input and, in {@link #decode}, trailing bytes.
 *
 * <p>Hostile input is bounded by {@link BencodeLimits}: nesting depth, value count and string
 * length are checked before anything is allocated for them, and a string may never be longer than
 * the input left, so memory stays proportional to the input. Recursion is bounded by the depth cap.
 * Every failure is a {@link BencodeException} carrying the byte offset.
 *
 * <p>Stateless static entry points; each call uses its own decoder state, so they are thread-safe.
 * The input array is not copied: spans of decoded dictionaries refer to it, so callers must not
 * modify it afterwards.
 */
public final class BDecoder {
    private final byte[] data;
    private final int limit;
    private final BencodeLimits limits;
    private int pos;
    private int tokens;

    /** A value decoded from the front of a buffer and the offset just after it. */
    public record Result(BValue value, int end) {
    }

    private BDecoder(byte[] data, int offset, int length, BencodeLimits limits) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException(
                    "range [" + offset + ", +" + length + ") outside array of " + data.length + " bytes");
        }
        this.data = data;
        this.pos = offset;
        this.limit = offset + length;
        this.limits = limits;
    }

    /** Decodes the whole array with {@link BencodeLimits#DEFAULT}. */
    public static BValue decode(byte[] data) {
        return decode(data, 0, data.length, BencodeLimits.DEFAULT);
    }

    /** Decodes the whole array. */
    public static BValue decode(byte[] data, BencodeLimits limits) {
        return decode(data, 0, data.length, limits);
    }

    /** Decodes exactly {@code length} bytes at {@code offset}: one value, nothing after it. */
    public static BValue decode(byte[] data, int offset, int length, BencodeLimits limits) {
        Result r = decodePrefix(data, offset, length, limits);
        int end = offset + length;
        if (r.end() != end) {
            throw new BencodeException("trailing data: " + (end - r.end()) + " bytes after the value", r.end());
        }
        return r.value();
    }

    /** Decodes the whole array, which must hold a dictionary (torrent files, tracker responses). */
    public static BDict decodeDict(byte[] data, BencodeLimits limits) {
        if (decode(data, limits) instanceof BDict d) {
            return d;
        }
        throw new BencodeException("top-level value is not a dictionary", 0);
    }

    /**
     * Decodes one value at the front of {@code [offset, offset + length)} and returns it with the
     * offset just after it; the bytes after it are not examined. BEP 9: an ut_metadata {@code data}
     * message is a bencoded dictionary directly followed by the raw metadata piece.
     */
    public static Result decodePrefix(byte[] data, int offset, int length, BencodeLimits limits) {
        BDecoder d = new BDecoder(data, offset, length, limits);
        BValue v = d.value(0);
        return new Result(v, d.pos);
    }

    private BValue value(int depth) {
        if (pos >= limit) {
            throw new BencodeException("unexpected end of input, expected a value", pos);
        }
        countToken();
        byte b = data[pos];
        if (b == 'i') {
            return new BInt(integer());
        }
        if (b == 'l') {
            return list(enter(depth));
        }
        if (b == 'd') {
            return dict(enter(depth));
        }
        if (isDigit(b)) {
            return BBytes.wrap(string());
        }
        throw new BencodeException("unexpected byte " + describe(b) + ", expected 'i', 'l', 'd' or a digit", pos);
    }

    private void countToken() {
        if (++tokens > limits.maxTokens()) {
            throw new BencodeException("too many values: more than " + limits.maxTokens(), pos);
        }
    }

    private int enter(int depth) {
        if (depth >= limits.maxDepth()) {
            throw new BencodeException("too deep: nesting exceeds " + limits.maxDepth() + " levels", pos);
        }
        return depth + 1;
    }

    /** {@code i<digits>e}: optional minus, no leading zeros, no {@code -0}, within long range. */
    private long integer() {
        int start = pos;
        pos++; // 'i'
        boolean negative = pos < limit && data[pos] == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        // Accumulate negatively so Long.MIN_VALUE fits (the algorithm of Long.parseLong).
        long bound = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multBound = bound / 10;
        long acc = 0;
        while (pos < limit && isDigit(data[pos])) {
            if (pos == digitsStart + 1 && data[digitsStart] == '0') {
                throw new BencodeException("integer has a leading zero", digitsStart);
            }
            int d = data[pos] - '0';
            if (acc < multBound || acc * 10 < bound + d) {
                throw new BencodeException("integer out of 64-bit range", start);
            }
            acc = acc * 10 - d;
            pos++;
        }
        if (pos >= limit) {
            throw new BencodeException("unexpected end of input inside integer", pos);
        }
        if (pos == digitsStart) {
            throw new BencodeException(
                    "integer has no digits (found " + describe(data[pos]) + ")", pos);
        }
        if (data[pos] != 'e') {
            throw new BencodeException("unexpected byte " + describe(data[pos]) + " in integer, expected 'e'", pos);
        }
        if (negative && acc == 0) {
            throw new BencodeException("integer is negative zero", start);
        }
        pos++; // 'e'
        return negative ? acc : -acc;
    }

    /** {@code <length>:<bytes>}; the length is checked against the limits before allocating. */
    private byte[] string() {
        int start = pos;
        long length = 0;
        while (pos < limit && isDigit(data[pos])) {
            if (pos == start + 1 && data[start] == '0') {
                throw new BencodeException("string length has a leading zero", start);
            }
            length = length * 10 + (data[pos] - '0');
            if (length > Integer.MAX_VALUE) {
                throw new BencodeException("string length too large: over " + Integer.MAX_VALUE + " bytes", start);
            }
            pos++;
        }
        if (pos >= limit) {
            throw new BencodeException("unexpected end of input inside string length", pos);
        }
        if (data[pos] != ':') {
            throw new BencodeException(
                    "unexpected byte " + describe(data[pos]) + " after string length, expected ':'", pos);
        }
        pos++; // ':'
        if (length > limits.maxStringLength()) {
            throw new BencodeException(
                    "string length " + length + " exceeds limit of " + limits.maxStringLength() + " bytes", start);
        }
        int remaining = limit - pos;
        if (length > remaining) {
            throw new BencodeException(
                    "string length " + length + " exceeds remaining input of " + remaining + " bytes", start);
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    private BList list(int depth) {
        pos++; // 'l'
        List<BValue> items = new ArrayList<>();
        while (true) {
            if (pos >= limit) {
                throw new BencodeException("unexpected end of input inside list", pos);
            }
            if (data[pos] == 'e') {
                pos++;
                return items.isEmpty() ? BList.EMPTY : new BList(items);
            }
            items.add(value(depth));
        }
    }

    private BDict dict(int depth) {
        pos++; // 'd'
        String[] keys = new String[4];
        BValue[] values = new BValue[4];
        int[] spans = new int[8];
        HashSet<String> seen = null; // only for large unsorted dictionaries (lenient mode)
        boolean sorted = true;
        int n = 0;
        while (true) {
            if (pos >= limit) {
                throw new BencodeException("unexpected end of input inside dictionary", pos);
            }
            if (data[pos] == 'e') {
                pos++;
                break;
            }
            int keyStart = pos;
            if (!isDigit(data[pos])) {
                throw new BencodeException("dictionary key must be a byte string, found " + describe(data[pos]), pos);
            }
            countToken();
            String key = new String(string(), StandardCharsets.ISO_8859_1);
            if (n > 0) {
                int cmp = key.compareTo(keys[n - 1]);
                if (cmp == 0) {
                    throw new BencodeException("duplicate dictionary key \"" + key + "\"", keyStart);
                }
                if (cmp < 0) {
                    if (limits.strictKeyOrder()) {
                        throw new BencodeException("dictionary keys not sorted: \"" + key
                                + "\" after \"" + keys[n - 1] + "\"", keyStart);
                    }
                    sorted = false;
                }
                // While keys ascend, a greater key is new; once the order broke, look it up.
                if (!sorted) {
                    if (seen == null && n >= 8) {
                        seen = new HashSet<>(Arrays.asList(keys).subList(0, n));
                    }
                    if (seen != null ? seen.contains(key) : linearContains(keys, n, key)) {
                        throw new BencodeException("duplicate dictionary key \"" + key + "\"", keyStart);
                    }
                }
            }
            int valueStart = pos;
            if (pos < limit && data[pos] == 'e') {
                throw new BencodeException("dictionary key \"" + key + "\" has no value", pos);
            }
            BValue v = value(depth);
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                values = Arrays.copyOf(values, n * 2);
                spans = Arrays.copyOf(spans, n * 4);
            }
            keys[n] = key;
            values[n] = v;
            spans[2 * n] = valueStart;
            spans[2 * n + 1] = pos;
            if (seen != null) {
                seen.add(key);
            }
            n++;
        }
        return new BDict(Arrays.copyOf(keys, n), Arrays.copyOf(values, n), Arrays.copyOf(spans, 2 * n), data);
    }

    private static boolean linearContains(String[] keys, int n, String key) {
        for (int i = 0; i < n; i++) {
            if (keys[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String describe(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7f ? "'" + (char) v + "'" : String.format("0x%02x", v);
    }
}
