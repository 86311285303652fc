package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceHasher;
import dev.bitquark.storage.StorageException;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The download side of a torrent: interest, requests and their pipelining, block assembly into
 * piece buffers, and the hash-then-write of complete pieces on a disk worker. A piece becomes "have"
 * only after its SHA-1 matched and its bytes were written (BEP 3; see STATE.md). Runs on the engine
 * context.
 */
final class Downloads {
    private static final Logger LOG = Logger.getLogger(Downloads.class.getName());
    /** Requests we queue from one peer (advertised as our BEP 10 {@code reqq}). */
    static final int MAX_PEER_REQUESTS = 500;
    /** Unrequested blocks a peer may send before we close the connection. */
    private static final long MAX_WASTED_BYTES = 4L << 20;

    private final Torrent t;
    private final TorrentGeometry g;
    private final PieceBufferPool buffers;
    private final Map<Integer, ByteBuffer> pieceData = new HashMap<>();
    private final int[] filePiecesLeft;
    private final List<BlockRequest> scratch = new ArrayList<>();
    /** Disk jobs of this torrent in flight (piece writes, file completion, the finishing flush). */
    private int writesInFlight;
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();

    Downloads(Torrent t) {
        this.t = t;
        this.g = t.geometry;
        this.buffers = new PieceBufferPool(g.pieceLength(), t.options.pieceBufferBytes());
        t.picker.setMaxOpenPieces(buffers.maxBuffers());
        this.filePiecesLeft = new int[t.meta.files().size()];
        for (FileEntry f : t.meta.files()) {
            if (f.length() > 0 && !f.padding()) {
                int first = (int) (f.offset() / g.pieceLength());
                int last = (int) ((f.offset() + f.length() - 1) / g.pieceLength());
                filePiecesLeft[f.index()] = last - first + 1;
            }
        }
    }

    /** Bytes of the selected files (padding excluded). */
    long wantedBytes() {
        long sum = 0;
        for (FileEntry f : t.meta.files()) {
            if (t.selection.isSelected(f.index())) {
                sum += f.length();
            }
        }
        return sum;
    }

    /** Completes once no disk job of this torrent is in flight (before a check, a move or closing). */
    Future<Void> whenDiskIdle() {
        if (writesInFlight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        idleWaiters.add(p);
        return p.future();
    }

    /** Disk jobs of this torrent queued or running on the disk pool. */
    int diskJobsInFlight() {
        return writesInFlight;
    }

    /**
     * Runs a storage job on the disk pool, counted with the writes (a pause, move or check waits for it); a
     * failure stops the torrent with its reason.
     */
    Future<Void> diskJob(String what, StorageJob job) {
        diskJobStarted();
        return t.rt.<Void>onDisk(() -> {
            job.run();
            return null;
        }).onComplete(ar -> {
            diskJobDone();
            if (ar.failed()) {
                Throwable e = ar.cause();
                t.lifecycle.fail(what + " failed: " + (e instanceof StorageException se ? describe(se) : e.getMessage()));
            }
        });
    }

    /** A blocking storage call. */
    interface StorageJob {
        void run() throws StorageException;
    }

    private void diskJobStarted() {
        writesInFlight++;
    }

    private void diskJobDone() {
        if (--writesInFlight == 0 && !idleWaiters.isEmpty()) {
            List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
            waiters.forEach(Promise::tryComplete);
        }
    }

    // ---- interest and requests ------------------------------------------------------------------

    /** Tell a new connection what we have: BEP 6 HAVE ALL/NONE when both sides support it. */
    void sendHaves(PeerConnection c) {
        Bitfield have = t.picker.haveBitfield();
        if (c.fast() && have.isComplete()) {
            c.send(MessageWriter.haveAll());
        } else if (c.fast() && have.isEmpty()) {
            c.send(MessageWriter.haveNone());
        } else if (!have.isEmpty()) {
            c.send(MessageWriter.bitfield(have));
        }
    }

    void onPeerPieces(PeerConnection c, PeerConnection.Message m) {
        switch (m) {
            case HAVE_ALL -> t.picker.peerHasAll(c.key());
            case BITFIELD -> {
                if (c.hasAll()) {
                    t.picker.peerHasAll(c.key());
                } else {
                    t.picker.peerBitfield(c.key(), c.peerPieces());
                }
            }
            case HAVE -> {
                if (c.hasAll()) {
                    t.picker.peerHasAll(c.key());
                } else {
                    t.picker.peerHas(c.key(), c.lastHave());
                }
            }
            default -> {
                // HAVE NONE: nothing to count.
            }
        }
        if (c.hasAll()) {
            t.swarm.book().markSeed(c.address());
            if (t.finished) {
                // Both seeds: neither side can use the other (libtorrent and Transmission drop these too).
                c.close("both sides are seeds");
                return;
            }
        }
        updateInterest(c, m == PeerConnection.Message.HAVE ? c.lastHave() : -1);
        requestMore(c);
    }

    /**
     * File priorities changed: a finished torrent with newly selected files is unfinished again;
     * interest is re-evaluated for every connection (INTERESTED to peers we had told NOT
     * INTERESTED), requests flow, and seeds dropped while we were complete may be dialed again.
     */
    void afterSelectionChanged() {
        if (t.finished && !t.picker.isComplete()) {
            unfinish();
        }
        if (t.state != TorrentState.LIVE) {
            return;
        }
        for (PeerConnection c : new ArrayList<>(t.swarm.connections())) {
            updateInterest(c, -1);
            requestMore(c);
        }
        if (!t.finished && t.picker.isComplete()) {
            onFinished();
        } else if (!t.finished) {
            t.swarm.book().retryNow();
            t.swarm.connectMore();
        }
    }

    /** Wanted pieces are missing again (more files selected, or a recheck found damage). */
    void unfinish() {
        t.finished = false;
        t.completedAtMillis = 0;
        t.newFinishedPromise();
    }

    private void updateInterest(PeerConnection c, int newPiece) {
        boolean interesting = newPiece >= 0 ? c.amInterested() || t.picker.isWanted(newPiece)
                : t.picker.isInteresting(c);
        if (interesting != c.amInterested()) {
            c.setAmInterested(interesting);
            c.send(interesting ? MessageWriter.interested() : MessageWriter.notInterested());
        }
    }

    /** Fills the peer's request pipeline up to its target depth. */
    void requestMore(PeerConnection c) {
        if (t.state != TorrentState.LIVE || !c.amInterested() || c.isClosed()) {
            return;
        }
        if (c.isChokingUs() && c.allowedFast().length == 0) {
            return;
        }
        int reqq = c.extendedHandshake() == null || c.extendedHandshake().requestQueue() <= 0
                ? 250 : c.extendedHandshake().requestQueue();
        int target = c.pipeline.target(c.cachedDownRate, reqq, c.isSnubbed());
        int room = target - c.requests.size();
        // Top up in batches (an eighth of the pipeline) rather than one request per block received:
        // one socket write per batch instead of one per block halves the system time on fast links.
        if (room <= 0 || (room < Math.max(1, target / 8) && c.requests.size() > 0)) {
            return;
        }
        scratch.clear();
        int n = t.picker.pickBlocks(c, room, scratch);
        if (n == 0) {
            return;
        }
        long now = t.rt.now();
        Buffer out = Buffer.buffer(17 * n);
        for (BlockRequest r : scratch) {
            c.requests.sent(r, now);
            out.appendInt(13).appendByte((byte) 6).appendInt(r.piece()).appendInt(r.begin()).appendInt(r.length());
        }
        c.send(out);
    }

    void onChoked(PeerConnection c) {
        // BEP 6: a fast peer rejects each pending request explicitly; a plain BEP 3 choke drops them all.
        if (!c.fast()) {
            scratch.clear();
            c.requests.clear(scratch);
            t.picker.onRequestsLost(c.key());
        }
    }

    void onReject(PeerConnection c, int piece, int begin, int length) {
        if (c.requests.remove(piece, begin, length)) {
            t.picker.onBlockRejected(c.key(), piece, begin / TorrentGeometry.BLOCK_SIZE);
            if (!c.isChokingUs()) {
                requestMore(c);
            }
        }
    }

    // ---- blocks ------------------------------------------------------------------------------------

    void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        int length = data.remaining();
        long now = t.rt.now();
        if (!c.requests.received(piece, begin, length, now)) {
            // Not requested (or cancelled in endgame and already answered): count and drop.
            c.wasted += length;
            t.wastedTotal += length;
            if (c.wasted > MAX_WASTED_BYTES) {
                c.close("too many unrequested blocks");
            }
            return;
        }
        c.lastBlockAt = now;
        c.pipeline.onBlockReceived();
        c.downloadRate.add(length, now);
        t.downRate.add(length, now);
        t.downloadedTotal += length;
        t.limits.onReceived(c, length);
        int block = begin / TorrentGeometry.BLOCK_SIZE;
        BlockResult r = t.picker.onBlockReceived(c.key(), piece, block);
        for (int other : r.cancelPeers()) {
            PeerConnection o = t.swarm.connection(other);
            if (o != null && o.requests.remove(piece, begin, length)) {
                o.send(MessageWriter.cancel(piece, begin, length));
            }
        }
        if (!r.accepted()) {
            t.wastedTotal += length;
        } else {
            ByteBuffer buf = pieceData.get(piece);
            if (buf == null) {
                buf = buffers.tryAcquire();
                if (buf == null) {
                    // The picker's open-piece cap equals the pool size, so this is a bookkeeping bug.
                    throw new IllegalStateException("no piece buffer for an open piece " + piece);
                }
                pieceData.put(piece, buf);
            }
            buf.put(begin, data, data.position(), length);
            if (r.pieceComplete()) {
                pieceData.remove(piece);
                hashAndWrite(piece, buf);
            }
        }
        requestMore(c);
    }

    /** SHA-1 then a positional write, on a disk worker; the result is applied on the engine context. */
    private void hashAndWrite(int piece, ByteBuffer buf) {
        int size = g.pieceSize(piece);
        ByteBuffer view = buf.duplicate().clear().limit(size);
        diskJobStarted();
        t.rt.onDisk(() -> {
            byte[] digest = PieceHasher.sha1(view.duplicate());
            if (!t.meta.pieceHashMatches(piece, digest, 0)) {
                return Boolean.FALSE;
            }
            t.storage.writeBlock(piece, 0, view.duplicate());
            return Boolean.TRUE;
        }).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    t.picker.onPieceFailed(piece);
                    if (t.state == TorrentState.LIVE) {
                        Throwable e = ar.cause();
                        t.lifecycle.fail(e instanceof StorageException se ? describe(se)
                                : "writing piece " + piece + " failed: " + e);
                    }
                } else if (ar.result()) {
                    onPieceGood(piece, view);
                } else {
                    onPieceBad(piece, view);
                }
            } finally {
                buffers.release(buf);
                diskJobDone();
            }
            // A piece closed: if the open-piece cap had stopped the picker, requests can flow again.
            // Without this wake-up a peer with an empty pipeline would wait for the next tick.
            for (PeerConnection c : new ArrayList<>(t.swarm.connections())) {
                requestMore(c);
            }
        });
    }

    /** A storage failure as the user should read it: the cause first, then the details (file, operation). */
    static String describe(StorageException e) {
        String what = switch (e.kind()) {
            case NO_SPACE -> "no space left on device";
            case PERMISSION_DENIED -> "permission denied";
            case READ_ONLY -> "read-only file or file system";
            case MISSING_FILE -> "file missing";
            case SHORT_FILE -> "file shorter than expected";
            case PATH_CONFLICT -> "path conflict";
            case PATH_ESCAPE, SYMLINK -> "unsafe path";
            case CLOSED -> "storage closed";
            case IO -> "input/output error";
        };
        return what + ": " + e.detail();
    }

    private void onPieceGood(int piece, ByteBuffer data) {
        t.picker.onPieceVerified(piece);
        int blocks = g.blocksInPiece(piece);
        for (int b = 0; b < blocks; b++) {
            t.picker.onBlockWritten(piece, b);
        }
        Set<String> guilty = t.smartBan.onPiecePassed(piece, data.duplicate().clear().limit(g.pieceSize(piece)));
        t.ban(guilty);
        pieceHad(piece, true);
        t.notifier.pieceWritten(piece);
    }

    private void onPieceBad(int piece, ByteBuffer data) {
        int[] senders = t.picker.blockSenders(piece);
        List<String> keys = new ArrayList<>(senders.length);
        Set<Integer> contributors = new HashSet<>();
        for (int s : senders) {
            keys.add(t.swarm.banKeyOf(s));
            contributors.add(s);
        }
        t.picker.onPieceFailed(piece);
        t.wastedTotal += g.pieceSize(piece);
        t.rt.pieceHashFailed();
        for (int k : contributors) {
            PeerConnection c = t.swarm.connection(k);
            if (c != null) {
                c.hashFailures++;
            }
        }
        LOG.fine(() -> t.meta.name() + ": piece " + piece + " failed its hash check");
        Set<String> guilty = t.smartBan.onPieceFailed(piece, keys, data.duplicate().clear().limit(g.pieceSize(piece)));
        t.ban(guilty);
    }

    /**
     * A piece is verified and on disk (written now, or found by a check): announce it, remember it
     * for the next durable flush, mark complete files, notice completion.
     */
    void pieceHad(int piece, boolean announce) {
        t.durable.pieceHad(piece);
        t.streams.pieceHad(piece);
        if (announce) {
            byte[] have = MessageWriter.have(piece);
            for (PeerConnection c : new ArrayList<>(t.swarm.connections())) {
                c.send(have);
                if (c.amInterested() && !t.picker.isInteresting(c)) {
                    c.setAmInterested(false);
                    c.send(MessageWriter.notInterested());
                }
            }
        }
        for (int f : t.storage.filesOfPiece(piece)) {
            if (--filePiecesLeft[f] == 0) {
                int file = f;
                diskJobStarted();
                t.rt.onDisk(() -> {
                    t.storage.setFileComplete(file);
                    return null;
                }).onComplete(ar -> diskJobDone());
            }
        }
        if (announce && t.picker.isComplete()) {
            onFinished();
        }
    }

    /** A had piece was found damaged by a recheck: its files are incomplete (writable) again. */
    void pieceLost(int piece) {
        for (int f : t.storage.filesOfPiece(piece)) {
            if (filePiecesLeft[f]++ == 0) {
                // A flag flip, not I/O; done here so it precedes any later write. No setFileComplete job
                // is in flight: a recheck starts only when the torrent's disk jobs are done.
                t.storage.setFileIncomplete(f);
            }
        }
    }

    /**
     * Every wanted piece is had: create the empty files, flush (the had pieces become durable),
     * tell the trackers, and drop peers that cannot use us (seeds stay in the peer book).
     */
    void onFinished() {
        if (t.finished) {
            return;
        }
        t.finished = true;
        buffers.trim();
        diskJobStarted();
        t.rt.onDisk(() -> {
            t.storage.createEmptyFiles();
            return null;
        }).compose(v -> t.durable.flush()).onComplete(ar -> {
            diskJobDone();
            if (!t.finished) {
                return; // unfinished again meanwhile (more files selected)
            }
            if (ar.failed() || !ar.result()) {
                t.lifecycle.fail("finishing the download failed: " + (ar.failed() && ar.cause() instanceof StorageException se
                        ? describe(se) : "could not flush the files"));
                return;
            }
            // Completed before (restored from resume data): no second completion event or BEP 3 `completed`.
            boolean firstTime = t.completedAtMillis == 0;
            if (firstTime) {
                LOG.info(() -> t.meta.name() + ": download finished and flushed");
                t.completedAtMillis = System.currentTimeMillis();
                if (t.announcer() != null) {
                    t.announcer().completed();
                }
            }
            t.markFinished(firstTime);
        });
        for (PeerConnection c : new ArrayList<>(t.swarm.connections())) {
            if (c.hasAll()) {
                c.close("both sides are seeds");
            }
        }
    }

    // ---- housekeeping -------------------------------------------------------------------------------

    private static final boolean TRACE = Boolean.getBoolean("bitquark.trace.downloads");

    void tick(long now) {
        if (TRACE) {
            for (PeerConnection c : t.swarm.connections()) {
                System.err.printf("trace %s: outstanding=%d open=%d writes=%d buffers=%d choking=%s interested=%s "
                                + "rate=%d endgame=%s%n", c, c.requests.size(), t.picker.openPieceCount(), writesInFlight,
                        buffers.outstanding(), c.isChokingUs(), c.amInterested(), c.cachedDownRate, t.picker.isEndgame());
            }
        }
        List<BlockRequest> expired = new ArrayList<>();
        for (PeerConnection c : new ArrayList<>(t.swarm.connections())) {
            c.onSecond();
            if (c.isClosed()) {
                continue;
            }
            boolean snubbed = c.requests.isSnubbed(now);
            if (snubbed && !c.snubbed) {
                c.pipeline.onSnubbed();
            }
            c.snubbed = snubbed;
            c.pipeline.onRateSample(c.cachedDownRate);
            expired.clear();
            if (c.requests.expire(now, expired) > 0) {
                for (BlockRequest r : expired) {
                    t.picker.onBlockRejected(c.key(), r.piece(), r.block());
                }
            }
            requestMore(c);
        }
    }

    void onPeerGone(PeerConnection c) {
        scratch.clear();
        c.requests.clear(scratch);
        t.picker.peerLost(c);
        // Its blocks go back to the pool: let the others take them.
        for (PeerConnection o : new ArrayList<>(t.swarm.connections())) {
            requestMore(o);
        }
    }

    /** Drops partial pieces (pause, error): they are downloaded again later. */
    void releaseAll() {
        for (Map.Entry<Integer, ByteBuffer> e : pieceData.entrySet()) {
            t.picker.onPieceFailed(e.getKey());
            buffers.release(e.getValue());
        }
        pieceData.clear();
        buffers.trim();
    }

    int writesInFlight() {
        return writesInFlight;
    }

    int openPieceBuffers() {
        return pieceData.size();
    }
}
