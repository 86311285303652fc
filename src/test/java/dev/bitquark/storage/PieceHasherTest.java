package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceHasherTest {
    @TempDir
    Path dir;

    @Test
    void sha1MatchesKnownVectorWithoutMovingTheBuffer() {
        ByteBuffer abc = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", HexFormat.of().formatHex(PieceHasher.sha1(abc)));
        assertEquals(0, abc.position());
    }

    @Test
    void blocksInMemoryMatchTheirPieceHash() {
        TestTorrent t = TestTorrent.builder(64 * 1024).file(100_000, "a").build(40);
        List<ByteBuffer> blocks = List.of(t.bytes(1, 0, 16384), t.bytes(1, 16384, 100_000 - 65536 - 16384));
        assertTrue(PieceHasher.matches(blocks, t.hashes, 20));
        assertFalse(PieceHasher.matches(blocks, t.hashes, 0), "piece 0's hash");
        assertFalse(PieceHasher.matches(List.of(t.bytes(1, 16384, 100), t.bytes(1, 0, 16384)), t.hashes, 20),
                "order matters");
        assertThrows(IllegalArgumentException.class, () -> PieceHasher.matches(blocks, t.hashes, 21));
    }

    @Test
    void verifyReadsThePieceFromStorage() throws Exception {
        TestTorrent t = TestTorrent.builder(32 * 1024).file(50_000, "a").file(30_000, "b").build(41);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            PieceHasher h = new PieceHasher(s, t.hashes);
            assertFalse(h.verify(0), "missing file: not had, no error");
            t.writeAll(s, new Random(42));
            ByteBuffer buffer = h.newBuffer();
            for (int p = 0; p < t.geometry().pieceCount(); p++) {
                assertTrue(h.verify(p, buffer));
                assertTrue(h.verify(p));
            }
            s.writeBlock(2, 5, ByteBuffer.wrap(new byte[] {(byte) ~t.payload[65536 + 5]}));
            assertFalse(h.verify(2));
            assertTrue(h.matches(1, List.of(t.bytes(1, 0, 32768))));
        }
    }

    @Test
    void rejectsHashArrayOfWrongLength() throws Exception {
        TestTorrent t = TestTorrent.builder(32 * 1024).file(50_000, "a").build(43);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            assertThrows(IllegalArgumentException.class, () -> new PieceHasher(s, new byte[39]));
            assertThrows(IllegalArgumentException.class, () -> new PieceHasher(s, t.hashes).verify(2));
        }
    }
}
