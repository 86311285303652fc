package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * {@link PiecePicker} on a torrent of 4,096 pieces of 256 KiB (16 blocks) in mid-download: a quarter of the
 * pieces had, 50 non-seed peers whose bitfields cover 10 % to 95 % of the pieces (so availability spreads over
 * 0..50), ten pieces fully requested from other peers and four half requested. Average time per operation.
 *
 * <ul>
 *   <li>{@code pickNewPiece}: one peer asks for 16 blocks with no free block in open pieces, so a fresh piece is
 *       chosen rarest first; the 16 requests are then rejected, which closes the piece again (so the state is
 *       the same for every call). {@code peer}: a seed (HAVE ALL), a peer with half the pieces, or one with 5 %.</li>
 *   <li>{@code pickOpenBlock}: one block for a peer with half the pieces, from the half-requested pieces (the
 *       common refill after a block arrives), then rejected again.</li>
 *   <li>{@code have}: one HAVE (availability +1 and the piece moved to the next rarity bucket); the invocation
 *       applies 50 peers × 2,048 HAVEs in random order to a picker without availability.</li>
 *   <li>{@code bitfieldThenLost}: a peer with half the pieces connects (bitfield) and disconnects.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PiecePickerBenchmark {
    static final int PIECES = 4096;
    static final int BLOCKS = 16;
    static final int PEERS = 50;
    static final int HAVES_PER_PEER = PIECES / 2;
    static final int HAVES = PEERS * HAVES_PER_PEER;
    static final int ME = 100;

    static TorrentGeometry geometry() {
        return new TorrentGeometry((long) PIECES * BLOCKS * TorrentGeometry.BLOCK_SIZE, BLOCKS * TorrentGeometry.BLOCK_SIZE);
    }

    /** The picker without any peer: a quarter of the pieces had. */
    static PiecePicker emptySwarm(Random rnd) {
        PiecePicker picker = new PiecePicker(geometry(), new Random(rnd.nextLong()));
        for (int i = 0; i < PIECES; i++) {
            if (rnd.nextInt(4) == 0) {
                picker.markHave(i);
            }
        }
        return picker;
    }

    /** A bitfield with each piece set with probability {@code fraction}. */
    static Bitfield randomBits(Random rnd, double fraction) {
        Bitfield b = new Bitfield(PIECES);
        for (int i = 0; i < PIECES; i++) {
            if (rnd.nextDouble() < fraction) {
                b.set(i);
            }
        }
        return b;
    }

    /** The mid-download swarm described above; {@code halfOpen} pieces are left half requested. */
    static PiecePicker swarm(Random rnd, int halfOpen) {
        PiecePicker picker = emptySwarm(rnd);
        BenchPeer[] peers = new BenchPeer[PEERS];
        for (int k = 0; k < PEERS; k++) {
            peers[k] = new BenchPeer(k, randomBits(rnd, 0.10 + 0.85 * k / (PEERS - 1)), false);
            picker.peerBitfield(k, peers[k].pieces);
        }
        List<BlockRequest> out = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            picker.pickBlocks(peers[PEERS - 1 - k], BLOCKS, out);
        }
        for (int k = 0; k < halfOpen; k++) {
            picker.pickBlocks(peers[PEERS - 11 - k], BLOCKS / 2, out);
        }
        return picker;
    }

    @State(Scope.Thread)
    public static class Pick {
        @Param({"seed", "half", "sparse"})
        String peer;

        PiecePicker picker;
        BenchPeer me;
        final List<BlockRequest> out = new ArrayList<>();

        @Setup
        public void build() {
            Random rnd = new Random(11);
            picker = swarm(rnd, 0);
            me = switch (peer) {
                case "seed" -> new BenchPeer(ME, Bitfield.full(PIECES), true);
                case "half" -> new BenchPeer(ME, randomBits(rnd, 0.5), false);
                default -> new BenchPeer(ME, randomBits(rnd, 0.05), false);
            };
            if (me.all) {
                picker.peerHasAll(ME);
            } else {
                picker.peerBitfield(ME, me.pieces);
            }
        }
    }

    @State(Scope.Thread)
    public static class PickOpen {
        PiecePicker picker;
        BenchPeer me;
        final List<BlockRequest> out = new ArrayList<>();

        @Setup
        public void build() {
            Random rnd = new Random(12);
            picker = swarm(rnd, 4);
            // Half the pieces, every open one among them, so the block comes from the oldest half-requested piece.
            Bitfield bits = randomBits(rnd, 0.5);
            for (int i = 0; i < PIECES; i++) {
                if (picker.isOpen(i)) {
                    bits.set(i);
                }
            }
            me = new BenchPeer(ME, bits, false);
            picker.peerBitfield(ME, bits);
        }
    }

    @State(Scope.Thread)
    public static class Haves {
        int[] pieces;
        int[] keys;
        PiecePicker picker;

        @Setup(Level.Trial)
        public void order() {
            Random rnd = new Random(13);
            pieces = new int[HAVES];
            keys = new int[HAVES];
            int[] all = new int[PIECES];
            for (int i = 0; i < PIECES; i++) {
                all[i] = i;
            }
            for (int k = 0; k < PEERS; k++) {
                shuffle(all, rnd);
                for (int j = 0; j < HAVES_PER_PEER; j++) {
                    pieces[k * HAVES_PER_PEER + j] = all[j];
                    keys[k * HAVES_PER_PEER + j] = k;
                }
            }
            for (int i = HAVES - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int p = pieces[i];
                pieces[i] = pieces[j];
                pieces[j] = p;
                int k = keys[i];
                keys[i] = keys[j];
                keys[j] = k;
            }
        }

        @Setup(Level.Invocation)
        public void reset() {
            picker = emptySwarm(new Random(14));
        }

        private static void shuffle(int[] a, Random rnd) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }

    @State(Scope.Thread)
    public static class Churn {
        PiecePicker picker;
        BenchPeer newcomer;

        @Setup
        public void build() {
            Random rnd = new Random(15);
            picker = swarm(rnd, 4);
            newcomer = new BenchPeer(ME, randomBits(rnd, 0.5), false);
        }
    }

    @Benchmark
    public int pickNewPiece(Pick s) {
        s.out.clear();
        int n = s.picker.pickBlocks(s.me, BLOCKS, s.out);
        if (n != BLOCKS) {
            throw new IllegalStateException("picked " + n);
        }
        int piece = s.out.get(0).piece();
        for (int b = 0; b < n; b++) {
            s.picker.onBlockRejected(ME, piece, b);
        }
        return piece;
    }

    @Benchmark
    public int pickOpenBlock(PickOpen s) {
        s.out.clear();
        if (s.picker.pickBlocks(s.me, 1, s.out) != 1) {
            throw new IllegalStateException("no block picked");
        }
        BlockRequest r = s.out.get(0);
        s.picker.onBlockRejected(ME, r.piece(), r.begin() / TorrentGeometry.BLOCK_SIZE);
        return r.piece();
    }

    @Benchmark
    @OperationsPerInvocation(HAVES)
    public int have(Haves s) {
        PiecePicker picker = s.picker;
        int[] pieces = s.pieces;
        int[] keys = s.keys;
        for (int i = 0; i < HAVES; i++) {
            picker.peerHas(keys[i], pieces[i]);
        }
        return picker.availability(pieces[0]);
    }

    @Benchmark
    public int bitfieldThenLost(Churn s) {
        s.picker.peerBitfield(ME, s.newcomer.pieces);
        int a = s.picker.availability(0);
        s.picker.peerLost(s.newcomer);
        return a;
    }

    /** A connection as the engine keeps it (compare {@code PeerConnection}'s PeerView methods). */
    static final class BenchPeer implements PeerView {
        final int key;
        final Bitfield pieces;
        final boolean all;

        BenchPeer(int key, Bitfield pieces, boolean all) {
            this.key = key;
            this.pieces = pieces;
            this.all = all;
        }

        @Override
        public int key() {
            return key;
        }

        @Override
        public boolean hasPiece(int piece) {
            return all || pieces.get(piece);
        }

        @Override
        public boolean hasAll() {
            return all;
        }

        @Override
        public boolean isChokingUs() {
            return false;
        }

        @Override
        public int[] allowedFast() {
            return new int[0];
        }

        @Override
        public boolean isSnubbed() {
            return false;
        }
    }
}
