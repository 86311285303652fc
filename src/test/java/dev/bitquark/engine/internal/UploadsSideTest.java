package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.PIECE;
import static dev.bitquark.testkit.ScriptedPeer.UNCHOKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.testkit.InMemoryStorage;
import dev.bitquark.testkit.ScriptedPeer;
import dev.bitquark.wire.Handshake;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Uploads} against its seam alone ({@link Uploads.Side}), no torrent and no socket: it unchokes only while
 * its side says live, pays every block through the side's limit, counts what went out, and reports a read
 * failure to the side instead of touching the torrent.
 */
class UploadsSideTest {
    static final int PIECE_LENGTH = 16 * 1024;
    final byte[] content = OnContext.payload(4 * PIECE_LENGTH, 31);
    final List<String> failures = new CopyOnWriteArrayList<>();
    final Map<Integer, PeerConnection> connections = new HashMap<>();
    OnContext on;
    Metainfo meta;
    Uploads uploads;
    boolean live = true;
    int paidFor;

    final class FakeSide implements Uploads.Side {
        final PieceStorage storage;

        FakeSide(PieceStorage storage) {
            this.storage = storage;
        }

        @Override
        public boolean live() {
            return live;
        }

        @Override
        public boolean complete() {
            return true;
        }

        @Override
        public boolean hasPiece(int piece) {
            return true;
        }

        @Override
        public boolean validRequest(int piece, int begin, int length) {
            return meta.geometry().isValidRequest(piece, begin, length);
        }

        @Override
        public Collection<PeerConnection> connections() {
            return connections.values();
        }

        @Override
        public PeerConnection connection(int key) {
            return connections.get(key);
        }

        @Override
        public PieceStorage storage() {
            return storage;
        }

        @Override
        public boolean mayUpload(PeerConnection c, int bytes, Runnable retry) {
            paidFor += bytes;
            return true;
        }

        @Override
        public void failed(String reason) {
            failures.add(reason);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        on = new OnContext();
        meta = OnContext.torrentOf("side.bin", content, PIECE_LENGTH);
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** Uploads over {@code storage} and one connected, interested peer that speaks the fast extension. */
    ScriptedPeer start(PieceStorage.Factory storage) throws Exception {
        PieceStorage s = storage.create(OnContext.DIR, FileNames.layoutOf(meta), 4, null, "side");
        uploads = new Uploads(new FakeSide(s), on.rt, new Choker(Choker.Config.defaults(), new Random(1)));
        ScriptedPeer peer = new ScriptedPeer();
        on.run(() -> {
            PeerConnection c = new PeerConnection(1, peer.socket(), new InetSocketAddress("192.0.2.5", 6881), false,
                    new Forward(), Handshake.of(meta.infoHash(), PeerId.random(), false, true, false),
                    meta.geometry().pieceCount(), on.rt.now(), new OutstandingRequests());
            c.start(null, null);
            peer.handshake(meta.infoHash(), true, false).haveNone();
            peer.interested();
        });
        return peer;
    }

    @Test
    void nothingIsUnchokedUntilTheSideIsLiveThenBlocksArePaidForAndCounted() throws Exception {
        live = false;
        ScriptedPeer peer = start(InMemoryStorage.seeded(new ArrayList<>(), content));
        on.run(() -> uploads.tick(on.rt.now() + 20_000));
        assertTrue(peer.received(UNCHOKE).isEmpty(), "not live: no choking round");
        live = true;
        on.run(() -> uploads.tick(on.rt.now() + 40_000));
        assertEquals(1, peer.received(UNCHOKE).size());
        on.run(() -> peer.request(1, 0, PIECE_LENGTH).request(3, 100, 1000));
        on.waitUntil("both blocks sent", () -> peer.received(PIECE).size() == 2);
        assertEquals(PIECE_LENGTH + 1000, paidFor);
        assertEquals(PIECE_LENGTH + 1000, on.call(uploads::uploadedTotal));
    }

    @Test
    void aReadFailureIsReportedToTheSide() throws Exception {
        ScriptedPeer peer = start(InMemoryStorage.factory(new ArrayList<>())); // nothing stored: reads fail
        on.run(() -> uploads.tick(on.rt.now() + 20_000));
        on.run(() -> peer.request(2, 0, PIECE_LENGTH));
        on.waitUntil("the failure reached the side", () -> !failures.isEmpty());
        assertTrue(failures.get(0).startsWith("reading piece 2 for upload failed"), failures.get(0));
        assertTrue(peer.received(PIECE).isEmpty());
    }

    /** The connection's events, as a torrent routes them: only what the upload side handles. */
    final class Forward implements PeerConnection.Events {
        @Override
        public boolean onHandshake(PeerConnection c, Handshake theirs) {
            connections.put(c.key(), c);
            return true;
        }

        @Override
        public void onMessage(PeerConnection c, PeerConnection.Message m) {
            if (m == PeerConnection.Message.INTERESTED) {
                uploads.onInterested(c);
            }
        }

        @Override
        public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        }

        @Override
        public void onRequest(PeerConnection c, int piece, int begin, int length) {
            uploads.onRequest(c, piece, begin, length);
        }

        @Override
        public void onCancel(PeerConnection c, int piece, int begin, int length) {
            uploads.onCancel(c, piece, begin, length);
        }

        @Override
        public void onReject(PeerConnection c, int piece, int begin, int length) {
        }

        @Override
        public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        }

        @Override
        public void onClosed(PeerConnection c, String reason) {
            connections.remove(c.key());
            uploads.onPeerGone(c);
        }
    }
}
