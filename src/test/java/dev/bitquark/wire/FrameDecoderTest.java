package dev.bitquark.wire;

import static dev.bitquark.wire.WireStreams.ONE_OF_EACH_EVENTS;
import static dev.bitquark.wire.WireStreams.concat;
import static dev.bitquark.wire.WireStreams.oneOfEach;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameDecoderTest {

    private static List<String> decodeInFeeds(byte[] stream, int... cuts) {
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(r);
        int from = 0;
        for (int cut : cuts) {
            feedAll(d, ByteBuffer.wrap(stream, from, cut - from));
            from = cut;
        }
        feedAll(d, ByteBuffer.wrap(stream, from, stream.length - from));
        assertTrue(d.atFrameBoundary());
        assertEquals(stream.length, d.deliveredBytes());
        return r.events;
    }

    private static void feedAll(FrameDecoder d, ByteBuffer b) {
        d.feed(b);
        assertFalse(b.hasRemaining(), "feed must consume the whole buffer");
    }

    private static WireException rejection(byte[] stream) {
        FrameDecoder d = new FrameDecoder(new Recorder());
        return assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(stream)));
    }

    @Test
    void decodesOneOfEachMessageFromOneFeed() {
        assertEquals(ONE_OF_EACH_EVENTS, decodeInFeeds(oneOfEach()));
    }

    @Test
    void decodesAtEverySplitPointIntoThreeFeeds() {
        byte[] stream = oneOfEach();
        for (int i = 0; i <= stream.length; i++) {
            for (int j = i; j <= stream.length; j++) {
                assertEquals(ONE_OF_EACH_EVENTS, decodeInFeeds(stream, i, j), "cuts at " + i + ", " + j);
            }
        }
    }

    @Test
    void decodesOneByteAtATime() {
        byte[] stream = oneOfEach();
        int[] cuts = new int[stream.length - 1];
        Arrays.setAll(cuts, i -> i + 1);
        assertEquals(ONE_OF_EACH_EVENTS, decodeInFeeds(stream, cuts));
    }

    @Test
    void decodesDirectLittleEndianAndReadOnlyInputTheSame() {
        byte[] stream = oneOfEach();
        List<IntFunction<ByteBuffer>> kinds = List.of(
                n -> ByteBuffer.allocateDirect(n),
                n -> ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN),
                n -> ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN));
        for (IntFunction<ByteBuffer> kind : kinds) {
            for (int step : new int[] {1, 7, stream.length}) {
                Recorder r = new Recorder();
                FrameDecoder d = new FrameDecoder(r);
                for (int from = 0; from < stream.length; from += step) {
                    int n = Math.min(step, stream.length - from);
                    ByteBuffer b = kind.apply(n + 3);
                    b.put(new byte[] {9, 9, 9}).put(stream, from, n).flip().position(3);
                    feedAll(d, step == 7 ? b.asReadOnlyBuffer() : b);
                }
                assertEquals(ONE_OF_EACH_EVENTS, r.events, "step " + step);
            }
        }
    }

    @Test
    void waitsForTheRestOfAnIncompleteFrame() {
        byte[] frame = MessageWriter.request(5, 32768, 16384);
        for (int n = 1; n < frame.length; n++) {
            Recorder r = new Recorder();
            FrameDecoder d = new FrameDecoder(r);
            feedAll(d, ByteBuffer.wrap(frame, 0, n));
            assertEquals(List.of(), r.events, "after " + n + " bytes");
            assertFalse(d.atFrameBoundary());
            assertEquals(0, d.deliveredBytes());
            feedAll(d, ByteBuffer.wrap(frame, n, frame.length - n));
            assertEquals(List.of("request 5 32768 16384"), r.events);
        }
    }

    @Test
    void deliversAKeepAliveForAZeroLengthFrame() {
        assertEquals(List.of("keep_alive", "keep_alive"), decodeInFeeds(new byte[8], 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 2; choke: length 2, expected 1",
        "1; 5; unchoke: length 5, expected 1",
        "2; 2; interested: length 2, expected 1",
        "3; 2; not_interested: length 2, expected 1",
        "4; 6; have: length 6, expected 5",
        "4; 4; have: length 4, expected 5",
        "6; 12; request: length 12, expected 13",
        "6; 14; request: length 14, expected 13",
        "7; 8; piece: length 8, expected 9..16393",
        "8; 17; cancel: length 17, expected 13",
        "9; 5; port: length 5, expected 3",
        "13; 1; suggest: length 1, expected 5",
        "14; 2; have_all: length 2, expected 1",
        "15; 9; have_none: length 9, expected 1",
        "16; 1; reject: length 1, expected 13",
        "17; 6; allowed_fast: length 6, expected 5",
        "20; 1; extended: length 1, expected at least 2",
    })
    void rejectsAWrongLengthFromTheHeaderAlone(int id, int length, String message) {
        // Only the 5 header bytes are fed: the decoder must not wait for a body it will refuse.
        byte[] header = {0, 0, 0, (byte) length, (byte) id};
        WireException e = rejection(header);
        assertEquals(message + " (frame at byte 0)", e.getMessage());
    }

    @Test
    void rejectsA4GiBLengthPrefixAtOnceWithoutAllocating() {
        byte[] stream = new byte[4 + 4096];
        Arrays.fill(stream, (byte) 0xFF);
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(r);
        long before = allocatedBytes();
        WireException e = assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(stream)));
        long allocated = allocatedBytes() - before;
        assertEquals("frame length 4294967295 exceeds limit 1048576 (frame at byte 0)", e.getMessage());
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes");
        assertEquals(List.of(), r.events);
    }

    @Test
    void rejectsAnOversizedPrefixBeforeAnyBodyByteArrives() {
        FrameDecoder d = new FrameDecoder(new Recorder());
        d.feed(ByteBuffer.wrap(new byte[] {0, 0x10, 0}));
        WireException e = assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(new byte[] {1})));
        assertEquals("frame length 1048577 exceeds limit 1048576 (frame at byte 0)", e.getMessage());
    }

    @Test
    void acceptsAFrameExactlyAtTheCapSplitAcrossFeeds() {
        byte[] payload = new byte[FrameDecoder.DEFAULT_MAX_FRAME_LENGTH - 2];
        payload[payload.length - 1] = 42;
        byte[] stream = concat(MessageWriter.extended(3, payload), MessageWriter.have(1));
        Recorder r = new Recorder();
        FrameDecoder d = new FrameDecoder(new CapturingExtended(r));
        for (int from = 0; from < stream.length; from += 65536) {
            feedAll(d, ByteBuffer.wrap(stream, from, Math.min(65536, stream.length - from)));
        }
        assertEquals(List.of("extended 3 " + payload.length + " bytes ending 42", "have 1"), r.events);
    }

    @Test
    void honoursAConfiguredCap() {
        FrameDecoder d = new FrameDecoder(new Recorder(), FrameDecoder.MAX_PIECE_FRAME_LENGTH);
        byte[] bitfield = {0, 0, 0x40, 0x0A, 5};
        WireException e = assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(bitfield)));
        assertEquals("frame length 16394 exceeds limit 16393 (frame at byte 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(new Recorder(), 1000));
    }

    @Test
    void buffersAStraddlingFrameOnlyAsFarAsItsBytesArrived() {
        // A peer announcing 1 MiB and sending 10 bytes must not cost us 1 MiB.
        byte[] start = {0, 0x10, 0, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        FrameDecoder d = new FrameDecoder(new Recorder());
        long before = allocatedBytes();
        d.feed(ByteBuffer.wrap(start));
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void rejectsAPieceFrameLargerThanOneBlock() {
        int tooLong = FrameDecoder.MAX_PIECE_FRAME_LENGTH + 1;
        byte[] header = {0, 0, (byte) (tooLong >>> 8), (byte) tooLong, 7};
        assertEquals("piece: length 16394, expected 9..16393 (frame at byte 0)", rejection(header).getMessage());

        byte[] block = new byte[16384];
        block[0] = 1;
        byte[] ok = MessageWriter.piece(0, 0, ByteBuffer.wrap(block));
        Recorder r = new Recorder();
        new FrameDecoder(r).feed(ByteBuffer.wrap(ok));
        assertEquals(1, r.events.size());
        assertArrayEquals(ok, r.frames.get(0));
    }

    @Test
    void handsOverAWholePieceBlockAsAReadOnlyViewOfTheInput() {
        byte[] frame = MessageWriter.piece(2, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        ByteBuffer[] seen = new ByteBuffer[1];
        new FrameDecoder(new PieceOnly((piece, begin, block) -> {
            assertTrue(block.isReadOnly());
            assertTrue(block.isDirect(), "a view of the direct input, not a heap copy");
            assertEquals(3, block.remaining());
            seen[0] = block;
        })).feed(direct);
        // Writing through the input shows through the view: no copy was made.
        direct.put(MessageWriter.PIECE_HEADER_LENGTH, (byte) 99);
        assertEquals(99, seen[0].get(0));
    }

    @Test
    void assemblesAPieceBlockSplitAcrossFeeds() {
        byte[] block = new byte[16384];
        new java.util.Random(1).nextBytes(block);
        byte[] frame = MessageWriter.piece(9, 16384, ByteBuffer.wrap(block));
        byte[] stream = concat(frame, frame);
        for (int cut : new int[] {3, 13, 100, 16396, frame.length + 5}) {
            Recorder r = new Recorder();
            FrameDecoder d = new FrameDecoder(r);
            feedAll(d, ByteBuffer.wrap(stream, 0, cut));
            feedAll(d, ByteBuffer.wrap(stream, cut, stream.length - cut));
            assertEquals(2, r.frames.size());
            assertArrayEquals(frame, r.frames.get(0));
            assertArrayEquals(frame, r.frames.get(1));
        }
    }

    @Test
    void skipsUnknownMessagesAndGoesOn() {
        byte[] big = new byte[4 + 5000];
        big[2] = (byte) (5000 >>> 8);
        big[3] = (byte) 5000;
        big[4] = (byte) 200;
        byte[] bare = {0, 0, 0, 1, 11};
        byte[] stream = concat(big, bare, MessageWriter.have(3));
        List<String> expected = List.of("unknown 200 5000", "unknown 11 1", "have 3");
        assertEquals(expected, decodeInFeeds(stream));
        assertEquals(expected, decodeInFeeds(stream, 5, 2000, 5004, 5008));
    }

    @Test
    void rejectsIndexesAboveTheSignedIntRange() {
        byte[] have = {0, 0, 0, 5, 4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertEquals("have: piece 4294967295 exceeds 2^31-1 (frame at byte 0)", rejection(have).getMessage());
        byte[] request = MessageWriter.request(0, 0, 16384);
        request[9] = (byte) 0x80;
        assertEquals("request: begin 2147483648 exceeds 2^31-1 (frame at byte 17)",
                rejection(concat(MessageWriter.request(0, 0, 1), request)).getMessage());
    }

    @Test
    void reportsTheStreamOffsetOfTheBadFrame() {
        byte[] stream = concat(MessageWriter.keepAlive(), MessageWriter.have(1), new byte[] {0, 0, 0, 6, 4});
        WireException e = rejection(stream);
        assertEquals(13, e.streamOffset());
        assertEquals("have: length 6, expected 5 (frame at byte 13)", e.getMessage());
    }

    @Test
    void refusesInputAfterAnError() {
        FrameDecoder d = new FrameDecoder(new Recorder());
        assertThrows(WireException.class, () -> d.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0})));
        assertThrows(IllegalStateException.class, () -> d.feed(ByteBuffer.wrap(MessageWriter.choke())));
    }

    @Test
    void stopsDeliveringWhenClosedFromACallback() {
        byte[] stream = concat(MessageWriter.have(1), MessageWriter.have(2), MessageWriter.have(3));
        Recorder r = new Recorder();
        FrameDecoder[] self = new FrameDecoder[1];
        self[0] = new FrameDecoder(new PieceOnly(null) {
            @Override
            public void onHave(int piece) {
                r.onHave(piece);
                self[0].close();
            }
        });
        ByteBuffer in = ByteBuffer.wrap(stream);
        self[0].feed(in);
        assertEquals(List.of("have 1"), r.events);
        assertEquals(MessageWriter.INDEX_FRAME_LENGTH, in.position());
        self[0].feed(in);
        assertEquals(List.of("have 1"), r.events);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Records an extended message by size and last byte, to keep a 1 MiB payload out of the event text. */
    private record CapturingExtended(Recorder r) implements MessageHandler {
        @Override
        public void onExtended(int extendedId, ByteBuffer payload) {
            r.events.add("extended " + extendedId + " " + payload.remaining() + " bytes ending "
                    + payload.get(payload.limit() - 1));
        }

        @Override public void onKeepAlive() { r.onKeepAlive(); }
        @Override public void onChoke() { r.onChoke(); }
        @Override public void onUnchoke() { r.onUnchoke(); }
        @Override public void onInterested() { r.onInterested(); }
        @Override public void onNotInterested() { r.onNotInterested(); }
        @Override public void onHave(int piece) { r.onHave(piece); }
        @Override public void onBitfield(ByteBuffer bits) { r.onBitfield(bits); }
        @Override public void onRequest(int piece, int begin, int length) { r.onRequest(piece, begin, length); }
        @Override public void onPiece(int piece, int begin, ByteBuffer block) { r.onPiece(piece, begin, block); }
        @Override public void onCancel(int piece, int begin, int length) { r.onCancel(piece, begin, length); }
        @Override public void onPort(int port) { r.onPort(port); }
        @Override public void onSuggest(int piece) { r.onSuggest(piece); }
        @Override public void onHaveAll() { r.onHaveAll(); }
        @Override public void onHaveNone() { r.onHaveNone(); }
        @Override public void onReject(int piece, int begin, int length) { r.onReject(piece, begin, length); }
        @Override public void onAllowedFast(int piece) { r.onAllowedFast(piece); }
        @Override public void onUnknown(int id, int length) { r.onUnknown(id, length); }
    }

    interface PieceCallback {
        void accept(int piece, int begin, ByteBuffer block);
    }

    /** Handles piece messages with a callback and fails on anything else. */
    private static class PieceOnly implements MessageHandler {
        private final PieceCallback onPiece;

        PieceOnly(PieceCallback onPiece) {
            this.onPiece = onPiece;
        }

        @Override
        public void onPiece(int piece, int begin, ByteBuffer block) {
            onPiece.accept(piece, begin, block);
        }

        private static void unexpected() {
            fail("unexpected message");
        }

        @Override public void onKeepAlive() { unexpected(); }
        @Override public void onChoke() { unexpected(); }
        @Override public void onUnchoke() { unexpected(); }
        @Override public void onInterested() { unexpected(); }
        @Override public void onNotInterested() { unexpected(); }
        @Override public void onHave(int piece) { unexpected(); }
        @Override public void onBitfield(ByteBuffer bits) { unexpected(); }
        @Override public void onRequest(int piece, int begin, int length) { unexpected(); }
        @Override public void onCancel(int piece, int begin, int length) { unexpected(); }
        @Override public void onPort(int port) { unexpected(); }
        @Override public void onSuggest(int piece) { unexpected(); }
        @Override public void onHaveAll() { unexpected(); }
        @Override public void onHaveNone() { unexpected(); }
        @Override public void onReject(int piece, int begin, int length) { unexpected(); }
        @Override public void onAllowedFast(int piece) { unexpected(); }
        @Override public void onExtended(int extendedId, ByteBuffer payload) { unexpected(); }
        @Override public void onUnknown(int id, int length) { unexpected(); }
    }
}
