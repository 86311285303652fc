package dev.bitquark.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.krpc.KrpcMessage.Error;
import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.KrpcMessage.Query;
import dev.bitquark.dht.krpc.KrpcMessage.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KRPC conformance: the BEP 5 example messages, round trips, and each limit refused with its reason. */
class KrpcCodecTest {
    static final NodeId A = NodeId.of(bytes("abcdefghij0123456789"));
    static final NodeId M = NodeId.of(bytes("mnopqrstuvwxyz123456"));

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Decoded decode(String s) {
        byte[] b = bytes(s);
        return KrpcCodec.decode(b, b.length);
    }

    /** The example strings of BEP 5 decode, and encode back to the same bytes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
            "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
            "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe",
            "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
            "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
            "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
    })
    void bep5ExamplesDecodeAndReEncodeExactly(String wire) {
        Decoded d = decode(wire);
        assertTrue(d.isOk(), () -> d.reason());
        assertArrayEquals(bytes(wire), KrpcCodec.encode(d.message()));
    }

    @Test
    void bep5ExampleFieldsAreRead() throws Exception {
        Query ping = (Query) decode("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe").message();
        assertEquals(Method.PING, ping.method());
        assertEquals(A, ping.id());
        assertArrayEquals(bytes("aa"), ping.tid());
        Query fn = (Query) decode("d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe").message();
        assertEquals(M, fn.target());
        Response gp = (Response) decode("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re").message();
        assertArrayEquals(bytes("aoeusnth"), gp.token());
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(bytes("axje")), ('.' << 8) | 'u'), gp.values().get(0));
        assertEquals(2, gp.values().size());
        Query ap = (Query) decode("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe").message();
        assertEquals(6881, ap.port());
        assertFalse(ap.impliedPort());
        Error e = (Error) decode("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee").message();
        assertEquals(201, e.code());
        assertEquals("A Generic Error Ocurred", e.message());
    }

    @Test
    void everyMessageTypeRoundTrips() throws Exception {
        byte[] tid = {9, 8, 7};
        byte[] v = {'B', 'Q', 0, 1};
        InetSocketAddress p1 = new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 6881);
        InetSocketAddress p6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 6882);
        List<NodeInfo> nodes = List.of(new NodeInfo(A, p1), new NodeInfo(M, new InetSocketAddress(
                InetAddress.getByName("5.6.7.8"), 65535)));
        List<KrpcMessage> all = List.of(
                Query.ping(tid, A, v),
                Query.findNode(tid, A, M, v),
                Query.getPeers(tid, A, M, v),
                Query.announcePeer(tid, A, M, 51413, true, bytes("tok"), v),
                new Query(tid, Method.FIND_NODE, A, M, null, 0, false, true, List.of("n4", "n6"), null),
                new Response(tid, A, nodes, List.of(new NodeInfo(M, p6)), List.of(p1), bytes("token"), v),
                Response.of(tid, M, null),
                new Error(tid, 204, "method unknown", v));
        for (KrpcMessage m : all) {
            byte[] wire = KrpcCodec.encode(m);
            Decoded d = KrpcCodec.decode(wire, wire.length);
            assertTrue(d.isOk(), () -> m + ": " + d.reason());
            assertArrayEquals(wire, KrpcCodec.encode(d.message()), m.toString());
            assertEquals(m.getClass(), d.message().getClass());
        }
        Response r = (Response) KrpcCodec.decode(KrpcCodec.encode(all.get(5)), KrpcCodec.encode(all.get(5)).length).message();
        assertEquals(nodes, r.nodes());
        assertEquals(List.of(new NodeInfo(M, p6)), r.nodes6()); // BEP 32 38-byte entries
        Query ro = (Query) KrpcCodec.decode(KrpcCodec.encode(all.get(4)), KrpcCodec.encode(all.get(4)).length).message();
        assertTrue(ro.readOnly());
        assertEquals(List.of("n4", "n6"), ro.want());
    }

    /** Each refusal and its reason; queries with a readable tid get error 203 (or 204 for an unknown method). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "i42e|not-dict|0",
            "d1:t2:aa1:y1:q|not-bencode|0",
            "d1:q4:ping1:t0:1:y1:qe|bad-tid|0",
            "d1:q4:ping1:t21:aaaaaaaaaaaaaaaaaaaaa1:y1:qe|bad-tid|0",
            "d1:t2:aa1:y1:xe|bad-type|0",
            "d1:ad2:id20:abcdefghij0123456789e1:q4:pong1:t2:aa1:y1:qe|unknown-method|204",
            "d1:q4:ping1:t2:aa1:y1:qe|bad-args|203",
            "d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe|bad-id|203",
            "d1:ad2:id20:abcdefghij01234567896:target3:abce1:q9:find_node1:t2:aa1:y1:qe|bad-target|203",
            "d1:ad2:id20:abcdefghij0123456789e1:q9:get_peers1:t2:aa1:y1:qe|bad-info-hash|203",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti0e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe|bad-port|203",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti65536e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe|bad-port|203",
            "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881ee1:q13:announce_peer1:t2:aa1:y1:qe|bad-token-field|203",
            "d1:rd2:id3:abce1:t2:aa1:y1:re|bad-id|0",
            "d1:rd2:id20:mnopqrstuvwxyz1234565:nodes25:aaaaaaaaaaaaaaaaaaaaaaaaae1:t2:aa1:y1:re|bad-nodes|0",
            "d1:rd2:id20:mnopqrstuvwxyz1234566:valuesi1ee1:t2:aa1:y1:re|bad-values|0",
            "d1:eli201ee1:t2:aa1:y1:ee|bad-error|0",
    })
    void limitsAndMalformedFieldsAreRefusedWithTheirReason(String wire, String reason, int code) {
        Decoded d = decode(wire);
        assertFalse(d.isOk());
        assertEquals(reason, d.reason());
        assertEquals(code, d.errorCode());
        assertEquals(code != 0, d.deservesError());
    }

    @Test
    void aTokenOverSixtyFourBytesIsRefused() {
        String token = "x".repeat(65);
        Decoded d = decode("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti1e5:token65:"
                + token + "e1:q13:announce_peer1:t2:aa1:y1:qe");
        assertEquals("bad-token-field", d.reason());
        Decoded r = decode("d1:rd2:id20:mnopqrstuvwxyz1234565:token65:" + token + "e1:t2:aa1:y1:re");
        assertEquals("bad-token-field", r.reason());
    }

    @Test
    void packetsOverFifteenHundredBytesAreNotDecoded() {
        byte[] big = new byte[1501];
        assertEquals("too-large", KrpcCodec.decode(big, big.length).reason());
        // A transport may hand over only a prefix of a big datagram: the length decides.
        assertEquals("too-large", KrpcCodec.decode(new byte[10], 70_000).reason());
    }

    @Test
    void moreThanSixteenNodesOrAHundredValuesAreRefused() throws Exception {
        List<NodeInfo> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(new NodeInfo(NodeId.of(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                    new InetSocketAddress(InetAddress.getByName("10.0.0." + (i + 1)), 1000 + i)));
        }
        byte[] wire = KrpcCodec.encode(new Response(bytes("aa"), A, seventeen, null, null, null, null));
        assertEquals("too-many-nodes", KrpcCodec.decode(wire, wire.length).reason());
        byte[] sixteen = KrpcCodec.encode(new Response(bytes("aa"), A, seventeen.subList(0, 16), null, null, null, null));
        assertEquals(16, ((Response) KrpcCodec.decode(sixteen, sixteen.length).message()).nodes().size());

        List<InetSocketAddress> values = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            values.add(new InetSocketAddress(InetAddress.getByName("10.1.0." + (i + 1)), 1));
        }
        byte[] many = KrpcCodec.encode(new Response(bytes("aa"), A, null, null, values, null, null));
        assertEquals("too-many-values", KrpcCodec.decode(many, many.length).reason());
        byte[] hundred = KrpcCodec.encode(new Response(bytes("aa"), A, null, null, values.subList(0, 100), null, null));
        assertEquals(100, ((Response) KrpcCodec.decode(hundred, hundred.length).message()).values().size());
    }

    @Test
    void valuesThatAreNotSixBytesAndPortZeroEntriesAreSkipped() {
        Decoded d = decode("d1:rd2:id20:mnopqrstuvwxyz1234566:valuesl6:axje.u5:short6:abcd\0\0"
                + "18:aaaaaaaaaaaaaaaaaaee1:t2:aa1:y1:re");
        Response r = (Response) d.message();
        assertEquals(1, r.values().size());
        Decoded n = KrpcCodec.decode(KrpcCodec.encode(new Response(bytes("aa"), A, List.of(), null, null, null, null)), 0);
        assertEquals("not-bencode", n.reason());
    }

    @Test
    void versionIsOptionalAndBounded() {
        Query q = (Query) decode("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:v4:BQ\0\0011:y1:qe").message();
        assertArrayEquals(new byte[] {'B', 'Q', 0, 1}, q.version());
        Query noV = (Query) decode("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe").message();
        assertNull(noV.version());
    }

    @Test
    void keysInAnyOrderAreAccepted() {
        Decoded d = decode("d1:y1:q1:t2:aa1:q4:ping1:ad2:id20:abcdefghij0123456789ee");
        assertInstanceOf(Query.class, d.message());
    }

    @Test
    void nestingIsBounded() {
        Decoded d = decode("d1:ad2:id20:abcdefghij01234567891:xllllleeeeeee1:q4:ping1:t2:aa1:y1:qe");
        assertEquals("not-bencode", d.reason());
    }
}
