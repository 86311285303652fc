package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.security.PathRules.Access;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host allow-list, trusted proxies, Origin comparison and open paths. */
class RequestRulesTest {

    @Test
    void hostPolicyAllowsLocalhostAndIpLiteralsOnly() {
        HostPolicy p = new HostPolicy(List.of());
        assertTrue(p.allows("localhost"));
        assertTrue(p.allows("LOCALHOST."));
        assertTrue(p.allows("127.0.0.1"));
        assertTrue(p.allows("192.168.1.20"));
        assertTrue(p.allows("[::1]"));
        assertTrue(p.allows("::1"));
        assertTrue(p.allows("[fd00::7]"));
        assertFalse(p.allows("evil.example"));
        assertFalse(p.allows("127.0.0.1.evil.example"));
        assertFalse(p.allows("localhost.evil.example"));
        assertFalse(p.allows("127.1"), "only canonical dotted quads count as literals");
        assertFalse(p.allows(""));
        assertFalse(p.allows(null));
    }

    @Test
    void hostPolicyAddsConfiguredNamesAndWildcards() {
        HostPolicy p = new HostPolicy(List.of("bq.example.org", "*.home.arpa"));
        assertTrue(p.allows("bq.example.org"));
        assertTrue(p.allows("BQ.Example.org"));
        assertTrue(p.allows("nas.home.arpa"));
        assertFalse(p.allows("home.arpa"));
        assertFalse(p.allows("xbq.example.org"));
        assertTrue(new HostPolicy(List.of("*")).allows("anything.example"));
        assertThrows(IllegalArgumentException.class, () -> new HostPolicy(List.of("bq*.example")));
    }

    @Test
    void ipLiteralsNeverResolveNames() {
        assertNull(IpAddresses.parse("example.org"));
        assertNull(IpAddresses.parse("deadbeef"), "hex-looking names are names");
        assertNull(IpAddresses.parse("1.2.3.256"));
        assertNull(IpAddresses.parse("01.2.3.4"));
        assertNull(IpAddresses.parse("fe80::1%eth0"));
        assertEquals("1.2.3.4", IpAddresses.parse("1.2.3.4").getHostAddress());
    }

    @Test
    void limiterKeysIpv6ByItsSlash64() throws Exception {
        assertEquals("2001:db8:1:2::/64", IpAddresses.clientKey(InetAddress.getByName("2001:db8:1:2::77")));
        assertEquals(IpAddresses.clientKey(InetAddress.getByName("2001:db8:1:2:ffff::1")),
                IpAddresses.clientKey(InetAddress.getByName("2001:db8:1:2::2")));
        assertEquals("10.0.0.1", IpAddresses.clientKey(InetAddress.getByName("::ffff:10.0.0.1")));
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        InetAddress stranger = InetAddress.getByName("198.51.100.9");
        TrustedProxies t = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8"));

        assertEquals("203.0.113.5", t.clientOf(proxy, "203.0.113.5").getHostAddress());
        assertEquals("203.0.113.5", t.clientOf(proxy, "1.1.1.1, 203.0.113.5, 10.9.9.9").getHostAddress(),
                "read right to left, skipping trusted hops; the left part is the client's to forge");
        assertEquals(stranger, t.clientOf(stranger, "203.0.113.5"), "spoofed by an untrusted peer");
        assertEquals(proxy, t.clientOf(proxy, "garbage"));
        assertEquals(stranger, TrustedProxies.NONE.clientOf(stranger, "127.0.0.1"));
    }

    @Test
    void loopbackIsNotTrustedByDefault() throws Exception {
        assertFalse(TrustedProxies.NONE.trusts(InetAddress.getByName("127.0.0.1")));
        assertFalse(TrustedProxies.NONE.trusts(InetAddress.getByName("::1")));
    }

    @Test
    void onlyUnforwardedLoopbackQualifiesForTheBypass() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        InetAddress lan = InetAddress.getByName("192.168.1.5");
        assertTrue(new RequestFacts(v4, v4, "http", "localhost", 3030, false, null).directFromLoopback());
        assertTrue(new RequestFacts(v6, v6, "http", "localhost", 3030, false, null).directFromLoopback());
        assertFalse(new RequestFacts(v4, v4, "http", "localhost", 3030, true, null).directFromLoopback());
        assertFalse(new RequestFacts(lan, lan, "http", "localhost", 3030, false, null).directFromLoopback());
        assertFalse(new RequestFacts(null, null, "http", "localhost", 3030, false, null).directFromLoopback());
    }

    @Test
    void trustedProxyListRejectsNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("proxy.internal")));
        assertTrue(e.getMessage().contains("proxy.internal"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
    }

    @Test
    void originMustMatchSchemeHostAndPort() {
        assertTrue(OriginPolicy.sameOrigin("http://localhost:3030", "http", "localhost", 3030));
        assertTrue(OriginPolicy.sameOrigin("https://bq.example", "https", "bq.example", -1));
        assertTrue(OriginPolicy.sameOrigin("https://bq.example:443", "https", "BQ.example", -1));
        assertTrue(OriginPolicy.sameOrigin("http://[::1]:3030", "http", "[::1]", 3030));
        assertFalse(OriginPolicy.sameOrigin("http://evil.example:3030", "http", "localhost", 3030));
        assertFalse(OriginPolicy.sameOrigin("http://localhost:3031", "http", "localhost", 3030));
        assertFalse(OriginPolicy.sameOrigin("https://localhost:3030", "http", "localhost", 3030));
        assertFalse(OriginPolicy.sameOrigin("null", "http", "localhost", 3030));
        assertFalse(OriginPolicy.sameOrigin("http://localhost:3030/path", "http", "localhost", 3030));
    }

    @Test
    void openPathsAreHealthDocsLoginAndUiFiles() {
        assertEquals(Access.OPEN, PathRules.classify("GET", "/q/health/ready", false));
        assertEquals(Access.OPEN, PathRules.classify("GET", "/q/metrics", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/q/metrics", true));
        assertEquals(Access.OPEN, PathRules.classify("GET", "/q/swagger-ui/index.html", false));
        assertEquals(Access.OPEN, PathRules.classify("POST", "/api/v1/auth/login", false));
        assertEquals(Access.OPEN, PathRules.classify("GET", "/", false));
        assertEquals(Access.OPEN, PathRules.classify("GET", "/assets/index-abc.js", false));
        assertEquals(Access.OPEN, PathRules.classify("GET", "/torrents/0123", false));
    }

    @Test
    void everythingElseNeedsALoginWhateverItsSpelling() {
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/api/v1/version", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "//api/v1/version", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/API/v1/version", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "\\api\\v1\\version", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/api", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/api/v1/events", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/q/dev-ui", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/q/healthy", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/api/v1/auth/login/../tokens", false));
        assertEquals(Access.PROTECTED, PathRules.classify("POST", "/torrents", false));
        assertEquals(Access.PROTECTED, PathRules.classify("GET", "/a%2Fb", false));
    }

    @Test
    void queryTokensAreAcceptedOnlyForReadingStreamsAndPlaylists() {
        String t = "/api/v1/torrents/" + "ab".repeat(20);
        assertTrue(PathRules.acceptsQueryToken("GET", t + "/files/3/stream"));
        assertTrue(PathRules.acceptsQueryToken("HEAD", t + "/files/0/stream"));
        assertTrue(PathRules.acceptsQueryToken("GET", t + "/playlist.m3u8"));
        assertTrue(PathRules.acceptsQueryToken("GET", "/API/v1/torrents/" + "AB".repeat(20) + "/files/3/stream"));
        assertFalse(PathRules.acceptsQueryToken("POST", t + "/files/3/stream"), "never for a state change");
        assertFalse(PathRules.acceptsQueryToken("DELETE", t + "/playlist.m3u8"));
        assertFalse(PathRules.acceptsQueryToken("GET", t));
        assertFalse(PathRules.acceptsQueryToken("GET", t + "/files"));
        assertFalse(PathRules.acceptsQueryToken("GET", t + "/files/3/stream/"));
        assertFalse(PathRules.acceptsQueryToken("GET", t + "/files/3/stream/../../pause"));
        assertFalse(PathRules.acceptsQueryToken("GET", t + "/playlistxm3u8"), "the dot is literal");
        assertFalse(PathRules.acceptsQueryToken("GET", "/api/v1/torrents/abc/files/3/stream"));
        assertFalse(PathRules.acceptsQueryToken("GET", "/api/v1/auth/tokens"));
        assertFalse(PathRules.acceptsQueryToken("GET", "/api/v1/torrents"));
    }
}
