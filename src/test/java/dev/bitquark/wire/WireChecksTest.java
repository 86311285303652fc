package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WireChecksTest {
    /** 3 pieces: 32 KiB, 32 KiB, 1000 bytes. */
    private static final TorrentGeometry GEOMETRY = new TorrentGeometry(2 * 32768 + 1000, 32768);

    private static String failure(Runnable r) {
        return assertThrows(WireException.class, r::run).getMessage();
    }

    @Test
    void copiesAValidBitfield() {
        ByteBuffer bits = ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x40}).asReadOnlyBuffer();
        Bitfield b = WireChecks.bitfield(bits, 10);
        assertTrue(b.get(0));
        assertTrue(b.get(9));
        assertEquals(2, b.cardinality());
        assertEquals(0, bits.position());
    }

    @Test
    void rejectsABitfieldOfTheWrongSizeOrWithSpareBits() {
        assertEquals("bitfield: 1 bytes, expected 2 for 10 pieces",
                failure(() -> WireChecks.bitfield(ByteBuffer.wrap(new byte[1]), 10)));
        assertEquals("bitfield: spare bits set in last byte 0x41 for 10 pieces",
                failure(() -> WireChecks.bitfield(ByteBuffer.wrap(new byte[] {0, 0x41}), 10)));
    }

    @Test
    void rejectsPiecesOutsideTheTorrent() {
        WireChecks.checkPiece("have", 2, 3);
        assertEquals("have: piece 3 outside 0..2", failure(() -> WireChecks.checkPiece("have", 3, 3)));
    }

    @Test
    void acceptsOnlyRequestsOfOneBlockInsideThePiece() {
        WireChecks.checkBlockRef("request", GEOMETRY, 0, 16384, 16384);
        WireChecks.checkBlockRef("request", GEOMETRY, 2, 0, 1000);
        assertEquals("request: begin 16385 + length 16384 exceeds piece 0 size 32768",
                failure(() -> WireChecks.checkBlockRef("request", GEOMETRY, 0, 16385, 16384)));
        assertEquals("request: begin 0 + length 1001 exceeds piece 2 size 1000",
                failure(() -> WireChecks.checkBlockRef("request", GEOMETRY, 2, 0, 1001)));
        assertEquals("cancel: length 32768 outside 1..16384",
                failure(() -> WireChecks.checkBlockRef("cancel", GEOMETRY, 0, 0, 32768)));
        assertEquals("reject: length 0 outside 1..16384",
                failure(() -> WireChecks.checkBlockRef("reject", GEOMETRY, 0, 0, 0)));
        assertEquals("request: piece 3 outside 0..2",
                failure(() -> WireChecks.checkBlockRef("request", GEOMETRY, 3, 0, 1)));
    }

    @Test
    void rejectsReceivedBlocksOutsideTheirPiece() {
        WireChecks.checkBlock(GEOMETRY, 2, 0, 1000);
        assertEquals("piece: begin 999 + length 2 exceeds piece 2 size 1000",
                failure(() -> WireChecks.checkBlock(GEOMETRY, 2, 999, 2)));
        assertEquals("piece: empty block at piece 1 begin 0", failure(() -> WireChecks.checkBlock(GEOMETRY, 1, 0, 0)));
    }
}
