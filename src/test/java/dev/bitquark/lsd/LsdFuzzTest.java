package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bitquark.metainfo.InfoHash;
import java.util.HashSet;
import java.util.List;

/**
 * Fuzz target for the LSD decoder. In a normal test run Jazzer replays the committed seeds under
 * {@code LsdFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class LsdFuzzTest {

    /**
     * Only LsdException may escape, with a reason; whatever is accepted is within the bounds and
     * re-encodes to a message that decodes to the same announce.
     */
    @FuzzTest(maxDuration = "30s")
    void decodeAcceptsWithinBoundsOrRefusesWithAReason(byte[] data) {
        LsdMessage.Announce a;
        try {
            a = LsdMessage.decode(data, data.length);
        } catch (LsdException e) {
            assertNotNull(e.reason());
            return;
        }
        assertTrue(data.length <= LsdMessage.MAX_PACKET);
        assertTrue(a.port() >= 1 && a.port() <= 65535, "port " + a.port());
        List<InfoHash> hashes = a.hashes();
        assertTrue(!hashes.isEmpty() && hashes.size() <= LsdMessage.MAX_INFO_HASHES, hashes.size() + " hashes");
        assertEquals(hashes.size(), new HashSet<>(hashes).size(), "distinct");
        String cookie = a.cookie() != null && a.cookie().matches("[\\x21-\\x7e]{1,64}") ? a.cookie() : null;
        byte[] again = LsdMessage.encode(a.port(), a.infoHashes(), cookie);
        LsdMessage.Announce b;
        try {
            b = LsdMessage.decode(again, again.length);
        } catch (LsdException e) {
            throw new AssertionError("our own encoding refused: " + e.reason(), e);
        }
        assertEquals(a.port(), b.port());
        assertEquals(hashes, b.hashes());
        assertEquals(cookie, b.cookie());
    }
}
