package dev.bitquark.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonical bencode encoder (BEP 3): dictionary keys in unsigned byte order, shortest integer and
 * length forms. For any input the strict {@link BDecoder} accepts, encoding the decoded value gives
 * back the same bytes. Stateless and thread-safe. Recursion follows the value's nesting, which for
 * decoded values is bounded by {@link BencodeLimits#maxDepth()}.
 */
public final class BEncoder {
    private BEncoder() {
    }

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        write(value, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code value} to {@code out}. */
    public static void write(BValue value, ByteArrayOutputStream out) {
        switch (value) {
            case BInt i -> {
                out.write('i');
                writeAscii(Long.toString(i.value()), out);
                out.write('e');
            }
            case BBytes b -> writeString(b.unsafeArray(), out);
            case BList l -> {
                out.write('l');
                for (BValue v : l.values()) {
                    write(v, out);
                }
                out.write('e');
            }
            case BDict d -> writeDict(d, out);
        }
    }

    private static void writeDict(BDict d, ByteArrayOutputStream out) {
        int n = d.size();
        Integer[] order = new Integer[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (i > 0 && d.keyAt(i - 1).compareTo(d.keyAt(i)) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            // Keys hold one char per byte, so String order is the unsigned byte order BEP 3 asks for.
            Arrays.sort(order, (a, b) -> d.keyAt(a).compareTo(d.keyAt(b)));
        }
        out.write('d');
        for (int i : order) {
            writeString(d.keyAt(i).getBytes(StandardCharsets.ISO_8859_1), out);
            write(d.valueAt(i), out);
        }
        out.write('e');
    }

    private static void writeString(byte[] bytes, ByteArrayOutputStream out) {
        writeAscii(Integer.toString(bytes.length), out);
        out.write(':');
        out.write(bytes, 0, bytes.length);
    }

    private static void writeAscii(String s, ByteArrayOutputStream out) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }
}
