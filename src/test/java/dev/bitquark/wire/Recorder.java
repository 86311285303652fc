package dev.bitquark.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test handler: records every message as readable text and as its re-encoding with
 * {@link MessageWriter} (null for unknown messages, which the decoder skips). Checks the buffer
 * contract of {@link MessageHandler} on every call.
 */
final class Recorder implements MessageHandler {
    private static final HexFormat HEX = HexFormat.of();

    final List<String> events = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();

    private void add(String event, byte[] frame) {
        events.add(event);
        frames.add(frame);
    }

    private static String hex(ByteBuffer b) {
        assertTrue(b.isReadOnly(), "data handed to the handler must be read-only");
        assertEquals(0, b.position());
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return HEX.formatHex(copy);
    }

    @Override
    public void onKeepAlive() {
        add("keep_alive", MessageWriter.keepAlive());
    }

    @Override
    public void onChoke() {
        add("choke", MessageWriter.choke());
    }

    @Override
    public void onUnchoke() {
        add("unchoke", MessageWriter.unchoke());
    }

    @Override
    public void onInterested() {
        add("interested", MessageWriter.interested());
    }

    @Override
    public void onNotInterested() {
        add("not_interested", MessageWriter.notInterested());
    }

    @Override
    public void onHave(int piece) {
        add("have " + piece, MessageWriter.have(piece));
    }

    @Override
    public void onBitfield(ByteBuffer bits) {
        String h = hex(bits);
        byte[] frame = new byte[5 + bits.remaining()];
        MessageWriter.writeBitfield(ByteBuffer.wrap(frame), bits);
        add("bitfield " + h, frame);
    }

    @Override
    public void onRequest(int piece, int begin, int length) {
        add("request " + piece + " " + begin + " " + length, MessageWriter.request(piece, begin, length));
    }

    @Override
    public void onPiece(int piece, int begin, ByteBuffer block) {
        add("piece " + piece + " " + begin + " " + hex(block), MessageWriter.piece(piece, begin, block));
    }

    @Override
    public void onCancel(int piece, int begin, int length) {
        add("cancel " + piece + " " + begin + " " + length, MessageWriter.cancel(piece, begin, length));
    }

    @Override
    public void onPort(int port) {
        add("port " + port, MessageWriter.port(port));
    }

    @Override
    public void onSuggest(int piece) {
        add("suggest " + piece, MessageWriter.suggest(piece));
    }

    @Override
    public void onHaveAll() {
        add("have_all", MessageWriter.haveAll());
    }

    @Override
    public void onHaveNone() {
        add("have_none", MessageWriter.haveNone());
    }

    @Override
    public void onReject(int piece, int begin, int length) {
        add("reject " + piece + " " + begin + " " + length, MessageWriter.reject(piece, begin, length));
    }

    @Override
    public void onAllowedFast(int piece) {
        add("allowed_fast " + piece, MessageWriter.allowedFast(piece));
    }

    @Override
    public void onExtended(int extendedId, ByteBuffer payload) {
        add("extended " + extendedId + " " + hex(payload), MessageWriter.extended(extendedId, payload));
    }

    @Override
    public void onUnknown(int id, int length) {
        add("unknown " + id + " " + length, null);
    }
}
