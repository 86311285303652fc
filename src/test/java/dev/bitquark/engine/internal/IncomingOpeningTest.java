package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.wire.Handshake;
import dev.bitquark.wire.WireException;
import dev.bitquark.wire.mse.MseInitiator;
import dev.bitquark.wire.mse.MseResponder;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IncomingOpeningTest {
    private final InfoHash ours = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private final InfoHash other = InfoHash.fromHex("76543210fedcba9876543210fedcba9876543210");
    private final IncomingOpening opening = new IncomingOpening(
            req2 -> Arrays.equals(req2, MseResponder.req2(ours)) ? ours
                    : Arrays.equals(req2, MseResponder.req2(other)) ? other : null,
            new SecureRandom());

    private static byte[] handshake(InfoHash ih) {
        return Handshake.of(ih, PeerId.random(), true, true, false).encode();
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void readsAPlainHandshakeSplitAcrossReads() {
        byte[] hs = handshake(ours);
        assertEquals(0, opening.feed(ByteBuffer.wrap(hs, 0, 7)).length);
        assertFalse(opening.hasInfoHash());
        byte[] rest = {0, 0, 0, 0};
        opening.feed(ByteBuffer.wrap(join(Arrays.copyOfRange(hs, 7, 68), rest)));
        assertTrue(opening.hasInfoHash());
        assertFalse(opening.encrypted());
        assertEquals(ours, opening.infoHash());
        assertTrue(opening.decoder().isComplete());
        assertEquals(4, opening.rest().remaining());
    }

    /** Transmission sends its BEP 3 handshake inside MSE's step 3; what follows it is left for the connection. */
    @Test
    void readsTheHandshakeCarriedInsideMse() throws Exception {
        MseInitiator a = new MseInitiator(new Random(1));
        byte[] yb = opening.feed(ByteBuffer.wrap(a.step1(40)));
        assertFalse(opening.hasInfoHash());
        byte[] ia = join(handshake(ours), new byte[] {0, 0, 0, 1, 2});
        byte[] step4 = opening.feed(ByteBuffer.wrap(a.step3(Arrays.copyOf(yb, 96), ours, 3, 0, ia)));
        assertEquals(1, a.readStep4(step4));
        assertTrue(opening.encrypted());
        assertTrue(opening.hasInfoHash());
        assertEquals(ours, opening.infoHash());
        byte[] rest = new byte[opening.rest().remaining()];
        opening.rest().get(rest);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, rest);
    }

    /** libtorrent's way: an empty IA, then the BEP 3 handshake in a later read. */
    @Test
    void readsThePlainHandshakeAfterMse() throws Exception {
        MseInitiator a = new MseInitiator(new Random(2));
        byte[] yb = opening.feed(ByteBuffer.wrap(a.step1(0)));
        opening.feed(ByteBuffer.wrap(a.step3(Arrays.copyOf(yb, 96), ours, 3, 100, new byte[0])));
        assertFalse(opening.hasInfoHash());
        assertNull(opening.rest());
        assertEquals(0, opening.feed(ByteBuffer.wrap(handshake(ours), 0, 50)).length);
        assertTrue(opening.hasInfoHash());
        assertEquals(ours, opening.infoHash());
    }

    @Test
    void refusesAHandshakeForAnotherTorrentThanTheEncryptedOne() throws Exception {
        MseInitiator a = new MseInitiator(new Random(3));
        byte[] yb = opening.feed(ByteBuffer.wrap(a.step1(0)));
        byte[] step3 = a.step3(Arrays.copyOf(yb, 96), ours, 3, 0, handshake(other));
        WireException e = assertThrows(WireException.class, () -> opening.feed(ByteBuffer.wrap(step3)));
        assertTrue(e.getMessage().contains("another torrent"), e.getMessage());
    }

    @Test
    void refusesAStreamThatIsNeither() {
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] junk = join(http, new byte[700]);
        assertThrows(WireException.class, () -> opening.feed(ByteBuffer.wrap(junk)));
    }
}
