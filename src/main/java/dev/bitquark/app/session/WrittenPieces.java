package dev.bitquark.app.session;

import dev.bitquark.metainfo.InfoHash;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Pieces the engine wrote, handed from the engine context to the store thread, which appends them to the piece
 * journal in batches grouped by torrent (one drain queued at a time, however many pieces arrive meanwhile).
 * Pieces of a torrent no longer in the session are dropped.
 */
final class WrittenPieces {
    private record Written(InfoHash torrent, int piece) {
    }

    private final PieceJournal journal;
    private final Executor storeThread;
    private final Predicate<InfoHash> inSession;
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    WrittenPieces(PieceJournal journal, Executor storeThread, Predicate<InfoHash> inSession) {
        this.journal = journal;
        this.storeThread = storeThread;
        this.inSession = inSession;
    }

    /** Engine context: queues the piece and, unless one is queued already, a drain on the store thread. */
    void add(InfoHash torrent, int piece) {
        written.add(new Written(torrent, piece));
        if (scheduled.compareAndSet(false, true)) {
            storeThread.execute(this::drain);
        }
    }

    /** Store thread: appends the queued pieces, grouped by torrent. */
    private void drain() {
        scheduled.set(false);
        Map<InfoHash, int[]> batch = new HashMap<>();
        Map<InfoHash, Integer> counts = new HashMap<>();
        for (Written w; (w = written.poll()) != null; ) {
            int n = counts.getOrDefault(w.torrent(), 0);
            int[] pieces = batch.computeIfAbsent(w.torrent(), k -> new int[64]);
            if (n == pieces.length) {
                pieces = Arrays.copyOf(pieces, n * 2);
                batch.put(w.torrent(), pieces);
            }
            pieces[n] = w.piece();
            counts.put(w.torrent(), n + 1);
        }
        batch.forEach((h, pieces) -> {
            if (inSession.test(h)) {
                journal.append(h, pieces, counts.get(h));
            }
        });
    }
}
