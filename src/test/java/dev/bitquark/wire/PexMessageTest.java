package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PexMessageTest {
    private static InetSocketAddress addr(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    private static PexMessage decode(byte[] payload) {
        return PexMessage.decode(ByteBuffer.wrap(payload));
    }

    /** A dictionary with one compact-list key holding {@code value}. */
    private static byte[] dictWith(String key, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("d" + key.length() + ":" + key + value.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.write('e');
        return out.toByteArray();
    }

    @Test
    void encodesCompactListsWithFlags() {
        PexMessage m = new PexMessage(
                List.of(new PexMessage.Peer(addr("10.0.0.1", 6881), PexMessage.FLAG_SEED | PexMessage.FLAG_REACHABLE),
                        new PexMessage.Peer(addr("2001:db8::2", 51413), PexMessage.FLAG_UTP)),
                List.of(addr("10.0.0.9", 1)));
        byte[] wire = m.encode();
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("d5:added6:\n\u0000\u0000\u0001\u001a\u00e17:added.f1:\u00126:added618:"), text);
        assertTrue(text.endsWith("7:dropped6:\n\u0000\u0000\t\u0000\u00018:dropped60:e"), text);
        assertEquals(m, decode(wire));
    }

    @Test
    void defaultsMissingFlagsToZero() {
        byte[] two = {1, 2, 3, 4, 0, 80, 5, 6, 7, 8, 0, 81};
        PexMessage m = decode(dictWith("added", two));
        assertEquals(List.of(new PexMessage.Peer(addr("1.2.3.4", 80), 0), new PexMessage.Peer(addr("5.6.7.8", 81), 0)),
                m.added());
        assertEquals(List.of(), m.dropped());
    }

    @Test
    void skipsPortZeroEntries() {
        byte[] list = {1, 2, 3, 4, 0, 0, 5, 6, 7, 8, 0, 81};
        assertEquals(List.of(addr("5.6.7.8", 81)), decode(dictWith("dropped", list)).dropped());
    }

    @Test
    void keepsOnlyTheFirstAcceptedPeers() {
        byte[] list = new byte[300 * 6];
        for (int i = 0; i < 300; i++) {
            list[i * 6] = 10;
            list[i * 6 + 2] = (byte) (i >>> 8);
            list[i * 6 + 3] = (byte) i;
            list[i * 6 + 5] = 1;
        }
        PexMessage m = decode(dictWith("added", list));
        assertEquals(PexMessage.MAX_ACCEPTED, m.added().size());
        assertEquals(addr("10.0.0.199", 1), m.added().get(199).address());
    }

    @Test
    void rejectsRaggedCompactLists() {
        WireException e = assertThrows(WireException.class, () -> decode(dictWith("added6", new byte[17])));
        assertEquals("ut_pex: \"added6\" has 17 bytes, not a multiple of 18", e.getMessage());
        e = assertThrows(WireException.class, () -> decode("d7:droppedi1ee".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("ut_pex: \"dropped\" is an integer, expected a byte string", e.getMessage());
    }

    @Test
    void refusesToSendMoreThanLibtorrentDoes() {
        List<PexMessage.Peer> peers = new ArrayList<>();
        for (int i = 0; i <= PexMessage.MAX_SENT; i++) {
            peers.add(new PexMessage.Peer(addr("10.0.0." + i, 1000), 0));
        }
        assertThrows(IllegalArgumentException.class, () -> new PexMessage(peers, List.of()).encode());
        new PexMessage(peers.subList(0, PexMessage.MAX_SENT), List.of()).encode();
    }
}
