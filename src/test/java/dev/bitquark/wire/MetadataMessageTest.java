package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetadataMessageTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MetadataMessage decode(byte[] payload) {
        return MetadataMessage.decode(ByteBuffer.wrap(payload));
    }

    private static String failure(String payload) {
        return assertThrows(WireException.class, () -> decode(ascii(payload))).getMessage();
    }

    @Test
    void encodesTheBep9Examples() {
        assertEquals("d8:msg_typei0e5:piecei0ee", new String(new MetadataMessage.Request(0).encode(), StandardCharsets.ISO_8859_1));
        assertEquals("d8:msg_typei2e5:piecei0ee", new String(new MetadataMessage.Reject(0).encode(), StandardCharsets.ISO_8859_1));
        byte[] data = new byte[] {1, 2, 3};
        byte[] wire = new MetadataMessage.Data(0, 3, data).encode();
        assertArrayEquals(WireStreams.concat(ascii("d8:msg_typei1e5:piecei0e10:total_sizei3ee"), data), wire);
    }

    @Test
    void decodesEachTypeAndRoundTrips() {
        byte[] last = new byte[100];
        Arrays.fill(last, (byte) 7);
        MetadataMessage[] messages = {
            new MetadataMessage.Request(3),
            new MetadataMessage.Reject(1023),
            new MetadataMessage.Data(2, 2 * 16384 + 100, last),
            new MetadataMessage.Data(0, 16384, new byte[16384]),
        };
        for (MetadataMessage m : messages) {
            assertEquals(m, decode(m.encode()));
        }
    }

    @Test
    void ignoresUnknownMessageTypes() {
        assertEquals(new MetadataMessage.Unknown(1, 7), decode(ascii("d8:msg_typei7e5:piecei1ee")));
    }

    @Test
    void rejectsMissingOrMistypedFields() {
        assertEquals("ut_metadata: missing \"msg_type\"", failure("d5:piecei0ee"));
        assertEquals("ut_metadata: missing \"piece\"", failure("d8:msg_typei0ee"));
        assertEquals("ut_metadata: \"piece\" is a byte string, expected an integer", failure("d8:msg_typei0e5:piece1:0e"));
        assertEquals("ut_metadata: missing \"total_size\"", failure("d8:msg_typei1e5:piecei0eexyz"));
    }

    @Test
    void rejectsPiecesOutsideTheMetadata() {
        assertEquals("ut_metadata: piece 1024 outside 0..1023", failure("d8:msg_typei0e5:piecei1024ee"));
        assertEquals("ut_metadata: piece -1 outside 0..1023", failure("d8:msg_typei0e5:piecei-1ee"));
        assertEquals("ut_metadata: piece 1 outside 0..0 for total_size 3",
                failure("d8:msg_typei1e5:piecei1e10:total_sizei3eexyz"));
        assertEquals("ut_metadata: total_size 16777217 outside 1..16777216",
                failure("d8:msg_typei1e5:piecei0e10:total_sizei16777217eex"));
    }

    @Test
    void rejectsDataOfTheWrongLength() {
        assertEquals("ut_metadata: piece 0 has 2 bytes, expected 3 for total_size 3",
                failure("d8:msg_typei1e5:piecei0e10:total_sizei3eexy"));
        assertEquals("ut_metadata: piece 0 has 4 bytes, expected 3 for total_size 3",
                failure("d8:msg_typei1e5:piecei0e10:total_sizei3eewxyz"));
        assertEquals("ut_metadata: 1 bytes after a msg_type 0 dictionary", failure("d8:msg_typei0e5:piecei0eex"));
    }

    @Test
    void leavesThePayloadPositionAlone() {
        ByteBuffer payload = ByteBuffer.wrap(new MetadataMessage.Request(5).encode());
        MetadataMessage.decode(payload);
        assertEquals(0, payload.position());
    }
}
