package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtendedHandshakeTest {
    private static ExtendedHandshake decode(String bencode) {
        return ExtendedHandshake.decode(ByteBuffer.wrap(bencode.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String failure(String bencode) {
        return assertThrows(WireException.class, () -> decode(bencode)).getMessage();
    }

    @Test
    void decodesALibtorrentStyleHandshake() throws Exception {
        ExtendedHandshake h = decode("d12:complete_agoi30e1:md11:lt_donthavei7e10:share_modei8e11:upload_onlyi3e"
                + "12:ut_holepunchi4e11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei31235e1:pi6881e4:reqqi500e"
                + "11:upload_onlyi1e1:v17:qBittorrent/4.6.06:yourip4:\u00c0\u00a8\u0001\u0002e");
        assertEquals(2, h.idOf("ut_metadata"));
        assertEquals(1, h.idOf("ut_pex"));
        assertEquals(0, h.idOf("ut_comment"));
        assertEquals(6, h.extensions().size());
        assertEquals("qBittorrent/4.6.0", h.client());
        assertEquals(500, h.requestQueue());
        assertEquals(6881, h.listenPort());
        assertEquals(31235, h.metadataSize());
        assertTrue(h.uploadOnly());
        assertEquals(30, h.completeAgo());
        assertEquals(InetAddress.getByName("192.168.1.2"), h.yourIp());
    }

    @Test
    void encodesCanonicallyAndRoundTrips() throws Exception {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ut_pex", 1);
        m.put("ut_metadata", 2);
        ExtendedHandshake h = new ExtendedHandshake(m, "bitquark 0.1", 250,
                InetAddress.getByName("2001:db8::1"), 51413, 1000, false, ExtendedHandshake.NOT_SENT);
        byte[] wire = h.encode();
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("d1:md11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei1000e1:pi51413e4:reqqi250e"
                + "1:v12:bitquark 0.16:yourip16:"), text);
        assertFalse(text.contains("upload_only"));
        assertFalse(text.contains("complete_ago"));
        assertEquals(h, ExtendedHandshake.decode(ByteBuffer.wrap(wire)));
    }

    @Test
    void decodesAnEmptyDictionaryAsNothingSent() {
        ExtendedHandshake h = decode("de");
        assertEquals(Map.of(), h.extensions());
        assertNull(h.client());
        assertNull(h.yourIp());
        assertEquals(0, h.requestQueue());
        assertEquals(0, h.listenPort());
        assertEquals(0, h.metadataSize());
        assertEquals(ExtendedHandshake.NOT_SENT, h.completeAgo());
        assertFalse(h.uploadOnly());
    }

    @Test
    void clampsTheRequestQueue() {
        assertEquals(2000, decode("d4:reqqi99999999999ee").requestQueue());
        assertEquals(1, decode("d4:reqqi-5ee").requestQueue());
        assertEquals(1, decode("d4:reqqi0ee").requestQueue());
    }

    @Test
    void cutsTheClientNameAndReplacesUnprintableCharacters() {
        String longName = "x".repeat(100);
        assertEquals("x".repeat(64), decode("d1:v100:" + longName + "e").client());
        // A newline (log injection) and a right-to-left override (U+202E, UTF-8 e2 80 ae) are replaced.
        assertEquals("a?b?c", decode("d1:v7:a\nb\u00e2\u0080\u00aece").client());
        assertEquals("?", decode("d1:v1:\u00ffe").client(), "malformed UTF-8");
    }

    @Test
    void rejectsAHugeMetadataSize() {
        assertEquals("extended handshake: metadata_size 16777217 outside 0..16777216",
                failure("d13:metadata_sizei16777217ee"));
        assertEquals("extended handshake: metadata_size -1 outside 0..16777216", failure("d13:metadata_sizei-1ee"));
        assertEquals(16777216, decode("d13:metadata_sizei16777216ee").metadataSize());
    }

    @Test
    void toleratesUnknownKeysWrongTypesAndUnsortedKeys() {
        ExtendedHandshake h = decode("d1:v3:abc1:md6:ut_pexi1e3:badi300e4:bad23:xyze1:pi70000e"
                + "6:yourip3:abc4:reqq2:no9:somethingli1eee");
        assertEquals(Map.of("ut_pex", 1), h.extensions());
        assertEquals("abc", h.client());
        assertEquals(0, h.listenPort());
        assertNull(h.yourIp());
        assertEquals(0, h.requestQueue());
        assertEquals(Map.of(), decode("d1:mi5ee").extensions());
    }

    @Test
    void keepsAtMostTheExtensionCap() {
        StringBuilder m = new StringBuilder("d1:md");
        for (int i = 0; i < 300; i++) {
            String name = String.format("e%03d", i);
            m.append(name.length()).append(':').append(name).append("i1e");
        }
        assertEquals(ExtendedHandshake.MAX_EXTENSIONS, decode(m.append("ee").toString()).extensions().size());
    }

    @Test
    void rejectsMalformedBencodeAndNonDictionaries() {
        assertTrue(failure("d1:m").startsWith("extended handshake: unexpected end of input"), failure("d1:m"));
        assertEquals("extended handshake: payload is a list, expected a dictionary", failure("le"));
        String deep = "d1:ad1:ad1:ad1:ad1:adeeeeee";
        assertTrue(failure(deep).startsWith("extended handshake: too deep"), failure(deep));
    }
}
