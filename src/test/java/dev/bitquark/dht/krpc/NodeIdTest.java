package dev.bitquark.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeIdTest {
    @Test
    void xorDistanceOrdersIds() {
        NodeId target = NodeId.fromHex("0000000000000000000000000000000000000000");
        NodeId near = NodeId.fromHex("0000000000000000000000000000000000000001");
        NodeId far = NodeId.fromHex("8000000000000000000000000000000000000000");
        assertTrue(target.compareDistance(near, far) < 0);
        assertEquals(0, target.compareDistance(far, far));
        assertEquals(0, target.commonPrefixLength(far));
        assertEquals(159, target.commonPrefixLength(near));
        assertEquals(160, target.commonPrefixLength(target));
    }

    @Test
    void randomIdsInABucketShareExactlyItsPrefix() {
        SplittableRandom r = new SplittableRandom(1);
        NodeId own = NodeId.random(r);
        for (int prefix = 0; prefix < 160; prefix += 7) {
            for (int i = 0; i < 20; i++) {
                assertEquals(prefix, own.commonPrefixLength(own.randomWithPrefix(prefix, false, r)));
                assertTrue(own.commonPrefixLength(own.randomWithPrefix(prefix, true, r)) >= prefix);
            }
        }
        assertFalse(own.equals(NodeId.random(r)));
    }
}
