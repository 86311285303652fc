package dev.bitquark.wire;

import static dev.bitquark.wire.WireStreams.concat;
import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final PeerId PEER = PeerId.of("-XX0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    @Test
    void encodesTheBep3LayoutWithFeatureBitsInTheirBytes() {
        byte[] wire = Handshake.of(HASH, PEER, true, true, true).encode();
        assertEquals(68, wire.length);
        assertEquals(19, wire[0]);
        assertEquals("BitTorrent protocol", new String(wire, 1, 19, StandardCharsets.US_ASCII));
        // BEP 10: reserved[5] & 0x10; BEP 6: reserved[7] & 0x04; BEP 5: reserved[7] & 0x01.
        assertEquals("0000000000100005", HexFormat.of().formatHex(wire, 20, 28));
        assertEquals(HASH, InfoHash.of(wire, 28));
        assertEquals(PEER, PeerId.of(wire, 48));
    }

    @Test
    void readsFeatureBitsOfAReceivedHandshake() {
        byte[] wire = Handshake.of(HASH, PEER, false, false, false).encode();
        wire[20 + 5] = 0x10;
        Handshake h = Handshake.decode(wire);
        assertTrue(h.supportsExtensionProtocol());
        assertFalse(h.supportsFastExtension());
        assertFalse(h.supportsDht());
        wire[20 + 5] = 0;
        wire[20 + 7] = 0x04;
        h = Handshake.decode(wire);
        assertFalse(h.supportsExtensionProtocol());
        assertTrue(h.supportsFastExtension());
        assertFalse(h.supportsDht());
        wire[20 + 7] = 0x01;
        assertTrue(Handshake.decode(wire).supportsDht());
    }

    @Test
    void roundTripsUnknownReservedBits() {
        Handshake h = new Handshake(0x8000_0000_0000_00F0L, HASH, PEER);
        assertEquals(h, Handshake.decode(h.encode()));
        ByteBuffer le = ByteBuffer.allocate(68).order(ByteOrder.LITTLE_ENDIAN);
        h.encodeTo(le);
        assertArrayEquals(h.encode(), le.array(), "the wire is big-endian whatever the buffer order");
    }

    @Test
    void rejectsAWrongProtocolName() {
        byte[] wire = Handshake.of(HASH, PEER, false, false, false).encode();
        wire[12] = 'X';
        assertEquals("handshake: protocol name differs from \"BitTorrent protocol\" at byte 12",
                assertThrows(WireException.class, () -> Handshake.decode(wire)).getMessage());
        assertEquals("handshake: 67 bytes, expected 68",
                assertThrows(WireException.class, () -> Handshake.decode(Arrays.copyOf(wire, 67))).getMessage());
    }

    @Test
    void decoderRejectsAnHttpRequestOnItsFirstByte() {
        HandshakeDecoder d = new HandshakeDecoder();
        ByteBuffer in = ByteBuffer.wrap("G".getBytes(StandardCharsets.US_ASCII));
        WireException e = assertThrows(WireException.class, () -> d.feed(in));
        assertEquals("handshake: protocol name length 71 at byte 0, expected 19 (\"BitTorrent protocol\")", e.getMessage());
        byte[] valid = Handshake.of(HASH, PEER, false, false, false).encode();
        assertThrows(IllegalStateException.class, () -> d.feed(ByteBuffer.wrap(valid)));
    }

    @Test
    void decoderRejectsAWrongNameByteBeforeTheHandshakeIsComplete() {
        byte[] wire = Handshake.of(HASH, PEER, false, false, false).encode();
        wire[5] = 'x';
        HandshakeDecoder d = new HandshakeDecoder();
        assertFalse(d.feed(ByteBuffer.wrap(wire, 0, 5)));
        WireException e = assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(wire, 5, 1)));
        assertTrue(e.getMessage().endsWith("at byte 5"), e.getMessage());
    }

    @Test
    void decoderYieldsTheInfoHashBeforeThePeerId() {
        // BEP 3: the receiving side may wait for the initiator's info-hash to pick the torrent.
        byte[] wire = Handshake.of(HASH, PEER, true, false, false).encode();
        HandshakeDecoder d = new HandshakeDecoder();
        assertFalse(d.feed(ByteBuffer.wrap(wire, 0, 47)));
        assertFalse(d.hasInfoHash());
        assertThrows(IllegalStateException.class, d::infoHash);
        assertFalse(d.feed(ByteBuffer.wrap(wire, 47, 1)));
        assertTrue(d.hasInfoHash());
        assertEquals(HASH, d.infoHash());
        assertEquals(Handshake.EXTENSION_PROTOCOL, d.reserved());
        assertFalse(d.isComplete());
        assertThrows(IllegalStateException.class, d::handshake);
        assertTrue(d.feed(ByteBuffer.wrap(wire, 48, 20)));
        assertEquals(new Handshake(Handshake.EXTENSION_PROTOCOL, HASH, PEER), d.handshake());
    }

    @Test
    void handshakeThenFramesDecodeAtEverySplitPoint() {
        Handshake h = Handshake.of(HASH, PEER, true, true, false);
        byte[] stream = concat(h.encode(), WireStreams.oneOfEach());
        for (int cut = 0; cut <= stream.length; cut++) {
            Connection c = new Connection();
            c.receive(ByteBuffer.wrap(stream, 0, cut));
            c.receive(ByteBuffer.wrap(stream, cut, stream.length - cut));
            assertEquals(h, c.handshakes.handshake(), "cut at " + cut);
            assertEquals(WireStreams.ONE_OF_EACH_EVENTS, c.recorder.events, "cut at " + cut);
        }
    }

    @Test
    void decoderNeverConsumesPastTheHandshake() {
        byte[] stream = concat(Handshake.of(HASH, PEER, false, false, false).encode(), MessageWriter.choke());
        ByteBuffer in = ByteBuffer.wrap(stream);
        assertTrue(new HandshakeDecoder().feed(in));
        assertEquals(68, in.position());
    }

    /** How a connection wires the two decoders: the handshake first, the rest of the same buffer to frames. */
    private static final class Connection {
        final HandshakeDecoder handshakes = new HandshakeDecoder();
        final Recorder recorder = new Recorder();
        final FrameDecoder frames = new FrameDecoder(recorder);

        void receive(ByteBuffer in) {
            if (!handshakes.isComplete() && !handshakes.feed(in)) {
                assertFalse(in.hasRemaining());
                return;
            }
            frames.feed(in);
        }
    }
}
