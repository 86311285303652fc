package dev.bitquark.tracker.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip decompression with a hard limit on the output: a tracker (or anyone on the path) can send a
 * few kilobytes that inflate to gigabytes, so decompressed bytes are counted and decompression stops
 * as soon as the limit is passed, before more memory is taken. Stateless and thread-safe.
 */
public final class BoundedGzip {
    private BoundedGzip() {
    }

    /**
     * Inflates {@code gzip}, failing with {@link TrackerException.Kind#MALFORMED} if the data is not
     * gzip or inflates to more than {@code maxBytes}.
     */
    public static byte[] gunzip(byte[] gzip, int maxBytes) throws TrackerException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, gzip.length * 4)));
        byte[] buf = new byte[8192];
        long total = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), buf.length)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw TrackerException.malformed("gzip body inflates to more than " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // ZipException/EOFException for bad or cut data; RuntimeException only from a broken JDK inflater.
            throw new TrackerException(TrackerException.Kind.MALFORMED,
                    "invalid gzip body after " + total + " inflated bytes: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
