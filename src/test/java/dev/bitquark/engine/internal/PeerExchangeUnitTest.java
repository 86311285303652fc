package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.testkit.ScriptedPeer;
import dev.bitquark.wire.ExtendedHandshake;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.PexMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerExchange} with scripted peers and the engine's manual clock: what goes into each
 * {@code ut_pex} message (BEP 11: added with flags, dropped, never the recipient itself, at most 50
 * of each), when (2 s after the extended handshake, then once a minute, nothing when nothing changed),
 * and what a flooding peer gains (nothing: messages closer than 20 s apart are ignored).
 */
class PeerExchangeUnitTest {
    static final InfoHash IH = InfoHash.fromHex("ab".repeat(20));
    /** The id the scripted peers want {@code ut_pex} sent as. */
    static final int THEIR_PEX_ID = 7;

    final OnContext on = new OnContext();
    final PeerExchange pex = new PeerExchange();
    final Map<Integer, PeerConnection> connections = new LinkedHashMap<>();

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** A connection from a peer at 192.0.2.{n}; it dialed us (incoming) and listens on {@code 7000 + n}. */
    ScriptedPeer connect(int n, boolean offersPex) throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.run(() -> {
            PeerConnection c = new PeerConnection(n, peer.socket(), new InetSocketAddress("192.0.2." + n, 50_000 + n),
                    false, new Forward(), Handshake.of(IH, PeerId.random(), true, true, false), 8, on.rt.now(),
                    new OutstandingRequests());
            c.start(null, null);
            peer.handshake(IH, true, true).haveNone();
            Map<String, Integer> m = offersPex ? Map.of(PexMessage.EXTENSION_NAME, THEIR_PEX_ID) : Map.of();
            peer.extended(ExtendedHandshake.ID, new ExtendedHandshake(m, "scripted", 250,
                    InetAddress.getLoopbackAddress(), 7000 + n, 0, false, ExtendedHandshake.NOT_SENT).encode());
        });
        return peer;
    }

    /** The {@code ut_pex} messages {@code peer} received from us. */
    static List<PexMessage> pexOf(ScriptedPeer peer) {
        List<PexMessage> out = new ArrayList<>();
        for (ScriptedPeer.Message m : peer.received(ScriptedPeer.EXTENDED)) {
            if ((m.payload()[0] & 0xff) == THEIR_PEX_ID) {
                out.add(PexMessage.decode(ByteBuffer.wrap(m.payload(), 1, m.payload().length - 1).slice()));
            }
        }
        return out;
    }

    static InetSocketAddress listening(int n) {
        return new InetSocketAddress("192.0.2." + n, 7000 + n);
    }

    void tick() throws Exception {
        on.run(() -> pex.tick(connections.values(), on.rt.now()));
    }

    @Test
    void addedThenDroppedOnceAMinuteNeverTheRecipientItself() throws Exception {
        ScriptedPeer a = connect(1, true);
        connect(2, false);
        tick();
        assertTrue(pexOf(a).isEmpty(), "nothing before 2 s after the extended handshake");
        on.advance(Duration.ofMillis(PeerExchange.FIRST_DELAY_MS));
        tick();
        List<PexMessage> got = pexOf(a);
        assertEquals(1, got.size());
        assertEquals(List.of(new PexMessage.Peer(listening(2), 0)), got.get(0).added(),
                "the other peer at its BEP 10 listen port, not the recipient, not flagged reachable (it dialed us)");

        on.advance(Duration.ofSeconds(30));
        tick();
        assertEquals(1, pexOf(a).size(), "at most one message a minute");
        on.run(() -> connections.get(2).close("gone"));
        on.advance(Duration.ofSeconds(31));
        tick();
        got = pexOf(a);
        assertEquals(2, got.size());
        assertEquals(List.of(listening(2)), got.get(1).dropped());
        assertTrue(got.get(1).added().isEmpty());

        on.advance(Duration.ofSeconds(61));
        tick();
        assertEquals(2, pexOf(a).size(), "nothing changed: nothing sent");
    }

    @Test
    void atMostFiftyAddedPerMessageTheRestInTheNext() throws Exception {
        ScriptedPeer a = connect(1, true);
        for (int n = 2; n <= 61; n++) {
            connect(n, false);
        }
        on.advance(Duration.ofMillis(PeerExchange.FIRST_DELAY_MS));
        tick();
        on.advance(Duration.ofMillis(PeerExchange.INTERVAL_MS));
        tick();
        List<PexMessage> got = pexOf(a);
        assertEquals(2, got.size());
        assertEquals(PexMessage.MAX_SENT, got.get(0).added().size());
        assertEquals(60 - PexMessage.MAX_SENT, got.get(1).added().size());
    }

    @Test
    void aFloodingPeerGainsNothing() throws Exception {
        connect(1, true);
        byte[] payload = new PexMessage(List.of(new PexMessage.Peer(listening(9), PexMessage.FLAG_SEED)), List.of())
                .encode();
        List<List<PexMessage.Peer>> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            on.run(() -> accepted.add(pex.onMessage(connections.get(1), ByteBuffer.wrap(payload), on.rt.now())));
            on.advance(Duration.ofSeconds(1));
        }
        assertEquals(1, accepted.get(0).size(), "the first message counts");
        for (int i = 1; i < 5; i++) {
            assertTrue(accepted.get(i).isEmpty(), "message " + i + " came less than 20 s after the last one");
        }
        assertEquals(4, pex.ignored());
        on.advance(Duration.ofMillis(PeerExchange.MIN_GAP_MS));
        on.run(() -> accepted.add(pex.onMessage(connections.get(1), ByteBuffer.wrap(payload), on.rt.now())));
        assertEquals(1, accepted.get(5).size(), "accepted again once the gap passed");
    }

    /** Routes what PEX needs: the joined connections and the extended handshake. */
    final class Forward implements PeerConnection.Events {
        @Override
        public boolean onHandshake(PeerConnection c, Handshake theirs) {
            connections.put(c.key(), c);
            // BEP 10: our extended handshake, offering ut_pex, so the peer may send it.
            c.send(MessageWriter.extended(ExtendedHandshake.ID, new ExtendedHandshake(
                    Map.of(PexMessage.EXTENSION_NAME, PeerExchange.LOCAL_ID), "bitquark", 250,
                    c.address().getAddress(), 0, 0, false, ExtendedHandshake.NOT_SENT).encode()));
            return true;
        }

        @Override
        public void onMessage(PeerConnection c, PeerConnection.Message m) {
        }

        @Override
        public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        }

        @Override
        public void onRequest(PeerConnection c, int piece, int begin, int length) {
        }

        @Override
        public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
            if (extendedId == ExtendedHandshake.ID) {
                pex.onExtendedHandshake(c, on.rt.now());
            }
        }

        @Override
        public void onClosed(PeerConnection c, String reason) {
            connections.remove(c.key());
            pex.onLeft(c);
        }
    }
}
