package dev.bitquark.bench;

import dev.bitquark.storage.PieceHasher;
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
 * SHA-1 of one piece as the download path computes it (direct piece buffer, hashed through a
 * per-thread array) and from a heap buffer. One thread: the figure is MiB/s per core; compare with
 * {@code openssl speed -evp sha1}. Throughput unit: pieces per second; MiB/s = ops/s × size / 2^20.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Sha1Benchmark {
    @Param({"16384", "1048576"})
    int size;

    ByteBuffer direct;
    ByteBuffer heap;

    @Setup
    public void fill() {
        byte[] b = new byte[size];
        new Random(1).nextBytes(b);
        heap = ByteBuffer.wrap(b);
        direct = ByteBuffer.allocateDirect(size).put(b).flip();
    }

    @Benchmark
    public byte[] directPieceBuffer() {
        return PieceHasher.sha1(direct);
    }

    @Benchmark
    public byte[] heapBuffer() {
        return PieceHasher.sha1(heap);
    }
}
