package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.REQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.testkit.InMemoryStorage;
import dev.bitquark.testkit.ScriptedPeer;
import dev.bitquark.wire.Handshake;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Downloads} against its seam alone ({@link Downloads.Side}), no torrent and no socket: requests
 * wait until the side is live, every verified piece is reported to the side (had, written) and
 * counted, completion is reported once (not as a first completion when the download had completed in
 * an earlier run), and a write failure reaches the side as the reason to stop.
 */
class DownloadsSideTest {
    static final int PIECE_LENGTH = 16 * 1024;
    final byte[] content = OnContext.payload(5 * PIECE_LENGTH + 300, 41);
    final List<Integer> had = new CopyOnWriteArrayList<>();
    final List<Integer> written = new CopyOnWriteArrayList<>();
    final List<Boolean> finishes = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    OnContext on;
    Metainfo meta;
    PiecePicker picker;
    Swarm swarm;
    Downloads downloads;
    List<InMemoryStorage> made;
    boolean live;
    int run;
    boolean runEndsDuringEachWrite;

    final class FakeSide implements Downloads.Side {
        @Override
        public boolean live() {
            return live;
        }

        @Override
        public int run() {
            // With runEndsDuringEachWrite, every look is a new run: a write's outcome comes in a later run.
            return runEndsDuringEachWrite ? run++ : run;
        }

        @Override
        public boolean isSelected(int index) {
            return true;
        }

        @Override
        public void received(PeerConnection c, int bytes) {
        }

        @Override
        public void pieceHad(int piece) {
            had.add(piece);
        }

        @Override
        public void pieceWritten(int piece) {
            written.add(piece);
        }

        @Override
        public Future<Boolean> flush() {
            return Future.succeededFuture(true);
        }

        @Override
        public void ban(Set<String> keys) {
        }

        @Override
        public void fail(String reason) {
            failures.add(reason);
        }

        @Override
        public void finished(boolean firstTime) {
            finishes.add(firstTime);
        }

        @Override
        public void unfinished() {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        on = new OnContext();
        meta = OnContext.torrentOf("side-down.bin", content, PIECE_LENGTH);
        made = new ArrayList<>();
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** Downloads into {@code storage} with one connected seed that unchoked us. */
    ScriptedPeer start(PieceStorage.Factory storage, long completedBefore) throws Exception {
        PieceStorage s = storage.create(OnContext.DIR, FileNames.layoutOf(meta), 4, null, "side");
        ScriptedPeer peer = new ScriptedPeer();
        on.run(() -> {
            picker = new PiecePicker(meta.geometry(), new Random(3));
            swarm = new Swarm(on.rt, meta.infoHash(), 100, List.of());
            downloads = new Downloads(on.rt, meta, picker, s, swarm, 8 << 20, new FakeSide());
            downloads.restore(0, completedBefore);
            PeerConnection c = new PeerConnection(1, peer.socket(), new InetSocketAddress("192.0.2.9", 6881), true,
                    new Forward(), Handshake.of(meta.infoHash(), PeerId.random(), false, true, false),
                    meta.geometry().pieceCount(), on.rt.now(), new OutstandingRequests());
            c.start(null, null);
            peer.handshake(meta.infoHash(), true, false).haveAll().unchoke();
        });
        return peer;
    }

    /** Answers the requests after the first {@code done[0]} with the content's bytes. */
    void answer(ScriptedPeer peer, int[] done) {
        var requests = peer.received(REQUEST);
        for (; done[0] < requests.size(); done[0]++) {
            ScriptedPeer.Message r = requests.get(done[0]);
            int from = r.intAt(0) * PIECE_LENGTH + r.intAt(4);
            peer.block(r.intAt(0), r.intAt(4), Arrays.copyOfRange(content, from, from + r.intAt(8)));
        }
    }

    @Test
    void requestsWaitUntilTheSideIsLiveThenEveryPieceIsReportedAndCompletionOnce() throws Exception {
        ScriptedPeer peer = start(InMemoryStorage.factory(made), 0);
        assertTrue(on.call(() -> peer.received(REQUEST).isEmpty()), "not live: no requests");
        live = true;
        on.run(() -> downloads.requestMore(swarm.connection(1)));
        int[] done = {0};
        on.waitUntil("complete", () -> {
            answer(peer, done);
            return downloads.isFinished() && !finishes.isEmpty();
        });
        assertArrayEquals(content, made.get(0).file(0));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), had.stream().sorted().toList());
        assertEquals(had.stream().sorted().toList(), written.stream().sorted().toList());
        assertEquals(List.of(true), finishes, "completion reported once, as the first");
        assertEquals(content.length, on.call(downloads::downloadedTotal));
        assertTrue(on.call(downloads::completedAtMillis) > 0);
    }

    @Test
    void aDownloadCompletedInAnEarlierRunIsNotReportedAsAFirstCompletion() throws Exception {
        live = true;
        ScriptedPeer peer = start(InMemoryStorage.factory(made), 1_700_000_000_000L);
        int[] done = {0};
        on.waitUntil("complete", () -> {
            answer(peer, done);
            return !finishes.isEmpty();
        });
        assertEquals(List.of(false), finishes);
        assertEquals(1_700_000_000_000L, on.call(downloads::completedAtMillis), "the first completion time stays");
    }

    @Test
    void aWriteFailureReachesTheSideAsTheReasonToStop() throws Exception {
        live = true;
        ScriptedPeer peer = start(InMemoryStorage.faulty(0, made), 0);
        int[] done = {0};
        on.waitUntil("the failure reached the side", () -> {
            answer(peer, done);
            return !failures.isEmpty();
        });
        assertTrue(failures.get(0).startsWith("no space left on device"), failures.get(0));
        assertTrue(had.isEmpty(), "nothing is had that was not written");
    }

    /**
     * A write that fails after the torrent left the run it started in (it was paused, or failed and was
     * resumed) does not stop the torrent again: that run is over, and a new write will tell.
     */
    @Test
    void aWriteFailingAfterItsRunEndedDoesNotStopTheTorrentAgain() throws Exception {
        live = true;
        runEndsDuringEachWrite = true;
        ScriptedPeer peer = start(InMemoryStorage.faulty(0, made), 0);
        int[] done = {0};
        on.waitUntil("writes were tried", () -> {
            answer(peer, done);
            return run >= 4;
        });
        on.call(() -> null); // the outcomes of the writes seen so far are in
        assertEquals(List.of(), failures, "no failure reported from an ended run");
        assertTrue(had.isEmpty(), "nothing is had that was not written");
    }

    /** The connection's events, as a torrent routes them: only what the download side handles. */
    final class Forward implements PeerConnection.Events {
        @Override
        public boolean onHandshake(PeerConnection c, Handshake theirs) {
            return swarm.join(c, theirs);
        }

        @Override
        public void onMessage(PeerConnection c, PeerConnection.Message m) {
            switch (m) {
                case BITFIELD, HAVE_ALL, HAVE, HAVE_NONE -> downloads.onPeerPieces(c, m);
                case UNCHOKE, ALLOWED_FAST -> downloads.requestMore(c);
                case CHOKE -> downloads.onChoked(c);
                default -> {
                }
            }
        }

        @Override
        public void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
            downloads.onBlock(c, piece, begin, data);
        }

        @Override
        public void onRequest(PeerConnection c, int piece, int begin, int length) {
        }

        @Override
        public void onCancel(PeerConnection c, int piece, int begin, int length) {
        }

        @Override
        public void onReject(PeerConnection c, int piece, int begin, int length) {
            downloads.onReject(c, piece, begin, length);
        }

        @Override
        public void onExtended(PeerConnection c, int extendedId, ByteBuffer payload) {
        }

        @Override
        public void onClosed(PeerConnection c, String reason) {
            if (swarm.left(c)) {
                downloads.onPeerGone(c);
            }
        }
    }
}
