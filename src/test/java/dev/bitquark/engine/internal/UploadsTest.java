package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.HAVE_ALL;
import static dev.bitquark.testkit.ScriptedPeer.PIECE;
import static dev.bitquark.testkit.ScriptedPeer.REJECT;
import static dev.bitquark.testkit.ScriptedPeer.UNCHOKE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.InMemoryStorage;
import dev.bitquark.testkit.ScriptedPeer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload side of a seeding torrent, without sockets: a scripted peer asks for blocks and gets
 * the bytes of the storage; requests it may not make are rejected (BEP 6) or end the connection; a
 * full write queue holds blocks back until it drains; choking rejects what was queued.
 */
class UploadsTest {
    static final int PIECE_LENGTH = 32 * 1024;
    final byte[] content = OnContext.payload(5 * PIECE_LENGTH + 1000, 7);
    OnContext on;
    Torrent seed;

    @BeforeEach
    void seed() throws Exception {
        List<InMemoryStorage> made = new CopyOnWriteArrayList<>();
        on = new OnContext(InMemoryStorage.seeded(made, content));
        Metainfo meta = OnContext.torrentOf("up.bin", content, PIECE_LENGTH);
        seed = on.torrent(meta);
        on.waitUntil("the seed is live and complete", () -> seed.state() == TorrentState.LIVE && seed.isFinished());
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** A fast-extension peer that is interested and was unchoked. */
    ScriptedPeer unchokedPeer() throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.connect(seed, peer, true, false);
        on.run(peer::interested);
        on.waitUntil("the peer is unchoked", () -> !peer.received(UNCHOKE).isEmpty());
        return peer;
    }

    @Test
    void aRequestedBlockGoesOutWithTheStoragesBytesAndCounts() throws Exception {
        ScriptedPeer peer = unchokedPeer();
        assertEquals(1, peer.received(HAVE_ALL).size(), "BEP 6: a complete torrent says have-all");
        on.run(() -> peer.request(2, 16384, 16384).request(5, 0, 1000));
        on.waitUntil("two blocks sent", () -> peer.received(PIECE).size() == 2);
        // Reads run on disk workers side by side: the blocks may leave in either order.
        ScriptedPeer.Message block = peer.received(PIECE).stream().filter(m -> m.intAt(0) == 2).findFirst().orElseThrow();
        assertEquals(16384, block.intAt(4));
        assertArrayEquals(Arrays.copyOfRange(content, 2 * PIECE_LENGTH + 16384, 3 * PIECE_LENGTH),
                Arrays.copyOfRange(block.payload(), 8, block.payload().length));
        ScriptedPeer.Message last = peer.received(PIECE).stream().filter(m -> m.intAt(0) == 5).findFirst().orElseThrow();
        assertArrayEquals(Arrays.copyOfRange(content, 5 * PIECE_LENGTH, content.length),
                Arrays.copyOfRange(last.payload(), 8, last.payload().length));
        assertEquals(16384 + 1000, on.call(seed::uploadedTotal));
    }

    @Test
    void aChokedPeersRequestIsRejectedAndAnInvalidOneEndsTheConnection() throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.connect(seed, peer, true, false);
        on.run(() -> peer.request(0, 0, 16384));
        assertEquals(1, on.call(() -> peer.received(REJECT).size()), "BEP 6: choked, so rejected at once");
        assertTrue(peer.received(PIECE).isEmpty());

        on.run(() -> peer.request(6, 0, 16384));
        assertTrue(peer.closed(), "a request past the last piece is a protocol error");
        assertEquals(0, on.call(seed::connectionCount));
    }

    @Test
    void aFullWriteQueueHoldsBlocksBackUntilItDrains() throws Exception {
        ScriptedPeer peer = unchokedPeer();
        on.run(() -> {
            peer.writeQueueFull(true);
            peer.request(1, 0, 16384);
        });
        Thread.sleep(200);
        assertTrue(on.call(() -> peer.received(PIECE).isEmpty()), "nothing is written while the queue is full");
        on.run(() -> peer.writeQueueFull(false));
        on.waitUntil("the block goes out once the queue drains", () -> peer.received(PIECE).size() == 1);
    }

    @Test
    void aCancelledRequestIsNotServed() throws Exception {
        ScriptedPeer peer = unchokedPeer();
        on.run(() -> {
            peer.writeQueueFull(true);
            peer.request(3, 0, 16384).request(3, 16384, 16384).cancel(3, 0, 16384);
            peer.writeQueueFull(false);
        });
        on.waitUntil("the other block is sent", () -> peer.received(PIECE).size() == 1);
        assertEquals(16384, peer.received(PIECE).get(0).intAt(4), "only the block still wanted");
    }
}
