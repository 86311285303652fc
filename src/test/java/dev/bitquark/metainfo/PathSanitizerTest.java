package dev.bitquark.metainfo;

import static dev.bitquark.metainfo.PathSanitizer.resolveInside;
import static dev.bitquark.metainfo.PathSanitizer.sanitizeComponent;
import static dev.bitquark.metainfo.PathSanitizer.sanitizePath;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathSanitizerTest {
    @TempDir
    Path root;

    @Test
    void dropsDotAndDotDotAndEmptyComponents() {
        assertEquals("", sanitizeComponent(".."));
        assertEquals("", sanitizeComponent("."));
        assertEquals("", sanitizeComponent(""));
        assertEquals("", sanitizeComponent("..."));
        assertEquals(List.of("etc", "cron.d", "x"), sanitizePath(List.of("..", "..", "etc", "cron.d", "x")));
        assertEquals(List.of("a", "b"), sanitizePath(List.of("a", "..", "..", "b")));
        assertEquals(List.of("a", "b"), sanitizePath(List.of("", "a", ".", "", "b")));
    }

    @Test
    void replacesSeparatorsInsideOneComponent() {
        assertEquals(".._.._etc_cron.d_x", sanitizeComponent("../../etc/cron.d/x"));
        assertEquals("_abs", sanitizeComponent("/abs"));
        assertEquals("a_.._.._b", sanitizeComponent("a/../../b"));
        assertEquals("a_.._b", sanitizeComponent("a\\..\\b"));
    }

    @Test
    void neutralisesDriveLetters() {
        assertEquals("C__x", sanitizeComponent("C:\\x"));
        assertEquals("C_", sanitizeComponent("C:"));
    }

    @Test
    void replacesControlAndWindowsForbiddenCharacters() {
        assertEquals("a_b", sanitizeComponent("a\u0000b"));
        assertEquals("a_b_c", sanitizeComponent("a\nb\u007fc"));
        assertEquals("_________", sanitizeComponent("/\\:*?\"<>|"));
        assertEquals("a_b", sanitizeComponent("a\u0085b"));
        assertEquals("a_b", sanitizeComponent("a\ud800b"));
    }

    @Test
    void prefixesWindowsDeviceNames() {
        assertEquals("_con", sanitizeComponent("con"));
        assertEquals("_CON.txt", sanitizeComponent("CON.txt"));
        assertEquals("_Nul", sanitizeComponent("Nul"));
        assertEquals("_com1", sanitizeComponent("com1"));
        assertEquals("_LPT9.tar.gz", sanitizeComponent("LPT9.tar.gz"));
        assertEquals("console", sanitizeComponent("console"));
        assertEquals("com10", sanitizeComponent("com10"));
    }

    @Test
    void trimsTrailingDotsAndSpaces() {
        assertEquals("a", sanitizeComponent("a. . "));
        assertEquals(" a", sanitizeComponent(" a"));
        assertEquals("_con", sanitizeComponent("con . "));
    }

    @Test
    void truncatesLongComponentTo255BytesKeepingExtension() {
        String longName = "x".repeat(300) + ".mkv";
        String s = sanitizeComponent(longName);
        assertEquals(255, s.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(s.endsWith("x.mkv"), s);
        String noExt = "y".repeat(300);
        assertEquals("y".repeat(255), sanitizeComponent(noExt));
    }

    @Test
    void truncatesOnCodePointBoundaries() {
        String multi = "\u00e9".repeat(200) + "\ud83d\ude00".repeat(20); // 400 + 80 bytes
        String s = sanitizeComponent(multi);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length <= 255 && utf8.length >= 252, "length " + utf8.length);
        assertEquals(s, new String(utf8, StandardCharsets.UTF_8), "no split code point");
    }

    @Test
    void normalisesNfdToNfc() {
        String nfc = "caf\u00e9";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertNotEquals(nfc, nfd);
        assertEquals(nfc, sanitizeComponent(nfd));
    }

    @Test
    void withSuffixGoesBeforeExtensionAndKeepsByteLimit() {
        assertEquals("a (1).txt", PathSanitizer.withSuffix("a.txt", " (1)"));
        assertEquals(".bashrc (2)", PathSanitizer.withSuffix(".bashrc", " (2)"));
        String s = PathSanitizer.withSuffix("x".repeat(251) + ".iso", " (12)");
        assertEquals(255, s.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(s.endsWith("x (12).iso"), s);
    }

    @Test
    void resolvesSanitizedPathInsideRoot() {
        Path p = resolveInside(root, List.of("dir", "file.txt"));
        assertEquals(root.toAbsolutePath().normalize().resolve("dir").resolve("file.txt"), p);
        for (String hostile : List.of("..", "../../etc/cron.d/x", "/abs", "a/../../b", "a\\..\\b", "C:\\x", "a\u0000b", "con")) {
            Path q = resolveInside(root, sanitizePath(List.of("top", hostile)));
            assertTrue(q.startsWith(root.toAbsolutePath().normalize()), hostile + " -> " + q);
        }
    }

    @Test
    void resolveInsideRejectsEscapingOrUnsanitizedComponents() {
        for (List<String> bad : List.of(List.of(".."), List.of("a", ".."), List.of("/etc"), List.of("a/b"),
                List.of(""), List.of("."), List.of("a\u0000"), List.of("C:"), List.<String>of())) {
            assertThrows(IllegalArgumentException.class, () -> resolveInside(root, bad), bad.toString());
        }
    }

    @Test
    void resolveInsideNormalisesTheRootFirst() {
        Path messy = root.resolve("sub").resolve("..").resolve("sub");
        Path p = resolveInside(messy, List.of("f"));
        assertEquals(root.toAbsolutePath().normalize().resolve("sub").resolve("f"), p);
    }
}
