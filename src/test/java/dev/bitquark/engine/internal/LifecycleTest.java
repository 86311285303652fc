package dev.bitquark.engine.internal;

import static dev.bitquark.testkit.ScriptedPeer.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.EngineListener;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.InMemoryStorage;
import dev.bitquark.testkit.ScriptedPeer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A torrent's lifecycle without sockets ({@code engine/STATE.md}): a check before it goes live, pause
 * closing connections and resume going live again without a check, a recheck finding a damaged
 * piece, and a storage failure moving it to ERROR with the reason, from which resume retries.
 */
class LifecycleTest {
    static final int PIECE_LENGTH = 16 * 1024;
    final byte[] content = OnContext.payload(6 * PIECE_LENGTH, 21);
    final List<InMemoryStorage> made = new CopyOnWriteArrayList<>();
    final List<String> states = new CopyOnWriteArrayList<>();
    OnContext on;

    Torrent start(OnContext context) throws Exception {
        on = context;
        on.rt.setListener(new EngineListener() {
            @Override
            public void stateChanged(InfoHash torrent, TorrentState state, String error) {
                states.add(state + (error == null ? "" : ": " + error));
            }
        });
        Metainfo meta = OnContext.torrentOf("life.bin", content, PIECE_LENGTH);
        return on.torrent(meta);
    }

    @AfterEach
    void close() throws Exception {
        on.close();
    }

    @Test
    void aCompleteTorrentIsCheckedThenLiveAndPauseAndResumeSkipTheCheck() throws Exception {
        Torrent t = start(new OnContext(InMemoryStorage.seeded(made, content)));
        on.waitUntil("live", () -> t.state() == TorrentState.LIVE);
        assertEquals(List.of("CHECKING", "LIVE"), states);
        assertTrue(on.call(t::isFinished), "every piece found by the check");

        ScriptedPeer peer = new ScriptedPeer();
        on.connect(t, peer, true, false);
        assertEquals(1, on.call(t::connectionCount));
        on.call(t::pause);
        on.waitUntil("paused", () -> t.state() == TorrentState.PAUSED);
        assertTrue(peer.closed(), "pausing closes the connections");
        assertEquals(0, on.call(t::connectionCount));

        on.call(() -> t.resume(false));
        on.waitUntil("live again", () -> t.state() == TorrentState.LIVE);
        assertEquals(List.of("CHECKING", "LIVE", "PAUSED", "LIVE"), states, "no check: the pieces are known");
    }

    @Test
    void aRecheckFindsAPieceDamagedOnDisk() throws Exception {
        Torrent t = start(new OnContext(InMemoryStorage.seeded(made, content)));
        on.waitUntil("live and complete", () -> t.state() == TorrentState.LIVE && t.isFinished());
        made.get(0).corrupt(0, 2 * PIECE_LENGTH + 100);
        on.call(t::recheck);
        on.waitUntil("the recheck ends", () -> t.state() == TorrentState.LIVE && t.lifecycle().checkedFraction == 1.0
                && !t.have().get(2));
        assertFalse(on.call(t::isFinished), "piece 2 is wanted again");
        assertEquals(5, on.call(() -> t.have().cardinality()));
        assertEquals(List.of("CHECKING", "LIVE", "CHECKING", "LIVE"), states);
    }

    @Test
    void aStorageFailureStopsTheTorrentWithTheReasonAndResumeRetries() throws Exception {
        Torrent t = start(new OnContext(InMemoryStorage.faulty(0, made)));
        on.waitUntil("live", () -> t.state() == TorrentState.LIVE);
        ScriptedPeer peer = new ScriptedPeer();
        on.connect(t, peer, true, false);
        on.run(() -> peer.haveAll().unchoke());
        on.waitUntil("a request", () -> !peer.received(REQUEST).isEmpty());
        on.run(() -> {
            for (ScriptedPeer.Message r : peer.received(REQUEST)) {
                int from = r.intAt(0) * PIECE_LENGTH + r.intAt(4);
                peer.block(r.intAt(0), r.intAt(4), Arrays.copyOfRange(content, from, from + r.intAt(8)));
            }
        });
        on.waitUntil("the torrent stops with an error", () -> t.state() == TorrentState.ERROR);
        assertTrue(states.get(states.size() - 1).contains("no space"), states.toString());
        assertTrue(peer.closed(), "an error closes the connections");

        on.call(() -> t.resume(false));
        on.waitUntil("resume retries: checking, then live", () -> t.state() == TorrentState.LIVE);
        assertEquals("LIVE", states.get(states.size() - 1));
    }
}
