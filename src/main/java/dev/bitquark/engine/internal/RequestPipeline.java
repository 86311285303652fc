package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TorrentGeometry;

/**
 * How many requests to keep outstanding at one peer. Enough requests must be in flight to cover the
 * bandwidth-delay product, or the peer idles between blocks: the target is the measured download rate from the
 * peer times {@code queueMillis}, in blocks, between {@code min} and the smaller of the peer's BEP 10
 * {@code reqq} and {@code max}.
 *
 * <p>A new connection has no rate yet, so it starts at {@code initial} (generous: a loopback peer can deliver
 * hundreds of MiB/s at once) and grows by one per block received, doubling per round trip like TCP slow start,
 * until the measured rate stops growing. A snubbed peer gets one request at a time.
 *
 * <p>Not thread-safe: owned by one connection on the engine context.
 */
public final class RequestPipeline {
    public static final int DEFAULT_INITIAL = 32;
    public static final int DEFAULT_MIN = 4;
    public static final int DEFAULT_MAX = 500;
    public static final long DEFAULT_QUEUE_MILLIS = 2000;
    /** BEP 10 {@code reqq} assumed when the peer did not send one (libtorrent and others use 250). */
    public static final int DEFAULT_PEER_REQQ = 250;

    private final int min;
    private final int max;
    private final long queueMillis;
    private boolean slowStart = true;
    private int slowStartDepth;
    private long lastSample;

    public RequestPipeline() {
        this(DEFAULT_INITIAL, DEFAULT_MIN, DEFAULT_MAX, DEFAULT_QUEUE_MILLIS);
    }

    public RequestPipeline(int initial, int min, int max, long queueMillis) {
        if (min < 1 || max < min || initial < min || initial > max || queueMillis <= 0) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max and queueMillis > 0, got min " + min
                    + ", initial " + initial + ", max " + max + ", queue " + queueMillis + " ms");
        }
        this.min = min;
        this.max = max;
        this.queueMillis = queueMillis;
        this.slowStartDepth = initial;
    }

    /** A block arrived: in slow start the pipeline deepens by one. */
    public void onBlockReceived() {
        if (slowStart && slowStartDepth < max) {
            slowStartDepth++;
        }
    }

    /**
     * A fresh rate sample (about once a second). Slow start ends when the rate grew by less than an eighth since
     * the previous sample: the link, not the pipeline, is now the limit.
     */
    public void onRateSample(long bytesPerSecond) {
        if (slowStart && lastSample > 0 && bytesPerSecond < lastSample + lastSample / 8) {
            slowStart = false;
        }
        lastSample = Math.max(lastSample, bytesPerSecond);
    }

    /** The peer stalled: no more optimistic growth. */
    public void onSnubbed() {
        slowStart = false;
    }

    public boolean inSlowStart() {
        return slowStart;
    }

    /**
     * The number of requests to keep outstanding.
     *
     * @param bytesPerSecond current download rate from the peer
     * @param peerReqq       the peer's BEP 10 {@code reqq}, or 0 if it sent none
     * @param snubbed        the peer is snubbed
     */
    public int target(long bytesPerSecond, int peerReqq, boolean snubbed) {
        if (snubbed) {
            return 1;
        }
        int cap = Math.min(max, peerReqq > 0 ? peerReqq : DEFAULT_PEER_REQQ);
        long bandwidthDelay = (long) Math.ceil(bytesPerSecond * (queueMillis / 1000.0) / TorrentGeometry.BLOCK_SIZE);
        long target = Math.max(min, bandwidthDelay);
        if (slowStart) {
            target = Math.max(target, slowStartDepth);
        }
        return (int) Math.max(1, Math.min(target, cap));
    }
}
