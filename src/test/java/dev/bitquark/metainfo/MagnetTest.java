package dev.bitquark.metainfo;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MagnetTest {
    private static final String HEX = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    private static final String BASE32 = "YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK";
    private static final String XT = "magnet:?xt=urn:btih:" + HEX;

    private static BadMagnetException reject(String uri, String part) {
        BadMagnetException e = assertThrows(BadMagnetException.class, () -> Magnet.parse(uri));
        assertEquals(part, e.part(), e.getMessage());
        return e;
    }

    @Test
    void parsesHexAndBase32InfoHashes() {
        assertEquals(InfoHash.fromHex(HEX), Magnet.parse(XT).infoHash());
        assertEquals(InfoHash.fromHex(HEX), Magnet.parse("magnet:?xt=urn:btih:" + BASE32).infoHash());
        assertEquals(InfoHash.fromHex(HEX), Magnet.parse("MAGNET:?XT=URN:BTIH:" + BASE32.toLowerCase()).infoHash());
        assertEquals(InfoHash.fromHex(HEX), Magnet.parse("magnet:?xt=urn:btih:" + HEX.toUpperCase()).infoHash());
    }

    @Test
    void rejectsBadExactTopic() {
        assertTrue(reject("magnet:?dn=x", "xt").getMessage().contains("missing"));
        assertTrue(reject("magnet:?xt=urn:btih:abc", "xt").getMessage().contains("got 3 characters"));
        assertTrue(reject("magnet:?xt=urn:btih:" + "g".repeat(40), "xt").getMessage().contains("hex"));
        assertTrue(reject("magnet:?xt=urn:btih:" + "1".repeat(32), "xt").getMessage().contains("base32"));
        assertTrue(reject("magnet:?xt=http://x", "xt").getMessage().contains("not a URN"));
        assertTrue(reject(XT + "&xt=urn:btih:" + "0".repeat(40), "xt").getMessage().contains("two different"));
        // A BEP 52 topic alone is not enough for a v1 client.
        reject("magnet:?xt=urn:btmh:1220" + "0".repeat(64), "xt");
    }

    @Test
    void acceptsSameInfoHashTwiceAndOtherTopics() {
        Magnet m = Magnet.parse(XT + "&xt=urn:btih:" + BASE32 + "&xt.1=urn:btmh:1220" + "0".repeat(64));
        assertEquals(InfoHash.fromHex(HEX), m.infoHash());
    }

    @Test
    void rejectsNonMagnetUris() {
        reject("http://example.com/?xt=urn:btih:" + HEX, "uri");
        reject("magnet:xt=urn:btih:" + HEX, "uri");
        assertThrows(BadMagnetException.class, () -> Magnet.parse(null));
        reject("magnet:?xt=urn:btih:" + HEX + "&tr=" + "a".repeat(Magnet.MAX_URI_LENGTH), "uri");
    }

    @Test
    void sanitizesDisplayName() {
        assertEquals(".._.._etc_passwd", Magnet.parse(XT + "&dn=..%2F..%2Fetc%2Fpasswd").displayName().orElseThrow());
        assertEquals("my file", Magnet.parse(XT + "&dn=my+file").displayName().orElseThrow());
        // "/.." becomes "_.." and then loses its trailing dots.
        assertEquals("_", Magnet.parse(XT + "&dn=/..").displayName().orElseThrow());
        assertTrue(Magnet.parse(XT + "&dn=..").displayName().isEmpty());
        assertEquals("caf\u00e9", Magnet.parse(XT + "&dn=caf%C3%A9").displayName().orElseThrow());
    }

    @Test
    void rejectsBadPercentEscapes() {
        assertTrue(reject(XT + "&dn=%G1", "dn").getMessage().contains("bad percent escape"));
        reject(XT + "&tr=abc%2", "tr");
    }

    @Test
    void keepsOnlyHttpHttpsUdpTrackersDeduplicated() {
        Magnet m = Magnet.parse(XT + "&tr=udp%3A%2F%2Ft.example%3A1337%2Fannounce&tr=http://t.example/a"
                + "&tr=wss://t.example/a&tr=javascript:alert(1)&tr=http://t.example/a&tr.1=https://s.example/a");
        assertEquals(List.of("udp://t.example:1337/announce", "http://t.example/a", "https://s.example/a"), m.trackers());
    }

    @Test
    void capsTenThousandTrackersAtOneHundred() {
        StringBuilder sb = new StringBuilder(XT);
        for (int i = 0; i < 10_000; i++) {
            sb.append("&tr=udp://t").append(i).append(".example:80");
        }
        Magnet m = Magnet.parse(sb.toString());
        assertEquals(Magnet.MAX_TRACKERS, m.trackers().size());
        assertEquals("udp://t0.example:80", m.trackers().getFirst());
    }

    @Test
    void parsesPeerHintsIncludingIpv6AndSkipsMalformed() {
        Magnet m = Magnet.parse(XT + "&x.pe=10.0.0.1:6881&x.pe=[::1]:51413&x.pe=host.example:1"
                + "&x.pe=nohost&x.pe=1.2.3.4:0&x.pe=1.2.3.4:70000&x.pe=[::1]&x.pe=a_b:1&x.pe=10.0.0.1:6881");
        assertEquals(List.of(InetSocketAddress.createUnresolved("10.0.0.1", 6881),
                InetSocketAddress.createUnresolved("::1", 51413),
                InetSocketAddress.createUnresolved("host.example", 1)), m.peers());
    }

    @Test
    void capsPeerHints() {
        StringBuilder sb = new StringBuilder(XT);
        for (int i = 0; i < 500; i++) {
            sb.append("&x.pe=10.0.").append(i / 250).append('.').append(i % 250).append(":1");
        }
        assertEquals(Magnet.MAX_PEERS, Magnet.parse(sb.toString()).peers().size());
    }

    @Test
    void parsesFileSelection() {
        Magnet m = Magnet.parse(XT + "&so=6,0,2,4-5");
        assertEquals(new TreeSet<>(List.of(0, 2, 4, 5, 6)), m.selectedFiles());
        assertTrue(m.hasFileSelection());
        assertTrue(m.isFileSelected(5));
        assertFalse(m.isFileSelected(3));
        Magnet none = Magnet.parse(XT);
        assertFalse(none.hasFileSelection());
        assertTrue(none.isFileSelected(3));
    }

    @Test
    void rejectsBadFileSelection() {
        assertTrue(reject(XT + "&so=3-1", "so").getMessage().contains("ends before it starts"));
        reject(XT + "&so=x", "so");
        reject(XT + "&so=1,,2", "so");
        reject(XT + "&so=-3", "so");
        reject(XT + "&so=", "so");
        assertTrue(reject(XT + "&so=0-99999999999", "so").getMessage().contains("not a file index"));
        assertTrue(reject(XT + "&so=1000000", "so").getMessage().contains("above 999999"));
        SortedSet<Integer> big = Magnet.parse(XT + "&so=0-999999").selectedFiles();
        assertEquals(1_000_000, big.size());
    }

    @Test
    void keepsWebSeeds() {
        Magnet m = Magnet.parse(XT + "&ws=https%3A%2F%2Fws.example%2Ff&ws=ftp://no.example/");
        assertEquals(List.of("https://ws.example/f"), m.webSeeds());
    }

    @Test
    void toUriRoundTrips() {
        Magnet m = Magnet.parse("magnet:?xt=urn:btih:" + BASE32 + "&dn=a%20b%26c&tr=udp://t.example:1/a%3Fx%3D1"
                + "&x.pe=[2001:db8::1]:6881&x.pe=1.2.3.4:5&so=0,2-4,9&ws=http://w.example/&unknown=1#frag");
        String uri = m.toUri();
        assertTrue(uri.startsWith("magnet:?xt=urn:btih:" + HEX + "&dn=a%20b%26c"), uri);
        assertTrue(uri.contains("&so=0,2-4,9"), uri);
        assertTrue(uri.contains("&x.pe=[2001:db8::1]:6881"), uri);
        assertEquals(m, Magnet.parse(uri));
    }

    @Test
    void buildsFromParts() {
        Magnet m = Magnet.of(InfoHash.fromHex(HEX), "../x", List.of("http://a.example/", "bogus", "http://a.example/"));
        assertEquals(".._x", m.displayName().orElseThrow());
        assertEquals(List.of("http://a.example/"), m.trackers());
    }
}
