package dev.bitquark.app.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link MagnetCodec}: a stored magnet round-trips; a file that contradicts itself is refused by field. */
class MagnetCodecTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final String URI = "magnet:?xt=urn:btih:" + HASH.toHex() + "&dn=x&x.pe=127.0.0.1:6881";

    private static byte[] file(InfoHash hash, String uri, String saveDir) {
        return BEncoder.encode(BDict.builder().put("format", MagnetCodec.FORMAT).put("version", MagnetCodec.VERSION)
                .put("info-hash", hash.toBytes()).put("magnet", uri).put("save-dir", saveDir).put("paused", 0)
                .put("added-at", 7).build());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        StoredMagnet m = new StoredMagnet(HASH, URI, Path.of("/downloads/x"), true, 1_700_000_000_000L,
                1_000_000, 250_000, true, 12);
        assertEquals(m, MagnetCodec.decode(MagnetCodec.encode(m)));
    }

    @Test
    void aFileWrittenBeforeLimitsAndSequentialWereKeptLoadsWithNone() throws Exception {
        StoredMagnet m = MagnetCodec.decode(file(HASH, URI, "/downloads/x"));
        assertEquals(new StoredMagnet(HASH, URI, Path.of("/downloads/x"), false, 7, 0, 0, false, 0), m);
    }

    @Test
    void rejectsANegativeLimit() {
        byte[] bad = BEncoder.encode(BDict.builder().put("format", MagnetCodec.FORMAT).put("version", MagnetCodec.VERSION)
                .put("info-hash", HASH.toBytes()).put("magnet", URI).put("save-dir", "/d").put("paused", 0)
                .put("added-at", 7).put("upload-limit", -5).build());
        PersistenceException e = assertThrows(PersistenceException.class, () -> MagnetCodec.decode(bad));
        assertTrue(e.getMessage().contains("upload-limit"), e.getMessage());
    }

    @Test
    void rejectsALinkToAnotherTorrent() {
        String other = "magnet:?xt=urn:btih:" + "ff".repeat(20);
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> MagnetCodec.decode(file(HASH, other, "/d")));
        assertTrue(e.getMessage().contains("magnet") && e.getMessage().contains("links torrent"), e.getMessage());
    }

    @Test
    void rejectsSomethingThatIsNoMagnetLink() {
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> MagnetCodec.decode(file(HASH, "http://example.org/x.torrent", "/d")));
        assertTrue(e.getMessage().contains("not a valid magnet link"), e.getMessage());
    }

    @Test
    void rejectsAnEmptySaveFolder() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> MagnetCodec.decode(file(HASH, URI, "")));
        assertTrue(e.getMessage().contains("save-dir") && e.getMessage().contains("empty"), e.getMessage());
    }
}
