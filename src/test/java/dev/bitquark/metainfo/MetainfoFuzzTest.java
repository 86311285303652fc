package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fuzz targets for the metainfo parsers. A normal test run replays the committed seeds under
 * {@code MetainfoFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} Jazzer fuzzes.
 */
class MetainfoFuzzTest {
    private static final Path ROOT = createRoot();

    private static Path createRoot() {
        try {
            Path p = Files.createTempDirectory("bitquark-fuzz-root");
            p.toFile().deleteOnExit();
            return p.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only BadTorrentException escapes; what parses is consistent and lays out safely under a root. */
    @FuzzTest(maxDuration = "30s")
    void parseRejectsOrYieldsConsistentTorrent(byte[] data) {
        Metainfo m;
        try {
            m = Metainfo.parse(data);
        } catch (BadTorrentException e) {
            return;
        }
        long offset = 0;
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < m.files().size(); i++) {
            FileEntry f = m.files().get(i);
            assertEquals(offset, f.offset());
            offset += f.length();
            if (!f.padding()) {
                Path p = PathSanitizer.resolveInside(ROOT, m.storagePath(i));
                assertTrue(p.startsWith(ROOT));
                assertTrue(paths.add(p.toString().toLowerCase(Locale.ROOT)), "unique path " + p);
            }
        }
        assertEquals(m.totalLength(), offset);
        assertEquals(m.geometry().pieceCount(), m.pieceHashes().length / 20);
        assertEquals(m.infoHash(), Metainfo.sha1(m.rawInfo()));
    }

    /** Sanitized components are plain names that resolve strictly inside the root; raw ones never escape. */
    @FuzzTest(maxDuration = "30s")
    void sanitizedPathsStayInsideRoot(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 8);
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            raw.add(data.consumeBoolean() ? data.consumeString(300) : data.consumeAsciiString(20));
        }
        List<String> clean = PathSanitizer.sanitizePath(raw);
        for (String c : clean) {
            assertFalse(c.isEmpty() || c.equals(".") || c.equals(".."), c);
            assertTrue(c.indexOf('/') < 0 && c.indexOf('\\') < 0 && c.indexOf('\0') < 0, c);
            assertTrue(c.getBytes(StandardCharsets.UTF_8).length <= PathSanitizer.MAX_COMPONENT_BYTES, c);
            assertEquals(c, PathSanitizer.sanitizeComponent(c), "idempotent");
        }
        if (!clean.isEmpty()) {
            Path p = PathSanitizer.resolveInside(ROOT, clean);
            assertTrue(p.startsWith(ROOT) && !p.equals(ROOT), p.toString());
            assertEquals(clean.size(), ROOT.relativize(p).getNameCount());
        }
        try {
            Path q = PathSanitizer.resolveInside(ROOT, raw);
            assertTrue(q.startsWith(ROOT) && !q.equals(ROOT), q.toString());
        } catch (IllegalArgumentException expected) {
            // Unsanitized or escaping components are refused.
        }
    }

    /** Only BadMagnetException escapes; a parsed magnet survives toUri and parse unchanged. */
    @FuzzTest(maxDuration = "30s")
    void magnetParsesOrRejectsAndRoundTrips(String uri) {
        Magnet m;
        try {
            m = Magnet.parse(uri);
        } catch (BadMagnetException e) {
            return;
        }
        assertEquals(m, Magnet.parse(m.toUri()));
    }
}
