package dev.bitquark.wire.mse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MseResponderTest {
    private final Random random = new Random(42);
    private final InfoHash ours = InfoHash.of(bytes(20, 1), 0);
    private final byte[] ourReq2 = MseResponder.req2(ours);
    private final MseResponder responder = new MseResponder(
            req2 -> Arrays.equals(req2, ourReq2) ? ours : null, new SecureRandom());

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** libtorrent's way: no initial payload; the BEP 3 handshake follows in plain text after step 4. */
    @Test
    void selectsPlainTextAndLeavesTheStreamAfterTheHandshake() throws Exception {
        MseInitiator a = new MseInitiator(random);
        byte[] reply = responder.feed(ByteBuffer.wrap(a.step1(300)));
        assertTrue(reply.length >= 96 && reply.length <= 96 + MseResponder.MAX_PAD, "Yb and PadB: " + reply.length);
        assertFalse(responder.isDone());
        byte[] after = "\u0013BitTorrent protocol...".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.wrap(join(a.step3(Arrays.copyOf(reply, 96), ours, 0x03, 17, new byte[0]), after));
        byte[] step4 = responder.feed(in);
        assertTrue(responder.isDone());
        assertEquals(ours, responder.infoHash());
        assertEquals(MseResponder.CRYPTO_PLAINTEXT, a.readStep4(step4));
        assertEquals(0, responder.initialPayload().length);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        assertArrayEquals(after, rest, "the bytes after the handshake are left unread and undecrypted");
    }

    /** Transmission's way: the BEP 3 handshake travels as IA inside step 3; fed one byte at a time. */
    @Test
    void decryptsTheInitialPayloadFedByteByByte() throws Exception {
        MseInitiator a = new MseInitiator(random);
        byte[] step1 = a.step1(0);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        for (byte b : step1) {
            replies.writeBytes(responder.feed(ByteBuffer.wrap(new byte[] {b})));
        }
        byte[] ia = bytes(68, 9);
        byte[] step3 = a.step3(Arrays.copyOf(replies.toByteArray(), 96), ours, 0x01, 512, ia);
        byte[] step4 = new byte[0];
        for (byte b : step3) {
            byte[] r = responder.feed(ByteBuffer.wrap(new byte[] {b}));
            step4 = r.length > 0 ? r : step4;
        }
        assertTrue(responder.isDone());
        assertArrayEquals(ia, responder.initialPayload());
        assertEquals(MseResponder.CRYPTO_PLAINTEXT, a.readStep4(step4));
    }

    private WireException refusedStep3(int provide, int padC, InfoHash asked) throws Exception {
        MseInitiator a = new MseInitiator(random);
        byte[] reply = responder.feed(ByteBuffer.wrap(a.step1(5)));
        byte[] step3 = a.step3(Arrays.copyOf(reply, 96), asked, provide, padC, new byte[0]);
        return assertThrows(WireException.class, () -> responder.feed(ByteBuffer.wrap(step3)));
    }

    @Test
    void refusesAPeerThatOffersOnlyRc4() throws Exception {
        WireException e = refusedStep3(0x02, 0, ours);
        assertTrue(e.getMessage().contains("requires RC4"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> responder.feed(ByteBuffer.wrap(new byte[1])));
    }

    @Test
    void refusesAnUnknownMethod() throws Exception {
        assertTrue(refusedStep3(0x08, 0, ours).getMessage().contains("offers no known method"));
    }

    @Test
    void refusesATorrentThatIsNotHere() throws Exception {
        assertTrue(refusedStep3(0x03, 0, InfoHash.of(bytes(20, 2), 0)).getMessage().contains("not here"));
    }

    @Test
    void refusesPaddingLongerThanTheSpecificationAllows() throws Exception {
        assertTrue(refusedStep3(0x03, 513, ours).getMessage().contains("PadC of 513"));
    }

    @Test
    void givesUpWhenNoSynchronisationHashFollowsWithin512Bytes() {
        MseInitiator a = new MseInitiator(random);
        responder.feed(ByteBuffer.wrap(a.step1(0)));
        ByteBuffer junk = ByteBuffer.wrap(bytes(MseResponder.MAX_PAD + 20, 3));
        WireException e = assertThrows(WireException.class, () -> responder.feed(junk));
        assertTrue(e.getMessage().contains("no synchronisation hash"), e.getMessage());
    }

    /** A key of 1 or P-1 would make the shared secret 1 or ±1, known to anyone on the path. */
    @Test
    void refusesDegenerateDiffieHellmanKeys() {
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, DhKey.P.subtract(BigInteger.ONE), DhKey.P}) {
            MseResponder r = new MseResponder(req2 -> ours, new SecureRandom());
            byte[] key = y.equals(DhKey.P) ? new byte[96] : DhKey.toBytes(y);
            if (y.equals(DhKey.P)) {
                Arrays.fill(key, (byte) 0xFF);
            }
            WireException e = assertThrows(WireException.class, () -> r.feed(ByteBuffer.wrap(key)));
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
    }

    @Test
    void tellsAPlainHandshakeFromAnEncryptedOne() {
        byte[] plain = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
        assertTrue(MseResponder.looksPlain(plain, 20));
        assertTrue(MseResponder.looksPlain(plain, 3));
        byte[] almost = plain.clone();
        almost[19] = 'X';
        assertFalse(MseResponder.looksPlain(almost, 20));
        assertTrue(MseResponder.looksPlain(almost, 19));
    }
}
