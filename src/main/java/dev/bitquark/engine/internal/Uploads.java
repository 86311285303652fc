package dev.bitquark.engine.internal;

import dev.bitquark.storage.FileRegion;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.wire.MessageWriter;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The upload side of a torrent: choking (BEP 3 tit-for-tat through {@link Choker}) and serving
 * block requests. Blocks go out with sendfile after their 13-byte header (zero-copy); blocks that
 * touch padding are read on a disk worker instead. A connection whose socket write queue is full is
 * resumed from its drain handler, so a slow peer never makes us buffer without bound. Upload limits
 * ({@link RateLimits}) delay each block until its bytes are paid for. Runs on the engine context.
 */
final class Uploads {
    /** Reads in flight per connection; enough to keep a fast peer's socket busy. */
    private static final int READS_PER_PEER = 4;

    /**
     * What the upload side needs from its torrent, and all it may change there (the totals, and an
     * error through the lifecycle): Transmission's wishlist mediator. {@link TorrentSides#uploads} is
     * the torrent's; tests may give their own.
     */
    interface Side {
        /** Live: choking decisions apply (not while checking, paused or failed). */
        boolean live();

        /** Every wanted piece is had (the choker then favours upload speed). */
        boolean complete();

        boolean hasPiece(int piece);

        boolean validRequest(int piece, int begin, int length);

        Collection<PeerConnection> connections();

        PeerConnection connection(int key);

        PieceStorage storage();

        /** Whether {@code bytes} may go to {@code c} now under the upload limits; else {@code retry} runs later. */
        boolean mayUpload(PeerConnection c, int bytes, Runnable retry);

        /** Reading for an upload failed: the torrent stops with {@code reason}. */
        void failed(String reason);
    }

    private final Side t;
    private final EngineRuntime rt;
    private final Choker choker;
    private final RateEstimator upRate = new RateEstimator();
    private long uploadedTotal;

    Uploads(Side side, EngineRuntime rt, Choker choker) {
        this.t = side;
        this.rt = rt;
        this.choker = choker;
    }

    /** The upload total kept with the torrent from an earlier run (resume data). */
    void restore(long uploaded) {
        uploadedTotal = uploaded;
    }

    long uploadedTotal() {
        return uploadedTotal;
    }

    long uploadRate(long now) {
        return upRate.bytesPerSecond(now);
    }

    void onInterested(PeerConnection c) {
        // Fill a free slot at once rather than on the next 10-second round.
        choker.requestRechoke();
        applyChoker(rt.now());
    }

    void onNotInterested(PeerConnection c) {
        choker.requestRechoke();
    }

    void tick(long now) {
        applyChoker(now);
    }

    private void applyChoker(long now) {
        if (!t.live()) {
            return;
        }
        Choker.Decision d = choker.tick(t.connections(), t.complete(), now);
        for (int key : d.choke()) {
            PeerConnection c = t.connection(key);
            if (c != null && !c.amChoking()) {
                c.setAmChoking(true);
                c.send(MessageWriter.choke());
                // BEP 6: with the fast extension a choke does not discard requests; reject each one.
                rejectAll(c);
            }
        }
        for (int key : d.unchoke()) {
            PeerConnection c = t.connection(key);
            if (c != null && c.amChoking()) {
                c.setAmChoking(false);
                c.send(MessageWriter.unchoke());
            }
        }
    }

    private void rejectAll(PeerConnection c) {
        if (c.fast()) {
            for (BlockRequest r : c.theirRequests) {
                c.send(MessageWriter.reject(r.piece(), r.begin(), r.length()));
            }
        }
        c.theirRequests.clear();
    }

    void onRequest(PeerConnection c, int piece, int begin, int length) {
        if (!t.validRequest(piece, begin, length)) {
            c.close("invalid request: piece " + piece + ", begin " + begin + ", length " + length);
            return;
        }
        if (c.amChoking() || !t.hasPiece(piece) || c.theirRequests.size() >= Downloads.MAX_PEER_REQUESTS) {
            // BEP 6: answer with a reject so the peer can ask elsewhere; BEP 3 peers just get nothing.
            if (c.fast()) {
                c.send(MessageWriter.reject(piece, begin, length));
            }
            return;
        }
        c.theirRequests.addLast(new BlockRequest(piece, begin, length));
        serve(c);
    }

    void onCancel(PeerConnection c, int piece, int begin, int length) {
        Iterator<BlockRequest> it = c.theirRequests.iterator();
        while (it.hasNext()) {
            BlockRequest r = it.next();
            if (r.piece() == piece && r.begin() == begin && r.length() == length) {
                it.remove();
                return;
            }
        }
    }

    private void serve(PeerConnection c) {
        while (!c.isClosed() && !c.amChoking() && c.uploadsInFlight < READS_PER_PEER && !c.theirRequests.isEmpty()) {
            if (c.writeQueueFull()) {
                c.onDrain(() -> serve(c));
                return;
            }
            BlockRequest head = c.theirRequests.peekFirst();
            // Upload limit: the block leaves only once its bytes are paid for; until then it waits in the queue.
            if (!t.mayUpload(c, head.length(), () -> serve(c))) {
                return;
            }
            BlockRequest r = c.theirRequests.pollFirst();
            if (sendZeroCopy(c, r)) {
                continue;
            }
            c.uploadsInFlight++;
            rt.onDisk(() -> {
                ByteBuffer msg = ByteBuffer.allocate(MessageWriter.PIECE_HEADER_LENGTH + r.length());
                MessageWriter.writePieceHeader(msg, r.piece(), r.begin(), r.length());
                t.storage().readBlock(r.piece(), r.begin(), r.length(), msg);
                return msg.array();
            }).onComplete(ar -> {
                c.uploadsInFlight--;
                if (c.isClosed()) {
                    return;
                }
                if (ar.failed()) {
                    Throwable e = ar.cause();
                    t.failed("reading piece " + r.piece() + " for upload failed: "
                            + (e instanceof dev.bitquark.storage.StorageException se ? StorageErrors.describe(se) : e));
                    return;
                }
                c.send(Buffer.buffer(ar.result()));
                counted(c, r.length());
                serve(c);
            });
        }
    }

    /**
     * Sends the block straight from its file(s) with sendfile (zero-copy: the bytes go from the page
     * cache to the socket without entering the JVM), after the 13-byte header. Not possible for
     * blocks that touch a padding file (BEP 47: zeros that exist on no disk) or bytes of a skipped file kept in
     * the part file; those are read.
     */
    private boolean sendZeroCopy(PeerConnection c, BlockRequest r) {
        List<FileRegion> regions = t.storage().regions(r.piece(), r.begin(), r.length());
        if (regions == null) {
            return false; // bytes of a skipped file, kept in the part file: read them
        }
        for (FileRegion region : regions) {
            if (region.isZeros()) {
                return false;
            }
        }
        c.send(MessageWriter.pieceHeader(r.piece(), r.begin(), r.length()));
        for (FileRegion region : regions) {
            c.sendFile(region.file().toString(), region.position(), region.length());
        }
        counted(c, r.length());
        return true;
    }

    private void counted(PeerConnection c, int bytes) {
        long now = rt.now();
        c.uploadRate.add(bytes, now);
        upRate.add(bytes, now);
        uploadedTotal += bytes;
    }

    void onPeerGone(PeerConnection c) {
        c.theirRequests.clear();
    }
}
