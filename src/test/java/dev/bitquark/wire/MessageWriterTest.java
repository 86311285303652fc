package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.Bitfield;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Encodings checked against the byte layouts of BEP 3, BEP 5, BEP 6 and BEP 10. */
class MessageWriterTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void encodesIdOnlyMessages() {
        assertEquals("00000000", hex(MessageWriter.keepAlive()));
        assertEquals("0000000100", hex(MessageWriter.choke()));
        assertEquals("0000000101", hex(MessageWriter.unchoke()));
        assertEquals("0000000102", hex(MessageWriter.interested()));
        assertEquals("0000000103", hex(MessageWriter.notInterested()));
        assertEquals("000000010e", hex(MessageWriter.haveAll()));
        assertEquals("000000010f", hex(MessageWriter.haveNone()));
    }

    @Test
    void encodesPieceIndexMessages() {
        assertEquals("000000050400000102", hex(MessageWriter.have(258)));
        assertEquals("000000050d00000003", hex(MessageWriter.suggest(3)));
        assertEquals("00000005117fffffff", hex(MessageWriter.allowedFast(Integer.MAX_VALUE)));
    }

    @Test
    void encodesBlockReferences() {
        assertEquals("0000000d06000000010000400000004000", hex(MessageWriter.request(1, 16384, 16384)));
        assertEquals("0000000d08000000010000400000004000", hex(MessageWriter.cancel(1, 16384, 16384)));
        assertEquals("0000000d10000000020000000000000064", hex(MessageWriter.reject(2, 0, 100)));
    }

    @Test
    void encodesBitfieldPortAndExtended() {
        Bitfield bits = new Bitfield(10);
        bits.set(0);
        bits.set(9);
        assertEquals("00000003058040", hex(MessageWriter.bitfield(bits)));
        assertEquals("00000003091ae1", hex(MessageWriter.port(6881)));
        assertEquals("0000000414036465", hex(MessageWriter.extended(3, new byte[] {'d', 'e'})));
    }

    @Test
    void pieceHeaderPlusBlockIsThePieceFrame() {
        byte[] block = {1, 2, 3};
        byte[] header = MessageWriter.pieceHeader(5, 16384, block.length);
        assertEquals("0000000c070000000500004000", hex(header));
        assertEquals(MessageWriter.PIECE_HEADER_LENGTH, header.length);
        assertArrayEquals(WireStreams.concat(header, block), MessageWriter.piece(5, 16384, ByteBuffer.wrap(block)));
    }

    @Test
    void writesBigEndianIntoALittleEndianBuffer() {
        ByteBuffer out = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
        MessageWriter.writeBlockRef(out, MessageId.REQUEST, 1, 16384, 16384);
        assertArrayEquals(MessageWriter.request(1, 16384, 16384), out.array());
        assertEquals(17, out.position());
    }

    @Test
    void leavesTheSourceBufferPositionAlone() {
        ByteBuffer block = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        block.position(1);
        assertEquals("0000000c070000000000000000020304", hex(MessageWriter.piece(0, 0, block)));
        assertEquals(1, block.position());
    }

    @Test
    void refusesArgumentsNoPeerWouldAccept() {
        assertThrows(IllegalArgumentException.class, () -> MessageWriter.have(-1));
        assertThrows(IllegalArgumentException.class, () -> MessageWriter.request(0, -1, 16384));
        assertThrows(IllegalArgumentException.class, () -> MessageWriter.pieceHeader(0, 0, 16385));
        assertThrows(IllegalArgumentException.class, () -> MessageWriter.port(65536));
        assertThrows(IllegalArgumentException.class, () -> MessageWriter.extended(256, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> MessageWriter.writeSimple(ByteBuffer.allocate(5), MessageId.HAVE));
        assertThrows(IllegalArgumentException.class,
                () -> MessageWriter.writeIndexed(ByteBuffer.allocate(9), MessageId.CHOKE, 1));
        assertThrows(IllegalArgumentException.class,
                () -> MessageWriter.writeBlockRef(ByteBuffer.allocate(17), MessageId.PIECE, 1, 0, 1));
    }
}
