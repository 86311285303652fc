package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BEP 14 announce codec: round trips, the BEP's and libtorrent's packets, and each refusal's reason. */
class LsdMessageTest {
    static final byte[] A = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567").toBytes();
    static final byte[] B = InfoHash.fromHex("fedcba9876543210fedcba9876543210fedcba98").toBytes();

    static LsdMessage.Announce decode(String text) throws LsdException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return LsdMessage.decode(b, b.length);
    }

    static LsdDropReason refusal(String text) {
        return assertThrows(LsdException.class, () -> decode(text)).reason();
    }

    static String hashLines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("Infohash: ").append(String.format("%040x", i)).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void encodesTheBep14FormatWithOurCookie() {
        String text = new String(LsdMessage.encode(6881, List.of(A), "1a2b3c"), StandardCharsets.US_ASCII);
        assertEquals("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\n"
                + "Infohash: 0123456789abcdef0123456789abcdef01234567\r\ncookie: 1a2b3c\r\n\r\n\r\n", text);
    }

    @Test
    void roundTripsSeveralInfoHashesPortAndCookie() throws LsdException {
        byte[] msg = LsdMessage.encode("239.255.1.2:16771", 51413, List.of(A, B), "cafe");
        LsdMessage.Announce a = LsdMessage.decode(msg, msg.length);
        assertEquals(51413, a.port());
        assertEquals(List.of(InfoHash.of(A), InfoHash.of(B)), a.hashes());
        assertEquals("cafe", a.cookie());
    }

    @Test
    void roundTripsTheMostInfoHashesAndLeavesRoomInAPacket() throws LsdException {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < LsdMessage.MAX_INFO_HASHES; i++) {
            byte[] h = A.clone();
            h[0] = (byte) i;
            many.add(h);
        }
        byte[] msg = LsdMessage.encode(65535, many, "x".repeat(LsdMessage.MAX_COOKIE));
        assertTrue(msg.length <= LsdMessage.MAX_PACKET, msg.length + " bytes");
        assertEquals(LsdMessage.MAX_INFO_HASHES, LsdMessage.decode(msg, msg.length).infoHashes().size());
    }

    @Test
    void decodesTheBep14ExampleWithoutCookie() throws LsdException {
        // BEP 14's message as the BEP writes it: upper-case hex, no cookie.
        LsdMessage.Announce a = decode("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\n"
                + "Infohash: 0123456789ABCDEF0123456789ABCDEF01234567\r\n\r\n\r\n");
        assertEquals(6881, a.port());
        assertEquals(List.of(InfoHash.of(A)), a.hashes());
        assertNull(a.cookie());
    }

    @Test
    void decodesLibtorrentsPacket() throws LsdException {
        // What libtorrent's render_lsd_packet writes: one info-hash, cookie in hex.
        LsdMessage.Announce a = decode("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\n"
                + "Infohash: fedcba9876543210fedcba9876543210fedcba98\r\ncookie: 5c3e1f2a\r\n\r\n\r\n");
        assertEquals(List.of(InfoHash.of(B)), a.hashes());
        assertEquals("5c3e1f2a", a.cookie());
    }

    @Test
    void headerNamesAndMethodInAnyCaseAndLfLineEndsAndSpacesAreAccepted() throws LsdException {
        LsdMessage.Announce a = decode("bt-search * HTTP/1.1\nHOST: x\nport:6881 \n"
                + "INFOHASH:\t0123456789abcdef0123456789abcdef01234567\r\nCookie: abc\n\n");
        assertEquals(6881, a.port());
        assertEquals(List.of(InfoHash.of(A)), a.hashes());
        assertEquals("abc", a.cookie());
    }

    @Test
    void duplicateInfoHashesCountOnceAndUnknownHeadersAreIgnored() throws LsdException {
        LsdMessage.Announce a = decode("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nX-Other: whatever: it is\r\n"
                + hashLines(1) + hashLines(1) + "\r\n");
        assertEquals(1, a.infoHashes().size());
    }

    @Test
    void decodesOnlyTheGivenLength() throws LsdException {
        byte[] msg = LsdMessage.encode(6881, List.of(A), null);
        byte[] padded = new byte[msg.length + 100];
        System.arraycopy(msg, 0, padded, 0, msg.length);
        padded[msg.length] = 0;  // garbage past the length is not read
        assertEquals(6881, LsdMessage.decode(padded, msg.length).port());
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.decode(msg, msg.length + 1));
    }

    @Test
    void refusesAPacketOverTheSizeLimitBeforeReadingIt() {
        byte[] big = new byte[LsdMessage.MAX_PACKET + 1];
        assertEquals(LsdDropReason.TOO_LARGE,
                assertThrows(LsdException.class, () -> LsdMessage.decode(big, big.length)).reason());
    }

    @Test
    void refusesBinary() {
        assertEquals(LsdDropReason.NOT_TEXT, refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\0\r\n\r\n"));
        assertEquals(LsdDropReason.NOT_TEXT, refusal("BT-SEARCH * HTTP/1.1\r\nPort: \u00e91\r\n\r\n"));
    }

    @Test
    void refusesOtherRequestsAndEmptyPackets() {
        assertEquals(LsdDropReason.NOT_BT_SEARCH, refusal("M-SEARCH * HTTP/1.1\r\nPort: 1\r\n" + hashLines(1) + "\r\n"));
        assertEquals(LsdDropReason.NOT_BT_SEARCH, refusal(""));
        assertEquals(LsdDropReason.NOT_BT_SEARCH, refusal("\r\n\r\n"));
        assertEquals(LsdDropReason.NOT_BT_SEARCH, refusal("GET / HTTP/1.1"));
    }

    @Test
    void refusesAMessageWithoutItsBlankLine() {
        assertEquals(LsdDropReason.INCOMPLETE, refusal("BT-SEARCH * HTTP/1.1"));
        assertEquals(LsdDropReason.INCOMPLETE, refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n" + hashLines(1)));
    }

    @Test
    void refusesTooManyLines() {
        String lines = "X: y\r\n".repeat(LsdMessage.MAX_LINES);
        assertEquals(LsdDropReason.TOO_MANY_LINES, refusal("BT-SEARCH * HTTP/1.1\r\n" + lines + "\r\n"));
        // One fewer fits.
        assertEquals(LsdDropReason.BAD_PORT, refusal("BT-SEARCH * HTTP/1.1\r\n"
                + "X: y\r\n".repeat(LsdMessage.MAX_LINES - 2) + "\r\n"));
    }

    @Test
    void refusesAHeaderWithoutNameOrColon() {
        assertEquals(LsdDropReason.BAD_HEADER, refusal("BT-SEARCH * HTTP/1.1\r\nPort 1\r\n\r\n"));
        assertEquals(LsdDropReason.BAD_HEADER, refusal("BT-SEARCH * HTTP/1.1\r\n: 1\r\n\r\n"));
    }

    @Test
    void refusesBadPorts() {
        for (String port : List.of("0", "65536", "99999", "123456", "-1", "+1", "0x10", "", "1 2", "６８８１")) {
            String text = "BT-SEARCH * HTTP/1.1\r\nPort: " + port + "\r\n" + hashLines(1) + "\r\n";
            LsdDropReason r = refusal(text);
            assertTrue(r == LsdDropReason.BAD_PORT || r == LsdDropReason.NOT_TEXT, port + ": " + r);
        }
        assertEquals(LsdDropReason.BAD_PORT, refusal("BT-SEARCH * HTTP/1.1\r\n" + hashLines(1) + "\r\n"));
        assertEquals(LsdDropReason.BAD_PORT, refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nport: 1\r\n"
                + hashLines(1) + "\r\n"));
    }

    @Test
    void refusesBadInfoHashes() {
        for (String ih : List.of("0123", "0123456789abcdef0123456789abcdef0123456", "0123456789abcdef0123456789abcdef012345678",
                "g123456789abcdef0123456789abcdef01234567", "0".repeat(40), "")) {
            assertEquals(LsdDropReason.BAD_INFOHASH,
                    refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: " + ih + "\r\n\r\n"), ih);
        }
        assertEquals(LsdDropReason.NO_INFOHASH, refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n\r\n"));
    }

    @Test
    void refusesMoreInfoHashesThanTheCap() throws LsdException {
        assertEquals(LsdDropReason.TOO_MANY_INFOHASHES, refusal("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n"
                + hashLines(LsdMessage.MAX_INFO_HASHES + 1) + "\r\n"));
        assertEquals(LsdMessage.MAX_INFO_HASHES, decode("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n"
                + hashLines(LsdMessage.MAX_INFO_HASHES) + "\r\n").infoHashes().size());
    }

    @Test
    void encodeRefusesWhatItCannotSend() {
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(0, List.of(A), null));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(65536, List.of(A), null));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, List.of(new byte[19]), null));
        List<byte[]> tooMany = new ArrayList<>();
        for (int i = 0; i <= LsdMessage.MAX_INFO_HASHES; i++) {
            tooMany.add(A);
        }
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, tooMany, null));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, List.of(A), "a b"));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, List.of(A), "a\r\nPort: 2"));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode(1, List.of(A), ""));
        assertThrows(IllegalArgumentException.class, () -> LsdMessage.encode("h\r\nx", 1, List.of(A), null));
    }

    @Test
    void announceCopiesItsArrays() {
        byte[] h = A.clone();
        LsdMessage.Announce a = new LsdMessage.Announce(1, List.of(h), null);
        h[0] = 9;
        assertArrayEquals(A, a.infoHashes().get(0));
    }
}
