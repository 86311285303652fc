package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bitquark.engine.ResumeData;

/**
 * Fuzz targets for the state-file parsers: whatever bytes a damaged disk hands them, only
 * {@link PersistenceException} may escape. In a normal run Jazzer replays the committed seeds under
 * {@code PersistenceFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class PersistenceFuzzTest {

    /** Resume data either decodes to values that round-trip, or is rejected with a message. */
    @FuzzTest(maxDuration = "30s")
    void resumeDataDecodesOrIsRejected(byte[] data) {
        ResumeData r;
        try {
            r = ResumeDataCodec.decode(data);
        } catch (PersistenceException e) {
            assertNotNull(e.getMessage());
            return;
        }
        byte[] again = ResumeDataCodec.encode(r);
        try {
            ResumeDataCodecTest.assertSame(r, ResumeDataCodec.decode(again));
        } catch (PersistenceException e) {
            fail("re-encoded resume data is rejected: " + e.getMessage());
        }
    }

    /**
     * The session list decoder, and the frame check on the same bytes (a fuzzer cannot forge a
     * CRC32C, so the two are fed separately); only PersistenceException escapes either.
     */
    @FuzzTest(maxDuration = "30s")
    void sessionListDecodesOrIsRejected(byte[] data) {
        try {
            AtomicFile.unframe(data);
        } catch (PersistenceException e) {
            assertNotNull(e.getMessage());
        }
        SessionList list;
        try {
            list = SessionList.decode(data);
        } catch (PersistenceException e) {
            assertNotNull(e.getMessage());
            return;
        }
        try {
            assertEquals(list, SessionList.decode(list.encode()));
        } catch (PersistenceException e) {
            fail("re-encoded session list is rejected: " + e.getMessage());
        }
    }

    /** A stored magnet either decodes to a value that round-trips, or is rejected with a message. */
    @FuzzTest(maxDuration = "30s")
    void storedMagnetDecodesOrIsRejected(byte[] data) {
        StoredMagnet m;
        try {
            m = MagnetCodec.decode(data);
        } catch (PersistenceException e) {
            assertNotNull(e.getMessage());
            return;
        }
        try {
            assertEquals(m, MagnetCodec.decode(MagnetCodec.encode(m)));
        } catch (PersistenceException e) {
            fail("re-encoded magnet is rejected: " + e.getMessage());
        }
    }
}
