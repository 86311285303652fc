package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedGzipTest {
    static byte[] gzip(byte[] data, int repeat) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (int i = 0; i < repeat; i++) {
                gz.write(data);
            }
        }
        return out.toByteArray();
    }

    @Test
    void inflatesWithinTheCap() throws Exception {
        byte[] text = "d8:intervali1800ee".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(text, BoundedGzip.gunzip(gzip(text, 1), 100));
    }

    @Test
    void stopsAGzipBombAtTheCap() throws Exception {
        byte[] bomb = gzip(new byte[1 << 20], 64);  // 64 MiB of zeros in ~64 KiB
        assertTrue(bomb.length < 200_000);
        TrackerException e = assertThrows(TrackerException.class, () -> BoundedGzip.gunzip(bomb, 1 << 20));
        assertTrue(e.getMessage().contains("more than 1048576 bytes"), e.getMessage());
    }

    @Test
    void rejectsDataThatIsNotGzip() {
        TrackerException e = assertThrows(TrackerException.class,
                () -> BoundedGzip.gunzip("plain".getBytes(StandardCharsets.US_ASCII), 100));
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith("invalid gzip body"), e.getMessage());
    }
}
