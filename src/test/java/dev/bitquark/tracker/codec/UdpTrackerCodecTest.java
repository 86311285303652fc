package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpTrackerCodecTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final PeerId PEER = PeerId.of("-BQ0100-abcdefghijkl".getBytes());
    static final int TX = 0x1234abcd;

    static AnnounceRequest request(AnnounceRequest.Event event) {
        return new AnnounceRequest(HASH, PEER, 6881, 300, 200, 100, event, 50, 0xCAFEBABE, null, true, null);
    }

    static byte[] announceResponse(int tx, int interval, int leechers, int seeders, int peerBytes) {
        ByteBuffer b = ByteBuffer.allocate(20 + peerBytes).putInt(1).putInt(tx).putInt(interval).putInt(leechers)
                .putInt(seeders);
        for (int i = 0; i < peerBytes; i++) {
            b.put((byte) (i + 1));
        }
        return b.array();
    }

    @Test
    void connectRequestCarriesProtocolIdActionAndTransactionId() {
        ByteBuffer b = ByteBuffer.wrap(UdpTrackerCodec.connectRequest(TX));
        assertEquals(16, b.capacity());
        assertEquals(0x41727101980L, b.getLong());
        assertEquals(0, b.getInt());
        assertEquals(TX, b.getInt());
    }

    @Test
    void parsesConnectResponse() throws TrackerException {
        byte[] p = ByteBuffer.allocate(16).putInt(0).putInt(TX).putLong(0x1122334455667788L).array();
        assertEquals(0x1122334455667788L, UdpTrackerCodec.parseConnectResponse(p, TX));
    }

    @Test
    void rejectsConnectResponseWithWrongTransactionId() {
        byte[] p = ByteBuffer.allocate(16).putInt(0).putInt(TX + 1).putLong(7).array();
        TrackerException e = assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnectResponse(p, TX));
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("transaction id 0x1234abce, expected 0x1234abcd"), e.getMessage());
    }

    @Test
    void rejectsTruncatedConnectResponse() {
        byte[] p = ByteBuffer.allocate(12).putInt(0).putInt(TX).putInt(7).array();
        TrackerException e = assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnectResponse(p, TX));
        assertTrue(e.getMessage().contains("truncated: 12 bytes, expected at least 16"), e.getMessage());
    }

    @Test
    void rejectsPacketShorterThanHeader() {
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseConnectResponse(new byte[5], TX));
        assertTrue(e.getMessage().contains("5 bytes, the header alone needs 8"), e.getMessage());
        assertNull(UdpTrackerCodec.transactionId(new byte[7]));
    }

    @Test
    void rejectsConnectResponseWithAnnounceAction() {
        byte[] p = ByteBuffer.allocate(16).putInt(1).putInt(TX).putLong(7).array();
        TrackerException e = assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnectResponse(p, TX));
        assertTrue(e.getMessage().contains("action 1, expected 0"), e.getMessage());
    }

    @Test
    void errorPacketBecomesRefusalWithSanitizedMessage() {
        byte[] p = UdpTrackerCodec.errorResponse(TX, "torrent not\n registered\u0007");
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseAnnounceResponse(p, TX, false));
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("torrent not registered", e.getMessage());
    }

    @Test
    void announceRequestPutsFieldsAtBep15Offsets() {
        AnnounceRequest req = new AnnounceRequest(HASH, PEER, 6881, 300, 200, 100, AnnounceRequest.Event.STARTED, 50,
                0xCAFEBABE, null, true, "10.1.2.3");
        byte[] p = UdpTrackerCodec.announceRequest(0x0102030405060708L, TX, req);
        assertEquals(98, p.length);
        ByteBuffer b = ByteBuffer.wrap(p);
        assertEquals(0x0102030405060708L, b.getLong(0));
        assertEquals(1, b.getInt(8));
        assertEquals(TX, b.getInt(12));
        assertEquals(HASH, InfoHash.of(p, 16));
        assertEquals(PEER, PeerId.of(p, 36));
        assertEquals(200, b.getLong(56));   // downloaded
        assertEquals(100, b.getLong(64));   // left
        assertEquals(300, b.getLong(72));   // uploaded
        assertEquals(2, b.getInt(80));      // started
        assertEquals(0x0A010203, b.getInt(84));
        assertEquals(0xCAFEBABE, b.getInt(88));
        assertEquals(50, b.getInt(92));
        assertEquals(6881, b.getShort(96) & 0xFFFF);
    }

    @Test
    void announceRequestLeavesIpZeroForHostNamesAndIpv6() {
        for (String ip : new String[] {"example.org", "::1", null}) {
            AnnounceRequest req = new AnnounceRequest(HASH, PEER, 6881, 0, 0, 0, AnnounceRequest.Event.NONE, -1, 1,
                    null, true, ip);
            ByteBuffer b = ByteBuffer.wrap(UdpTrackerCodec.announceRequest(1, TX, req));
            assertEquals(0, b.getInt(84), String.valueOf(ip));
            assertEquals(0, b.getInt(80));
            assertEquals(-1, b.getInt(92));
        }
    }

    @Test
    void parsesAnnounceResponseWithIpv4Peers() throws TrackerException {
        byte[] p = ByteBuffer.allocate(32).putInt(1).putInt(TX).putInt(1800).putInt(4).putInt(9)
                .put(new byte[] {10, 0, 0, 1, 0x1A, (byte) 0xE1, (byte) 192, (byte) 168, 1, 2, 0, 80}).array();
        AnnounceResponse r = UdpTrackerCodec.parseAnnounceResponse(p, TX, false);
        assertEquals(Duration.ofSeconds(1800), r.interval());
        assertEquals(9, r.seeders());
        assertEquals(4, r.leechers());
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("192.168.1.2", 80)),
                r.peers());
    }

    @Test
    void parsesAnnounceResponseWithIpv6PeersWhenTrackerIsIpv6() throws TrackerException {
        byte[] peer = HexFormat.of().parseHex("20010db8000000000000000000000001" + "1ae1");
        byte[] p = ByteBuffer.allocate(38).putInt(1).putInt(TX).putInt(900).putInt(0).putInt(1).put(peer).array();
        AnnounceResponse r = UdpTrackerCodec.parseAnnounceResponse(p, TX, true);
        assertEquals(List.of(new InetSocketAddress("2001:db8::1", 6881)), r.peers());
        // Over IPv4 the same 18 bytes are three 6-byte entries (two with port 0, dropped): the
        // tracker's address family decides how peers are read.
        assertEquals(List.of(new InetSocketAddress("0.0.0.1", 6881)),
                UdpTrackerCodec.parseAnnounceResponse(p, TX, false).peers());
    }

    @Test
    void rejectsAnnounceResponseWithPartialPeerEntry() {
        byte[] p = announceResponse(TX, 1800, 0, 0, 13);
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseAnnounceResponse(p, TX, false));
        assertTrue(e.getMessage().contains("13 peer bytes"), e.getMessage());
    }

    @Test
    void rejectsTruncatedAnnounceResponse() {
        byte[] p = Arrays.copyOf(announceResponse(TX, 1800, 0, 0, 0), 17);
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseAnnounceResponse(p, TX, false));
        assertTrue(e.getMessage().contains("truncated: 17 bytes, expected at least 20"), e.getMessage());
    }

    @Test
    void rejectsAnnounceResponseForAnotherTransaction() {
        byte[] p = announceResponse(7, 1800, 0, 0, 6);
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseAnnounceResponse(p, TX, false));
        assertTrue(e.getMessage().contains("transaction id"), e.getMessage());
    }

    @Test
    void capsPeersPerResponse() throws TrackerException {
        byte[] p = announceResponse(TX, 1800, 0, 0, 6 * 4000);
        // Ports of the synthetic entries are never 0, so every entry is a usable peer.
        AnnounceResponse r = UdpTrackerCodec.parseAnnounceResponse(p, TX, false);
        assertEquals(PeerAddresses.MAX_PEERS, r.peers().size());
    }

    @Test
    void clampsUdpIntervalAndNegativeCounts() throws TrackerException {
        assertEquals(Duration.ofSeconds(60),
                UdpTrackerCodec.parseAnnounceResponse(announceResponse(TX, 0, -5, -1, 0), TX, false).interval());
        AnnounceResponse huge = UdpTrackerCodec.parseAnnounceResponse(
                announceResponse(TX, Integer.MAX_VALUE, -5, -1, 0), TX, false);
        assertEquals(Duration.ofHours(2), huge.interval());
        assertEquals(-1, huge.seeders());
        assertEquals(-1, huge.leechers());
    }

    @Test
    void scrapeRequestListsInfoHashes() {
        InfoHash other = InfoHash.fromHex("ffffffffffffffffffffffffffffffffffffffff");
        byte[] p = UdpTrackerCodec.scrapeRequest(99, TX, List.of(HASH, other));
        assertEquals(56, p.length);
        ByteBuffer b = ByteBuffer.wrap(p);
        assertEquals(99, b.getLong(0));
        assertEquals(2, b.getInt(8));
        assertEquals(TX, b.getInt(12));
        assertEquals(HASH, InfoHash.of(p, 16));
        assertEquals(other, InfoHash.of(p, 36));
        assertThrows(IllegalArgumentException.class,
                () -> UdpTrackerCodec.scrapeRequest(1, TX, Collections.nCopies(75, HASH)));
    }

    @Test
    void parsesScrapeResponseInRequestOrder() throws TrackerException {
        byte[] p = ByteBuffer.allocate(32).putInt(2).putInt(TX).putInt(5).putInt(17).putInt(3)
                .putInt(1).putInt(2).putInt(0).array();
        List<ScrapeResponse> r = UdpTrackerCodec.parseScrapeResponse(p, TX, 2);
        assertEquals(new ScrapeResponse(5, 3, 17), r.get(0));
        assertEquals(new ScrapeResponse(1, 0, 2), r.get(1));
    }

    @Test
    void rejectsScrapeResponseMissingEntries() {
        byte[] p = ByteBuffer.allocate(20).putInt(2).putInt(TX).putInt(5).putInt(17).putInt(3).array();
        TrackerException e = assertThrows(TrackerException.class,
                () -> UdpTrackerCodec.parseScrapeResponse(p, TX, 2));
        assertTrue(e.getMessage().contains("truncated: 20 bytes, expected at least 32"), e.getMessage());
    }
}
