package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TorrentGeometryTest {
    @Test
    void lastPieceAndLastBlockAreShort() {
        TorrentGeometry g = new TorrentGeometry(3 * 32768L + 20000, 32768);
        assertEquals(4, g.pieceCount());
        assertEquals(20000, g.pieceSize(3));
        assertEquals(2, g.blocksInPiece(3));
        assertEquals(20000 - 16384, g.blockSize(3, 1));
        assertEquals(16384, g.blockSize(0, 1));
    }

    @Test
    void validatesRequests() {
        TorrentGeometry g = new TorrentGeometry(100_000, 32768);
        assertTrue(g.isValidRequest(0, 16384, 16384));
        assertFalse(g.isValidRequest(0, 16384, 16385));
        assertFalse(g.isValidRequest(3, 0, 16384), "last piece is only 1696 bytes");
        assertFalse(g.isValidRequest(4, 0, 1));
        assertFalse(g.isValidRequest(0, -1, 1));
        assertFalse(g.isValidRequest(0, Integer.MAX_VALUE, 16384), "no overflow");
    }

    @Test
    void rejectsNonPositivePieceLengthAndTooManyPieces() {
        assertThrows(IllegalArgumentException.class, () -> new TorrentGeometry(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TorrentGeometry(-1, 16384));
        assertThrows(IllegalArgumentException.class, () -> new TorrentGeometry(Long.MAX_VALUE, 16384));
    }
}
