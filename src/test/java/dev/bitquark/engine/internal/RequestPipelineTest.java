package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestPipelineTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void startsGenerouslyBeforeAnyRateIsKnown() {
        assertEquals(32, new RequestPipeline().target(0, 0, false));
    }

    @Test
    void slowStartDeepensByOneBlockPerBlockReceived() {
        RequestPipeline pipeline = new RequestPipeline();
        for (int i = 0; i < 100; i++) {
            pipeline.onBlockReceived();
        }
        assertEquals(132, pipeline.target(MIB, 0, false));
    }

    @Test
    void slowStartContinuesWhileTheRateGrows() {
        RequestPipeline pipeline = new RequestPipeline();
        pipeline.onRateSample(MIB);
        pipeline.onRateSample(2 * MIB);
        pipeline.onRateSample(4 * MIB);
        assertTrue(pipeline.inSlowStart());
        pipeline.onRateSample(4 * MIB + MIB / 16);
        assertFalse(pipeline.inSlowStart());
    }

    @Test
    void afterSlowStartTheQueueCoversTwoSecondsOfTraffic() {
        RequestPipeline pipeline = new RequestPipeline();
        pipeline.onRateSample(MIB);
        pipeline.onRateSample(MIB);
        assertEquals(128, pipeline.target(MIB, 0, false), "1 MiB/s x 2 s / 16 KiB");
        assertEquals(4, pipeline.target(10_000, 0, false), "never below the minimum");
    }

    @Test
    void isCappedByThePeersReqqAndOurMaximum() {
        RequestPipeline pipeline = new RequestPipeline();
        pipeline.onSnubbed();
        long loopback = 350 * MIB;
        assertEquals(RequestPipeline.DEFAULT_PEER_REQQ, pipeline.target(loopback, 0, false));
        assertEquals(500, pipeline.target(loopback, 2000, false));
        assertEquals(64, pipeline.target(loopback, 64, false));
        assertEquals(2, pipeline.target(loopback, 2, false), "a peer's tiny reqq wins over our minimum");
    }

    @Test
    void snubbedPeerGetsOneRequestAtATime() {
        RequestPipeline pipeline = new RequestPipeline();
        assertEquals(1, pipeline.target(MIB, 0, true));
    }

    @Test
    void rejectsInconsistentLimits() {
        assertThrows(IllegalArgumentException.class, () -> new RequestPipeline(2, 4, 500, 2000));
        assertThrows(IllegalArgumentException.class, () -> new RequestPipeline(32, 4, 16, 2000));
        assertThrows(IllegalArgumentException.class, () -> new RequestPipeline(32, 0, 500, 2000));
    }
}
