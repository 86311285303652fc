package dev.bitquark.engine.internal;

import dev.bitquark.wire.MessageWriter;

/**
 * A torrent's bandwidth limits, applied together with the session's ({@link EngineRuntime}): a
 * transfer goes ahead only when both allow it, and each limit is shared round-robin among the
 * connections using it ({@link BandwidthAllocator}), so one fast peer cannot take a limit for itself.
 *
 * <ul>
 *   <li>Download: data already sent to us cannot be refused, so every received block is paid for
 *       afterwards; while a connection's bytes are not paid for, its socket is not read, so TCP
 *       pushes back on the peer and the request pipeline (sized from the measured rate) shrinks.</li>
 *   <li>Upload: a block is sent only after its bytes (header included) are paid for; until then
 *       the peer's requests wait in its queue.</li>
 * </ul>
 * Rates are bytes per second, 0 = unlimited, changeable at any time. Owned by the engine context.
 */
final class RateLimits {
    /** Largest payment asked for at once: a few blocks, so equal turns keep the sharing fair. */
    private static final int MAX_PAYMENT = 64 * 1024;

    private final EngineRuntime rt;
    private final Throttle down;
    private final Throttle up;

    RateLimits(EngineRuntime rt) {
        this.rt = rt;
        this.down = new Throttle(rt.scheduler(), 0);
        this.up = new Throttle(rt.scheduler(), 0);
    }

    void set(long downBytesPerSecond, long upBytesPerSecond) {
        down.setRate(downBytesPerSecond);
        up.setRate(upBytesPerSecond);
    }

    long downloadLimit() {
        return down.rate();
    }

    long uploadLimit() {
        return up.rate();
    }

    /** {@code bytes} of payload arrived from {@code c}: pay for them, pausing reads until paid. */
    void onReceived(PeerConnection c, int bytes) {
        c.downOwed += bytes;
        payDown(c);
    }

    private void payDown(PeerConnection c) {
        while (!c.downWaiting && c.downOwed > 0 && !c.isClosed()) {
            int n = Math.min(c.downOwed, MAX_PAYMENT);
            if (Throttle.acquireBoth(down, rt.downThrottle(), c.key(), n, () -> {
                c.downWaiting = false;
                c.downOwed -= n;
                payDown(c);
                if (!c.downWaiting) {
                    c.resumeReading();
                }
            })) {
                c.downOwed -= n;
            } else {
                c.downWaiting = true;
                c.pauseReading();
            }
        }
    }

    /**
     * True if {@code c} may send a block of {@code length} now (the bytes are paid for); otherwise
     * {@code then} runs once it may, and the caller must try again from there.
     */
    boolean mayUpload(PeerConnection c, int length, Runnable then) {
        int cost = MessageWriter.PIECE_HEADER_LENGTH + length;
        if (c.upCredit >= cost) {
            c.upCredit -= cost;
            return true;
        }
        if (c.upWaiting) {
            return false;
        }
        if (Throttle.acquireBoth(up, rt.uploadThrottle(), c.key(), cost, () -> {
            c.upWaiting = false;
            c.upCredit += cost;
            then.run();
        })) {
            return true;
        }
        c.upWaiting = true;
        return false;
    }

    /** The connection closed: leave every line it waits in. */
    void onClosed(PeerConnection c) {
        down.cancel(c.key());
        up.cancel(c.key());
        rt.downThrottle().cancel(c.key());
        rt.uploadThrottle().cancel(c.key());
        c.downWaiting = false;
        c.upWaiting = false;
    }
}
