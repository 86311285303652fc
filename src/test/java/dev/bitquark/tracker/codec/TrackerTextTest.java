package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrackerTextTest {
    @Test
    void dropsControlCharactersSoMessagesCannotForgeLogLines() {
        assertEquals("bad torrentINFO fake", TrackerText.sanitize(
                "bad torrent\r\nINFO fake\u001b[0m\u2028".replace("[0m", "").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void replacesInvalidUtf8AndKeepsMarkupAsText() {
        assertEquals("<b>\uFFFD</b>", TrackerText.sanitize(new byte[] {'<', 'b', '>', (byte) 0xC3, '<', '/', 'b', '>'}));
    }

    @Test
    void capsAt512CharactersWithoutSplittingSurrogates() {
        String s = "a" + "\uD83D\uDE00".repeat(600);
        String clean = TrackerText.clean(s);
        assertTrue(clean.length() <= 512);
        assertFalse(Character.isHighSurrogate(clean.charAt(clean.length() - 1)));
    }
}
