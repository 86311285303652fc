package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.ResumeDataCodecTest.dict;
import static dev.bitquark.app.persistence.ResumeDataCodecTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The settings file: every runtime setting round-trips, and files from before the later fields still load. */
class SettingsCodecTest {
    static final SessionSettings FULL = new SessionSettings(1 << 20, 4096, 120, 3, "tv/new", 500, 1000, 2000, true,
            true, true);

    @Test
    void roundTripsEverySetting() throws Exception {
        assertEquals(FULL, SettingsCodec.decode(SettingsCodec.encode(FULL)));
        SessionSettings mixed = FULL.withAltLimits(0, 5, false).withSetupDone(false);
        assertEquals(mixed, SettingsCodec.decode(SettingsCodec.encode(mixed)));
        assertEquals(SessionSettings.DEFAULTS, SettingsCodec.decode(SettingsCodec.encode(SessionSettings.DEFAULTS)));
    }

    @Test
    void readsAFileWrittenBeforeTheLaterFieldsWithThoseNotSet() throws Exception {
        byte[] old = BEncoder.encode(BDict.builder()
                .put("format", "bitquark-settings").put("version", 1)
                .put("download-limit", 100).put("upload-limit", 200).build());
        assertEquals(new SessionSettings(100, 200, 0, 0, "", 0), SettingsCodec.decode(old));
    }

    @Test
    void rejectsANegativeConnectionLimitNamingTheField() {
        byte[] bad = BEncoder.encode(with(dict(SettingsCodec.encode(FULL)), "max-connections", new BInt(-1)));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SettingsCodec.decode(bad));
        assertEquals("settings: field \"max-connections\" is -1, outside 0..2147483647", e.getMessage());
    }

    @Test
    void rejectsASwitchThatIsNeitherZeroNorOne() {
        byte[] bad = BEncoder.encode(with(dict(SettingsCodec.encode(FULL)), "alt-speed", new BInt(2)));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SettingsCodec.decode(bad));
        assertEquals("settings: field \"alt-speed\" is 2, outside 0..1", e.getMessage());
    }

    @Test
    void rejectsAFolderWithANulCharacter() {
        byte[] bad = BEncoder.encode(with(dict(SettingsCodec.encode(FULL)), "default-output-folder",
                BBytes.of("a\0b".getBytes(StandardCharsets.UTF_8))));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SettingsCodec.decode(bad));
        assertEquals("settings: field \"default-output-folder\" contains a NUL character", e.getMessage());
    }

    @Test
    void rejectsAnIntervalOfTheWrongType() {
        byte[] bad = BEncoder.encode(with(dict(SettingsCodec.encode(FULL)), "events-interval-ms",
                BBytes.of("1s")));
        PersistenceException e = assertThrows(PersistenceException.class, () -> SettingsCodec.decode(bad));
        assertEquals("settings: field \"events-interval-ms\" expected an integer, got byte string", e.getMessage());
    }
}
