package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceHasher;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.storage.StorageException;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.Future;
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

    /**
     * What the download side needs from its torrent beyond its own collaborators, and all it may
     * change there: Transmission's wishlist mediator. {@link TorrentSides#downloads} is the torrent's;
     * tests may give their own.
     */
    interface Side {
        /** Live: requests may go out (not while checking, paused or failed). */
        boolean live();

        /** The current run of the torrent (see {@code Lifecycle.epoch}): a new one after every pause, error or resume. */
        int run();

        /** Whether file {@code index} is selected (not skipped). */
        boolean isSelected(int index);

        /** Transfer limits: {@code bytes} were received on {@code c} (download throttling). */
        void received(PeerConnection c, int bytes);

        /** A piece is had (verified and written): the durable set and the streams learn it. */
        void pieceHad(int piece);

        /** A piece was written after its hash check (the listener hears it). */
        void pieceWritten(int piece);

        /** Forces the had pieces to disk; true once they are durable. */
        Future<Boolean> flush();

        /** Bans the peers behind these ban keys (smart ban). */
        void ban(Set<String> keys);

        /** Stops the torrent with {@code reason} (a storage failure). */
        void fail(String reason);

        /** Every wanted piece is had and flushed; {@code firstTime}: never complete before (trackers, listener). */
        void finished(boolean firstTime);

        /** Wanted pieces are missing again: whoever waits for completion waits again. */
        void unfinished();
    }

    private final Side t;
    private final EngineRuntime rt;
    private final Metainfo meta;
    private final TorrentGeometry g;
    private final PiecePicker picker;
    private final PieceStorage storage;
    private final Swarm swarm;
    private final SmartBan<String> smartBan = new SmartBan<>();
    private final RateEstimator downRate = new RateEstimator();
    private final PieceBufferPool buffers;
    private final Map<Integer, ByteBuffer> pieceData = new HashMap<>();
    private final int[] filePiecesLeft;
    private final List<BlockRequest> scratch = new ArrayList<>();
    /** Disk jobs of this torrent in flight (piece writes, file completion, the finishing flush). */
    private final DiskJobs jobs;

    /** Every wanted piece is had and flushed. */
    private boolean finished;
    /** When the download first completed (wall clock), 0 if never. */
    private long completedAtMillis;
    private long downloadedTotal;
    private long wastedTotal;

    Downloads(EngineRuntime rt, Metainfo meta, PiecePicker picker, PieceStorage storage, Swarm swarm,
              long pieceBufferBytes, Side side) {
        this.t = side;
        this.rt = rt;
        this.meta = meta;
        this.g = meta.geometry();
        this.picker = picker;
        this.storage = storage;
        this.swarm = swarm;
        this.jobs = new DiskJobs(rt);
        this.buffers = new PieceBufferPool(g.pieceLength(), pieceBufferBytes);
        picker.setMaxOpenPieces(buffers.maxBuffers());
        this.filePiecesLeft = new int[meta.files().size()];
        for (FileEntry f : meta.files()) {
            if (f.length() > 0 && !f.padding()) {
                int first = (int) (f.offset() / g.pieceLength());
                int last = (int) ((f.offset() + f.length() - 1) / g.pieceLength());
                filePiecesLeft[f.index()] = last - first + 1;
            }
        }
    }

    /** Totals and completion kept with the torrent from an earlier run (resume data). */
    void restore(long downloaded, long completedAt) {
        downloadedTotal = downloaded;
        completedAtMillis = completedAt;
    }

    boolean isFinished() {
        return finished;
    }

    long completedAtMillis() {
        return completedAtMillis;
    }

    long downloadedTotal() {
        return downloadedTotal;
    }

    long wastedTotal() {
        return wastedTotal;
    }

    long downloadRate(long now) {
        return downRate.bytesPerSecond(now);
    }

    /** Bytes of the selected files (padding excluded). */
    long wantedBytes() {
        long sum = 0;
        for (FileEntry f : meta.files()) {
            if (t.isSelected(f.index())) {
                sum += f.length();
            }
        }
        return sum;
    }

    /** Completes once no disk job of this torrent is in flight (before a check, a move or closing). */
    Future<Void> whenDiskIdle() {
        return jobs.whenIdle();
    }

    /** Disk jobs of this torrent queued or running on the disk pool. */
    int diskJobsInFlight() {
        return jobs.inFlight();
    }

    /** Runs a storage job on the disk pool, counted with the writes; a failure stops the torrent with its reason. */
    Future<Void> diskJob(String what, DiskJobs.StorageJob job) {
        return jobs.run(what, job, t::fail);
    }

    // ---- interest and requests ------------------------------------------------------------------

    /** Tell a new connection what we have: BEP 6 HAVE ALL/NONE when both sides support it. */
    void sendHaves(PeerConnection c) {
        Bitfield have = picker.haveBitfield();
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
            case HAVE_ALL -> picker.peerHasAll(c.key());
            case BITFIELD -> {
                if (c.hasAll()) {
                    picker.peerHasAll(c.key());
                } else {
                    picker.peerBitfield(c.key(), c.peerPieces());
                }
            }
            case HAVE -> {
                if (c.hasAll()) {
                    picker.peerHasAll(c.key());
                } else {
                    picker.peerHas(c.key(), c.lastHave());
                }
            }
            default -> {
                // HAVE NONE: nothing to count.
            }
        }
        if (c.hasAll()) {
            swarm.book().markSeed(c.address());
            if (finished) {
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
        if (finished && !picker.isComplete()) {
            unfinish();
        }
        if (!t.live()) {
            return;
        }
        for (PeerConnection c : new ArrayList<>(swarm.connections())) {
            updateInterest(c, -1);
            requestMore(c);
        }
        if (!finished && picker.isComplete()) {
            onFinished();
        } else if (!finished) {
            swarm.book().retryNow();
            swarm.connectMore();
        }
    }

    /** Wanted pieces are missing again (more files selected, or a recheck found damage). */
    void unfinish() {
        finished = false;
        completedAtMillis = 0;
        t.unfinished();
    }

    private void updateInterest(PeerConnection c, int newPiece) {
        boolean interesting = newPiece >= 0 ? c.amInterested() || picker.isWanted(newPiece)
                : picker.isInteresting(c);
        if (interesting != c.amInterested()) {
            c.setAmInterested(interesting);
            c.send(interesting ? MessageWriter.interested() : MessageWriter.notInterested());
        }
    }

    /** Fills the peer's request pipeline up to its target depth. */
    void requestMore(PeerConnection c) {
        if (!t.live() || !c.amInterested() || c.isClosed()) {
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
        int n = picker.pickBlocks(c, room, scratch);
        if (n == 0) {
            return;
        }
        long now = rt.now();
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
            picker.onRequestsLost(c.key());
        }
    }

    void onReject(PeerConnection c, int piece, int begin, int length) {
        if (c.requests.remove(piece, begin, length)) {
            picker.onBlockRejected(c.key(), piece, begin / TorrentGeometry.BLOCK_SIZE);
            if (!c.isChokingUs()) {
                requestMore(c);
            }
        }
    }

    // ---- blocks ------------------------------------------------------------------------------------

    void onBlock(PeerConnection c, int piece, int begin, ByteBuffer data) {
        int length = data.remaining();
        long now = rt.now();
        if (!c.requests.received(piece, begin, length, now)) {
            // Not requested (or cancelled in endgame and already answered): count and drop.
            c.wasted += length;
            wastedTotal += length;
            if (c.wasted > MAX_WASTED_BYTES) {
                c.close("too many unrequested blocks");
            }
            return;
        }
        c.lastBlockAt = now;
        c.pipeline.onBlockReceived();
        c.downloadRate.add(length, now);
        downRate.add(length, now);
        downloadedTotal += length;
        t.received(c, length);
        int block = begin / TorrentGeometry.BLOCK_SIZE;
        BlockResult r = picker.onBlockReceived(c.key(), piece, block);
        for (int other : r.cancelPeers()) {
            PeerConnection o = swarm.connection(other);
            if (o != null && o.requests.remove(piece, begin, length)) {
                o.send(MessageWriter.cancel(piece, begin, length));
            }
        }
        if (!r.accepted()) {
            wastedTotal += length;
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
        int run = t.run();
        jobs.started();
        rt.onDisk(() -> {
            byte[] digest = PieceHasher.sha1(view.duplicate());
            if (!meta.pieceHashMatches(piece, digest, 0)) {
                return Boolean.FALSE;
            }
            storage.writeBlock(piece, 0, view.duplicate());
            return Boolean.TRUE;
        }).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    picker.onPieceFailed(piece);
                    // A write from before a pause or an error that was since resumed: that run is over.
                    if (t.live() && run == t.run()) {
                        Throwable e = ar.cause();
                        t.fail(e instanceof StorageException se ? StorageErrors.describe(se)
                                : "writing piece " + piece + " failed: " + e);
                    }
                } else if (ar.result()) {
                    onPieceGood(piece, view);
                } else {
                    onPieceBad(piece, view);
                }
            } finally {
                buffers.release(buf);
                jobs.done();
            }
            // A piece closed: if the open-piece cap had stopped the picker, requests can flow again.
            // Without this wake-up a peer with an empty pipeline would wait for the next tick.
            for (PeerConnection c : new ArrayList<>(swarm.connections())) {
                requestMore(c);
            }
        });
    }

    private void onPieceGood(int piece, ByteBuffer data) {
        picker.onPieceVerified(piece);
        int blocks = g.blocksInPiece(piece);
        for (int b = 0; b < blocks; b++) {
            picker.onBlockWritten(piece, b);
        }
        Set<String> guilty = smartBan.onPiecePassed(piece, data.duplicate().clear().limit(g.pieceSize(piece)));
        t.ban(guilty);
        pieceHad(piece, true);
        t.pieceWritten(piece);
    }

    private void onPieceBad(int piece, ByteBuffer data) {
        int[] senders = picker.blockSenders(piece);
        List<String> keys = new ArrayList<>(senders.length);
        Set<Integer> contributors = new HashSet<>();
        for (int s : senders) {
            keys.add(swarm.banKeyOf(s));
            contributors.add(s);
        }
        picker.onPieceFailed(piece);
        wastedTotal += g.pieceSize(piece);
        rt.pieceHashFailed();
        for (int k : contributors) {
            PeerConnection c = swarm.connection(k);
            if (c != null) {
                c.hashFailures++;
            }
        }
        LOG.fine(() -> meta.name() + ": piece " + piece + " failed its hash check");
        Set<String> guilty = smartBan.onPieceFailed(piece, keys, data.duplicate().clear().limit(g.pieceSize(piece)));
        t.ban(guilty);
    }

    /**
     * A piece is verified and on disk (written now, or found by a check): announce it, remember it
     * for the next durable flush, mark complete files, notice completion.
     */
    void pieceHad(int piece, boolean announce) {
        t.pieceHad(piece);
        if (announce) {
            byte[] have = MessageWriter.have(piece);
            for (PeerConnection c : new ArrayList<>(swarm.connections())) {
                c.send(have);
                if (c.amInterested() && !picker.isInteresting(c)) {
                    c.setAmInterested(false);
                    c.send(MessageWriter.notInterested());
                }
            }
        }
        for (int f : storage.filesOfPiece(piece)) {
            if (--filePiecesLeft[f] == 0) {
                int file = f;
                jobs.started();
                rt.onDisk(() -> {
                    storage.setFileComplete(file);
                    return null;
                }).onComplete(ar -> jobs.done());
            }
        }
        if (announce && picker.isComplete()) {
            onFinished();
        }
    }

    /** A had piece was found damaged by a recheck: its files are incomplete (writable) again. */
    void pieceLost(int piece) {
        for (int f : storage.filesOfPiece(piece)) {
            if (filePiecesLeft[f]++ == 0) {
                // A flag flip, not I/O; done here so it precedes any later write. No setFileComplete job
                // is in flight: a recheck starts only when the torrent's disk jobs are done.
                storage.setFileIncomplete(f);
            }
        }
    }

    /**
     * Every wanted piece is had: create the empty files, flush (the had pieces become durable),
     * tell the trackers, and drop peers that cannot use us (seeds stay in the peer book).
     */
    void onFinished() {
        if (finished) {
            return;
        }
        finished = true;
        buffers.trim();
        jobs.started();
        rt.onDisk(() -> {
            storage.createEmptyFiles();
            return null;
        }).compose(v -> t.flush()).onComplete(ar -> {
            jobs.done();
            if (!finished) {
                return; // unfinished again meanwhile (more files selected)
            }
            if (ar.failed() || !ar.result()) {
                t.fail("finishing the download failed: " + (ar.failed() && ar.cause() instanceof StorageException se
                        ? StorageErrors.describe(se) : "could not flush the files"));
                return;
            }
            // Completed before (restored from resume data): no second completion event or BEP 3 `completed`.
            boolean firstTime = completedAtMillis == 0;
            if (firstTime) {
                LOG.info(() -> meta.name() + ": download finished and flushed");
                completedAtMillis = System.currentTimeMillis();
            }
            t.finished(firstTime);
        });
        for (PeerConnection c : new ArrayList<>(swarm.connections())) {
            if (c.hasAll()) {
                c.close("both sides are seeds");
            }
        }
    }

    // ---- housekeeping -------------------------------------------------------------------------------

    private static final boolean TRACE = Boolean.getBoolean("bitquark.trace.downloads");

    void tick(long now) {
        if (TRACE) {
            for (PeerConnection c : swarm.connections()) {
                System.err.printf("trace %s: outstanding=%d open=%d writes=%d buffers=%d choking=%s interested=%s "
                                + "rate=%d endgame=%s%n", c, c.requests.size(), picker.openPieceCount(), jobs.inFlight(),
                        buffers.outstanding(), c.isChokingUs(), c.amInterested(), c.cachedDownRate, picker.isEndgame());
            }
        }
        List<BlockRequest> expired = new ArrayList<>();
        for (PeerConnection c : new ArrayList<>(swarm.connections())) {
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
                    picker.onBlockRejected(c.key(), r.piece(), r.block());
                }
            }
            requestMore(c);
        }
    }

    void onPeerGone(PeerConnection c) {
        scratch.clear();
        c.requests.clear(scratch);
        picker.peerLost(c);
        // Its blocks go back to the pool: let the others take them.
        for (PeerConnection o : new ArrayList<>(swarm.connections())) {
            requestMore(o);
        }
    }

    /** Drops partial pieces (pause, error): they are downloaded again later. */
    void releaseAll() {
        for (Map.Entry<Integer, ByteBuffer> e : pieceData.entrySet()) {
            picker.onPieceFailed(e.getKey());
            buffers.release(e.getValue());
        }
        pieceData.clear();
        buffers.trim();
    }
}
