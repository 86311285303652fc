package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpAnnounceCodecTest {
    static final PeerId PEER = PeerId.of("-BQ0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    static AnnounceRequest request(InfoHash hash, AnnounceRequest.Event event) {
        return AnnounceRequest.of(hash, PEER, 6881, 10, 20, 30, event, 50, 0x0000BEEF);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static TrackerException rejects(byte[] body) {
        return assertThrows(TrackerException.class, () -> HttpAnnounceCodec.parse(body));
    }

    // --- URL

    @Test
    void percentEncodesEveryByteExceptUnreservedCharacters() throws TrackerException {
        byte[] raw = new byte[20];
        byte[] head = {'A', 'z', '0', '-', '.', '_', '~', ' ', (byte) 0xFF, '%', '+', '/', '&', '=', 0};
        System.arraycopy(head, 0, raw, 0, head.length);
        String url = HttpAnnounceCodec.url("http://t.example/announce", request(InfoHash.of(raw),
                AnnounceRequest.Event.NONE));
        assertTrue(url.startsWith("http://t.example/announce?info_hash=Az0-._~%20%FF%25%2B%2F%26%3D%00%00%00%00%00%00"
                + "&peer_id=-BQ0100-abcdefghijkl&port=6881&uploaded=10&downloaded=20&left=30&compact=1&numwant=50"
                + "&key=0000BEEF"), url);
        assertFalse(url.contains("event="), "a regular announce has no event parameter");
    }

    @Test
    void keepsPasskeyQueryAndAppendsWithAmpersand() throws TrackerException {
        InfoHash h = InfoHash.fromHex("00112233445566778899aabbccddeeff00112233");
        String url = HttpAnnounceCodec.url("https://t.example/a/announce?passkey=s3cr3t#frag",
                request(h, AnnounceRequest.Event.STARTED));
        assertTrue(url.startsWith("https://t.example/a/announce?passkey=s3cr3t&info_hash=%00%11%223DUfw%88%99%AA%BB"),
                url);
        assertTrue(url.contains("&event=started"), url);
        assertFalse(url.contains("#"), "the fragment is dropped: " + url);
        assertTrue(HttpAnnounceCodec.url("http://t.example/announce?", request(h, AnnounceRequest.Event.NONE))
                .startsWith("http://t.example/announce?info_hash="));
    }

    @Test
    void sendsTrackerIdBytesAndIpEncoded() throws TrackerException {
        InfoHash h = InfoHash.fromHex("00112233445566778899aabbccddeeff00112233");
        AnnounceRequest r = new AnnounceRequest(h, PEER, 1, 0, 0, 0, AnnounceRequest.Event.STOPPED, -1, 1,
                "id\u00ff 1", false, "::1");
        String url = HttpAnnounceCodec.url("http://t.example/announce", r);
        assertTrue(url.endsWith("&compact=0&event=stopped&key=00000001&trackerid=id%FF%201&ip=%3A%3A1"), url);
    }

    @Test
    void rejectsAnnounceUrlsThatAreNotHttp() {
        InfoHash h = InfoHash.fromHex("00112233445566778899aabbccddeeff00112233");
        for (String bad : new String[] {"udp://t.example:80", "file:///etc/passwd", "http:///announce", "not a url",
                "", "http://t.example/" + "a".repeat(3000)}) {
            TrackerException e = assertThrows(TrackerException.class,
                    () -> HttpAnnounceCodec.url(bad, request(h, AnnounceRequest.Event.NONE)), bad);
            assertEquals(TrackerException.Kind.INVALID_URL, e.kind(), bad);
        }
    }

    // --- peers

    @Test
    void parsesCompactPeersAsOpentrackerSendsThem() throws TrackerException {
        // Captured from opentracker: two peers on 127.0.0.1, ports 1111 and 2222.
        byte[] body = b("d8:completei0e10:downloadedi0e10:incompletei2e8:intervali1934e12:min intervali967e"
                + "5:peers12:\u007f\u0000\u0000\u0001\u0004\u0057\u007f\u0000\u0000\u0001\u0008\u00aee");
        AnnounceResponse r = HttpAnnounceCodec.parse(body);
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1111), new InetSocketAddress("127.0.0.1", 2222)),
                r.peers());
        assertEquals(Duration.ofSeconds(1934), r.interval());
        assertEquals(Duration.ofSeconds(967), r.minInterval());
        assertEquals(0, r.seeders());
        assertEquals(2, r.leechers());
        assertNull(r.trackerId());
        assertNull(r.warning());
    }

    @Test
    void rejectsCompactPeersWhoseLengthIsNotAMultipleOfSix() {
        TrackerException e = rejects(b("d8:intervali1800e5:peers7:abcdefge"));
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("\"peers\" has 7 bytes, not a multiple of 6"), e.getMessage());
    }

    @Test
    void parsesNonCompactPeersIgnoringBadEntries() throws TrackerException {
        BList peers = BList.of(
                peer("10.0.0.1", 6881),
                peer("tracker.example.org", 80),          // a host name: never resolved
                peer("10.0.0.2", 0),                      // no port
                peer("10.0.0.3", 70000),                  // port out of range
                peer("256.0.0.1", 80),                    // not an address
                BDict.builder().put("port", 80).build(),  // no ip
                BValue.of("junk"),
                peer("2001:db8::7", 51413));
        byte[] body = BEncoder.encode(BDict.builder().put("interval", 1800).put("peers", peers).build());
        AnnounceResponse r = HttpAnnounceCodec.parse(body);
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("2001:db8::7", 51413)),
                r.peers());
    }

    static BDict peer(String ip, long port) {
        return BDict.builder().put("ip", ip).put("peer id", "-XX0000-000000000000").put("port", port).build();
    }

    @Test
    void parsesPeers6AlongsideIpv4Peers() throws TrackerException {
        byte[] v6 = HexFormat.of().parseHex("20010db80000000000000000000000011ae1");
        byte[] body = BEncoder.encode(BDict.builder().put("interval", 1800)
                .put("peers", new byte[] {10, 0, 0, 9, 0, 80}).put("peers6", v6).build());
        assertEquals(List.of(new InetSocketAddress("10.0.0.9", 80), new InetSocketAddress("2001:db8::1", 6881)),
                HttpAnnounceCodec.parse(body).peers());
    }

    @Test
    void rejectsPeers6WhoseLengthIsNotAMultipleOf18() {
        byte[] body = BEncoder.encode(BDict.builder().put("interval", 1800).put("peers6", new byte[20]).build());
        assertTrue(rejects(body).getMessage().contains("\"peers6\" has 20 bytes, not a multiple of 18"));
    }

    @Test
    void rejectsPeersOfWrongType() {
        assertTrue(rejects(b("d8:intervali1800e5:peersi5ee")).getMessage()
                .contains("\"peers\" is a integer, expected a byte string or a list"));
    }

    @Test
    void keepsAtMost3000Peers() throws TrackerException {
        byte[] compact = new byte[6 * 5000];
        for (int i = 0; i < 5000; i++) {
            compact[6 * i] = 10;
            compact[6 * i + 4] = (byte) (i >> 8);
            compact[6 * i + 5] = (byte) (i | 1);  // never port 0
        }
        byte[] body = BEncoder.encode(BDict.builder().put("interval", 1800).put("peers", compact).build());
        assertEquals(PeerAddresses.MAX_PEERS, HttpAnnounceCodec.parse(body).peers().size());
    }

    // --- hostile and failing responses

    @Test
    void failureReasonBecomesRefusalKeptAsPlainText() {
        TrackerException e = rejects(b("d14:failure reason42:<html><b>Unregistered</b>\r\n torrent</html>e"));
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("<html><b>Unregistered</b> torrent</html>", e.getMessage());
    }

    @Test
    void failureReasonIsCappedAt512Characters() {
        byte[] body = BEncoder.encode(BDict.builder().put("failure reason", "x".repeat(100_000)).build());
        assertEquals(512, rejects(body).getMessage().length());
    }

    @Test
    void htmlPageIsRejectedWithItsStartAsText() {
        TrackerException e = rejects(b("<html>\n<head><title>502 Bad Gateway</title></head></html>"));
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("not a bencoded dictionary, it starts with \"<html><head><title>502"),
                e.getMessage());
    }

    @Test
    void rejectsBodyOverOneMebibyte() {
        byte[] body = new byte[HttpAnnounceCodec.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) 'd');
        assertTrue(rejects(body).getMessage().contains("exceeds 1048576"));
    }

    @Test
    void rejectsTruncatedAndEmptyBodies() {
        assertTrue(rejects(b("d8:intervali1800e5:peers12:abc")).getMessage().contains("not valid bencode"));
        assertTrue(rejects(new byte[0]).getMessage().contains("empty"));
    }

    @Test
    void rejectsIntegerBeyond64Bits() {
        assertTrue(rejects(b("d8:intervali99999999999999999999999ee")).getMessage().contains("64-bit"));
    }

    @Test
    void rejectsIntervalOfWrongType() {
        assertTrue(rejects(b("d8:interval4:1800e")).getMessage()
                .contains("\"interval\" is a byte string, expected an integer"));
    }

    // --- intervals

    static Duration interval(String fields) throws TrackerException {
        return HttpAnnounceCodec.parse(b("d" + fields + "5:peers0:e")).interval();
    }

    @Test
    void raisesZeroAndNegativeIntervalsToTheFloor() throws TrackerException {
        assertEquals(Duration.ofSeconds(60), interval("8:intervali0e"));
        assertEquals(Duration.ofSeconds(60), interval("8:intervali-1e"));
        assertEquals(Duration.ofSeconds(60), interval("8:intervali5e"));
    }

    @Test
    void cutsHugeIntervalsToTwoHours() throws TrackerException {
        assertEquals(Duration.ofHours(2), interval("8:intervali1000000000000e"));
        assertEquals(Duration.ofHours(2), interval("8:intervali9223372036854775807e"));
    }

    @Test
    void usesThirtyMinutesWithoutInterval() throws TrackerException {
        assertEquals(Duration.ofMinutes(30), interval(""));
    }

    @Test
    void respectsMinIntervalAboveInterval() throws TrackerException {
        assertEquals(Duration.ofSeconds(900), interval("8:intervali100e12:min intervali900e"));
        assertEquals(Duration.ofHours(2), interval("8:intervali100e12:min intervali1000000000000e"));
        AnnounceResponse r = HttpAnnounceCodec.parse(b("d8:intervali1800e12:min intervali-3e5:peers0:e"));
        assertEquals(Duration.ZERO, r.minInterval());
        assertEquals(Duration.ofSeconds(1800), r.interval());
    }

    @Test
    void readsTrackerIdWarningAndCounts() throws TrackerException {
        byte[] body = BEncoder.encode(BDict.builder().put("interval", 1800).put("complete", 7)
                .put("incomplete", 1L << 40).put("tracker id", new byte[] {1, (byte) 0xFF})
                .put("warning message", "slow\u0000 down").put("peers", new byte[0]).build());
        AnnounceResponse r = HttpAnnounceCodec.parse(body);
        assertEquals(7, r.seeders());
        assertEquals(Integer.MAX_VALUE, r.leechers());
        assertEquals("\u0001\u00ff", r.trackerId());
        assertEquals("slow down", r.warning());
        assertTrue(r.peers().isEmpty());
    }
}
