package dev.bitquark.bench;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.wire.MessageWriter;
import dev.bitquark.wire.WireChecks;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Bitfield} operations the download path runs per message or per peer, on 4,096 and 65,536 pieces (1 GiB
 * in 256 KiB pieces, 16 GiB in 256 KiB pieces). Average time per operation.
 *
 * <ul>
 *   <li>{@code get}, {@code setClear}, {@code cardinality}: one random piece (HAVE, hasPiece, a piece done).</li>
 *   <li>{@code nextSetHalf}, {@code nextSetSparse}: visit every set bit with {@code nextSet} of a peer having
 *       half, or 5 %, of the pieces (what the picker does per bitfield; resume and storage checks too).</li>
 *   <li>{@code nextClearNearlyFull}: visit every clear bit of a bitfield with 1 % of the pieces missing.</li>
 *   <li>{@code toWire}: our bitfield message ({@link MessageWriter#bitfield}); {@code fromWire}: a received one
 *       checked and parsed ({@link WireChecks#bitfield}).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BitfieldBenchmark {
    @Param({"4096", "65536"})
    int size;

    Bitfield half;
    Bitfield sparse;
    Bitfield nearlyFull;
    Bitfield scratch;
    ByteBuffer wire;
    int[] indexes;
    int next;

    @Setup
    public void build() {
        Random rnd = new Random(3);
        half = random(rnd, 0.5);
        sparse = random(rnd, 0.05);
        nearlyFull = random(rnd, 0.99);
        scratch = random(rnd, 0.5);
        byte[] frame = MessageWriter.bitfield(half);
        wire = ByteBuffer.wrap(frame, 5, frame.length - 5).slice();
        indexes = new int[1024];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = rnd.nextInt(size);
        }
    }

    private Bitfield random(Random rnd, double fraction) {
        Bitfield b = new Bitfield(size);
        for (int i = 0; i < size; i++) {
            if (rnd.nextDouble() < fraction) {
                b.set(i);
            }
        }
        return b;
    }

    private int nextIndex() {
        next = (next + 1) & (indexes.length - 1);
        return indexes[next];
    }

    @Benchmark
    public boolean get() {
        return half.get(nextIndex());
    }

    @Benchmark
    public boolean setClear() {
        int i = nextIndex();
        return scratch.set(i) ^ scratch.clear(i);
    }

    @Benchmark
    public int cardinality() {
        return half.cardinality() + sparse.cardinality();
    }

    @Benchmark
    public int nextSetHalf() {
        return visitSet(half);
    }

    @Benchmark
    public int nextSetSparse() {
        return visitSet(sparse);
    }

    @Benchmark
    public int nextClearNearlyFull() {
        int sum = 0;
        for (int i = nearlyFull.nextClear(0); i >= 0; i = nearlyFull.nextClear(i + 1)) {
            sum += i;
        }
        return sum;
    }

    private static int visitSet(Bitfield b) {
        int sum = 0;
        for (int i = b.nextSet(0); i >= 0; i = b.nextSet(i + 1)) {
            sum += i;
        }
        return sum;
    }

    @Benchmark
    public byte[] toWire() {
        return MessageWriter.bitfield(half);
    }

    @Benchmark
    public Bitfield fromWire() {
        return WireChecks.bitfield(wire, size);
    }
}
