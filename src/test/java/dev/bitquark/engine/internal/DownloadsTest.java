package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.INTERESTED;
import static dev.bitquark.testkit.ScriptedPeer.REQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.ScriptedPeer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The download side of a torrent, without sockets: a scripted seed answers (or refuses) the
 * requests the torrent makes; pieces are verified before they count, a corrupt one is thrown away,
 * a rejected block is asked for again, and a frame beyond any message ends the connection unread.
 */
class DownloadsTest {
    static final int PIECE_LENGTH = 32 * 1024;
    final byte[] content = OnContext.payload(4 * PIECE_LENGTH + 5000, 11);
    OnContext on;
    Metainfo meta;
    Torrent leecher;

    @BeforeEach
    void leecher() throws Exception {
        on = new OnContext();
        meta = OnContext.torrentOf("down.bin", content, PIECE_LENGTH);
        leecher = on.torrent(meta);
        on.waitUntil("the leecher is live", () -> leecher.state() == TorrentState.LIVE);
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    /** A seed that has every piece and unchoked us. */
    ScriptedPeer seed() throws Exception {
        ScriptedPeer peer = new ScriptedPeer();
        on.connect(leecher, peer, true, false);
        on.run(() -> peer.haveAll().unchoke());
        return peer;
    }

    /**
     * Answers the requests after the first {@code done[0]} with the content's bytes, corrupting the first block of the
     * pieces in {@code corrupt} (once each).
     */
    void answer(ScriptedPeer peer, int[] done, Set<Integer> corrupt) {
        var requests = peer.received(REQUEST);
        for (; done[0] < requests.size(); done[0]++) {
            ScriptedPeer.Message r = requests.get(done[0]);
            int piece = r.intAt(0);
            int begin = r.intAt(4);
            int length = r.intAt(8);
            {
                byte[] block = Arrays.copyOfRange(content, piece * PIECE_LENGTH + begin, piece * PIECE_LENGTH + begin + length);
                if (corrupt.remove(piece)) {
                    block[0] ^= 1;
                }
                peer.block(piece, begin, block);
            }
        }
    }

    @Test
    void everyPieceComesFromAScriptedSeedAndIsVerifiedAndStored() throws Exception {
        ScriptedPeer peer = seed();
        assertEquals(1, on.call(() -> peer.received(INTERESTED).size()), "interested in a peer with what we lack");
        int[] done = {0};
        on.waitUntil("the download finishes", () -> {
            answer(peer, done, new HashSet<>());
            return leecher.isFinished();
        });
        assertArrayEquals(content, on.storages.get(0).file(0));
        assertEquals(content.length, on.call(leecher::downloadedTotal));
        assertEquals(meta.geometry().pieceCount(), on.call(() -> leecher.have().cardinality()));
    }

    @Test
    void aCorruptPieceIsNotHadAndIsCountedAsWasted() throws Exception {
        ScriptedPeer peer = seed();
        int[] done = {0};
        Set<Integer> corrupt = new HashSet<>(Set.of(1));
        on.waitUntil("piece 1 fails its hash check", () -> {
            answer(peer, done, corrupt);
            return on.rt.hashFailures() == 1;
        });
        assertFalse(on.call(() -> leecher.have().get(1)), "a piece is had only once verified");
        assertTrue(on.call(() -> leecher.downloads().wastedTotal()) >= PIECE_LENGTH);
    }

    @Test
    void aRejectedBlockIsAskedForAgain() throws Exception {
        ScriptedPeer peer = seed();
        on.waitUntil("requests arrive", () -> !peer.received(REQUEST).isEmpty());
        ScriptedPeer.Message first = peer.received(REQUEST).get(0);
        int before = peer.received(REQUEST).size();
        on.run(() -> peer.reject(first.intAt(0), first.intAt(4), first.intAt(8)));
        on.waitUntil("the block is requested again", () -> peer.received(REQUEST).stream().skip(before)
                .anyMatch(r -> r.intAt(0) == first.intAt(0) && r.intAt(4) == first.intAt(4)));
    }

    @Test
    void aFrameBeyondAnyMessageEndsTheConnectionUnread() throws Exception {
        ScriptedPeer peer = seed();
        on.run(() -> peer.oversizedFrame(64 << 20));
        assertTrue(peer.closed(), "a 64 MiB frame is refused before it is read");
        assertEquals(0, on.call(leecher::connectionCount));
    }
}
