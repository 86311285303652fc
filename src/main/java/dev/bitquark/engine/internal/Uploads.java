package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.wire.MessageWriter;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The upload side of a torrent: choking (BEP 3 tit-for-tat through {@link Choker}) and serving
 * block requests, in batches: several queued blocks are read on a disk worker into one buffer of
 * ready frames and written to the socket at once (see {@link #serve}). A connection whose socket write queue is full is
 * resumed from its drain handler, so a slow peer never makes us buffer without bound. Upload limits
 * ({@link RateLimits}) delay each block until its bytes are paid for. Runs on the engine context.
 */
final class Uploads {
    /** Batches being read per connection; enough to keep a fast peer's socket busy. */
    private static final int BATCHES_PER_PEER = 4;
    /** Blocks of a full batch: 256 KiB of block data per disk job and per socket write. */
    private static final int BLOCKS_PER_BATCH = 16;
    static final int BATCH_BYTES = BLOCKS_PER_BATCH * (MessageWriter.PIECE_HEADER_LENGTH + TorrentGeometry.BLOCK_SIZE);
    /** Direct memory for one torrent's batches in flight (64 of them; idle ones are kept for reuse). */
    private static final long BATCH_MEMORY = 64L * BATCH_BYTES;

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
    private final PieceBufferPool batchBuffers = new PieceBufferPool(BATCH_BYTES, BATCH_MEMORY);
    private final ArrayDeque<PeerConnection> waitingForBuffer = new ArrayDeque<>();

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
        // Served once this wake-up's messages are all read: a peer's requests come many to a read,
        // and one batch for all of them beats a batch for the first and more for the rest.
        if (!c.serveScheduled) {
            c.serveScheduled = true;
            rt.context().runOnContext(v -> {
                c.serveScheduled = false;
                serve(c);
            });
        }
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

    /**
     * Sends what {@code c} asked for, a batch at a time: up to {@link #BATCH_BYTES} of queued requests
     * are read on a disk worker into one direct buffer, each block after its 13-byte header, and go
     * out as one socket write (one flush, one completion) when the read is done. Per block that is
     * one positioned read from the page cache and no allocation; per batch one disk job and one
     * write, where a block used to cost a file open, a sendfile, a separate header write and their
     * futures.
     */
    private void serve(PeerConnection c) {
        while (!c.isClosed() && !c.amChoking() && c.uploadsInFlight < BATCHES_PER_PEER && !c.theirRequests.isEmpty()) {
            if (c.writeQueueFull()) {
                c.onDrain(() -> serve(c));
                return;
            }
            ByteBuffer frames = batchBuffers.tryAcquire();
            if (frames == null) {
                // This torrent's batch memory is all in flight: go on when a batch comes back.
                if (!waitingForBuffer.contains(c)) {
                    waitingForBuffer.addLast(c);
                }
                return;
            }
            List<BlockRequest> batch = takeBatch(c, frames.capacity());
            if (batch.isEmpty()) {
                batchBuffers.release(frames); // waiting for upload bandwidth; mayUpload calls back
                return;
            }
            read(c, batch, frames);
        }
    }

    /** Queued requests that fit in {@code capacity} bytes of frames and are paid for (upload limits). */
    private List<BlockRequest> takeBatch(PeerConnection c, int capacity) {
        List<BlockRequest> batch = new ArrayList<>(BLOCKS_PER_BATCH);
        int room = capacity;
        while (!c.theirRequests.isEmpty()) {
            BlockRequest head = c.theirRequests.peekFirst();
            int frame = MessageWriter.PIECE_HEADER_LENGTH + head.length();
            // Upload limit: the block leaves only once its bytes are paid for; until then it waits in the queue.
            if (frame > room || !t.mayUpload(c, head.length(), () -> serve(c))) {
                break;
            }
            batch.add(c.theirRequests.pollFirst());
            room -= frame;
        }
        return batch;
    }

    private void read(PeerConnection c, List<BlockRequest> batch, ByteBuffer frames) {
        c.uploadsInFlight++;
        PieceStorage storage = t.storage();
        rt.onDisk(() -> {
            for (BlockRequest r : batch) {
                MessageWriter.writePieceHeader(frames, r.piece(), r.begin(), r.length());
                storage.readBlock(r.piece(), r.begin(), r.length(), frames);
            }
            return frames.flip();
        }).onComplete(ar -> {
            c.uploadsInFlight--;
            if (c.isClosed() || ar.failed()) {
                releaseBatch(frames);
                if (!c.isClosed()) {
                    Throwable e = ar.cause();
                    t.failed("reading piece " + batch.get(0).piece() + " for upload failed: "
                            + (e instanceof dev.bitquark.storage.StorageException se ? StorageErrors.describe(se) : e));
                }
                return;
            }
            // Wrapped, not copied; the buffer is taken back once the socket has written it.
            c.sendFrames(Buffer.buffer(Unpooled.wrappedBuffer(frames)), () -> releaseBatch(frames));
            for (BlockRequest r : batch) {
                counted(c, r.length());
            }
            serve(c);
        });
    }

    private void releaseBatch(ByteBuffer frames) {
        batchBuffers.release(frames);
        PeerConnection next = waitingForBuffer.pollFirst();
        if (next != null) {
            serve(next);
        }
    }

    private void counted(PeerConnection c, int bytes) {
        long now = rt.now();
        c.uploadRate.add(bytes, now);
        upRate.add(bytes, now);
        uploadedTotal += bytes;
    }

    void onPeerGone(PeerConnection c) {
        c.theirRequests.clear();
        waitingForBuffer.remove(c);
        // Idle batch buffers go when a peer leaves and nothing is in flight: a torrent that served once keeps
        // no direct memory (thousands of torrents, up to 16 MiB each); a busy one allocates again as needed.
        if (batchBuffers.outstanding() == 0) {
            batchBuffers.trim();
        }
    }
}
