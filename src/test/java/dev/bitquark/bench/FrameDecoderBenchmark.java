package dev.bitquark.bench;

import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.wire.FrameDecoder;
import dev.bitquark.wire.MessageHandler;
import dev.bitquark.wire.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FrameDecoder} on the two streams a downloading connection receives: piece messages of 16 KiB blocks
 * (the payload) and small control messages (HAVE and REQUEST, interleaved, as a seeding peer's upload side
 * sees them). The stream is fed either whole ({@code read = 0}) or in reads of {@code read} bytes, so frames
 * straddle reads as they do on a socket (a 64 KiB read splits about one piece frame in four).
 *
 * <p>The score is messages per second (one operation = one decoded message). MiB/s = score × bytes per message
 * / 2^20: a piece frame is {@value #PIECE_FRAME} bytes; the small stream averages 13 bytes (9 + 17) / 2.
 * The handler reads what a real one reads (indexes and the block's length and first byte) so nothing is
 * optimized away; it copies nothing, so the figure is the decoder's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameDecoderBenchmark {
    static final int PIECES = 256;
    static final int PIECE_FRAME = 4 + 9 + TorrentGeometry.BLOCK_SIZE;
    static final int SMALL = 16_384;

    /** Bytes per socket read; 0 feeds the whole stream at once (every frame decoded in place). */
    @Param({"0", "65536"})
    int read;

    ByteBuffer[] pieceReads;
    ByteBuffer[] smallReads;
    Sink sink;
    FrameDecoder pieceDecoder;
    FrameDecoder smallDecoder;

    @Setup
    public void build() {
        Random rnd = new Random(1);
        byte[] block = new byte[TorrentGeometry.BLOCK_SIZE];
        rnd.nextBytes(block);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int i = 0; i < PIECES; i++) {
            // 16 blocks per 256 KiB piece, in order, as a peer answers a pipeline of requests.
            pieces.writeBytes(MessageWriter.piece(i / 16, (i % 16) * TorrentGeometry.BLOCK_SIZE, ByteBuffer.wrap(block)));
        }
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        for (int i = 0; i < SMALL; i++) {
            int piece = rnd.nextInt(4096);
            small.writeBytes(i % 2 == 0 ? MessageWriter.have(piece)
                    : MessageWriter.request(piece, rnd.nextInt(16) * TorrentGeometry.BLOCK_SIZE, TorrentGeometry.BLOCK_SIZE));
        }
        pieceReads = split(pieces.toByteArray(), read);
        smallReads = split(small.toByteArray(), read);
        sink = new Sink();
        pieceDecoder = new FrameDecoder(sink);
        smallDecoder = new FrameDecoder(sink);
        System.out.println("piece stream " + pieces.size() + " bytes in " + pieceReads.length + " reads, small stream "
                + small.size() + " bytes in " + smallReads.length + " reads");
    }

    /** Views of {@code stream}, {@code read} bytes each (the last one shorter), or one view of all of it. */
    private static ByteBuffer[] split(byte[] stream, int read) {
        if (read == 0) {
            return new ByteBuffer[] {ByteBuffer.wrap(stream)};
        }
        int n = (stream.length + read - 1) / read;
        ByteBuffer[] out = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            int off = i * read;
            out[i] = ByteBuffer.wrap(stream, off, Math.min(read, stream.length - off)).slice();
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(PIECES)
    public long pieces() {
        return feedAll(pieceDecoder, pieceReads);
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    public long haveAndRequest() {
        return feedAll(smallDecoder, smallReads);
    }

    private long feedAll(FrameDecoder decoder, ByteBuffer[] reads) {
        for (ByteBuffer r : reads) {
            r.clear();
            decoder.feed(r);
        }
        if (!decoder.atFrameBoundary()) {
            throw new IllegalStateException("stream did not end on a frame boundary");
        }
        return sink.sum;
    }

    /** Folds every decoded field into one sum. */
    static final class Sink implements MessageHandler {
        long sum;

        @Override public void onKeepAlive() { sum++; }
        @Override public void onChoke() { sum++; }
        @Override public void onUnchoke() { sum++; }
        @Override public void onInterested() { sum++; }
        @Override public void onNotInterested() { sum++; }
        @Override public void onHave(int piece) { sum += piece; }
        @Override public void onBitfield(ByteBuffer bits) { sum += bits.remaining(); }
        @Override public void onRequest(int piece, int begin, int length) { sum += piece + begin + length; }
        @Override public void onPiece(int piece, int begin, ByteBuffer block) {
            sum += piece + begin + block.remaining() + block.get(0);
        }
        @Override public void onCancel(int piece, int begin, int length) { sum += piece + begin + length; }
        @Override public void onPort(int port) { sum += port; }
        @Override public void onSuggest(int piece) { sum += piece; }
        @Override public void onHaveAll() { sum++; }
        @Override public void onHaveNone() { sum++; }
        @Override public void onReject(int piece, int begin, int length) { sum += piece + begin + length; }
        @Override public void onAllowedFast(int piece) { sum += piece; }
        @Override public void onExtended(int extendedId, ByteBuffer payload) { sum += payload.remaining(); }
        @Override public void onUnknown(int id, int length) { sum += length; }
    }
}
