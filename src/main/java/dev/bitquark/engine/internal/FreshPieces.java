package dev.bitquark.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The pieces nobody has started yet ("fresh": wanted, not had, not open), indexed two ways so that picking never
 * scans every piece:
 * <ul>
 *   <li>availability buckets per priority level: bucket {@code a} of level {@code p} holds the fresh pieces of
 *       priority {@code p} that exactly {@code a} non-seed peers have. Rarest-first walks the buckets upwards.
 *       Every piece enters a bucket at a random slot, so equally rare pieces come out in random order and
 *       different torrents' swarms do not all converge on the same pieces. Add, remove and an availability change
 *       are O(1).</li>
 *   <li>a bit set per level with a low-water cursor for sequential (index order) picking, scanned a word
 *       (64 pieces) at a time.</li>
 * </ul>
 * Seeds are not counted in the buckets: they add the same amount to every piece and would not change the order.
 * Owned by one {@link PiecePicker}; not thread-safe.
 */
final class FreshPieces {
    static final int LEVELS = 4;

    private final int pieceCount;
    private final RandomGenerator random;
    /** Slot of the piece inside its bucket, -1 when the piece is not fresh. */
    private final int[] slot;
    @SuppressWarnings("unchecked")
    private final List<Bucket>[] buckets = new List[LEVELS];
    private final BitSet[] bits = new BitSet[LEVELS];
    /** No fresh piece of the level lies below this index. */
    private final int[] cursor = new int[LEVELS];
    private final int[] count = new int[LEVELS];

    FreshPieces(int pieceCount, RandomGenerator random) {
        this.pieceCount = pieceCount;
        this.random = random;
        this.slot = new int[pieceCount];
        Arrays.fill(slot, -1);
        for (int p = 1; p < LEVELS; p++) {
            buckets[p] = new ArrayList<>();
            bits[p] = new BitSet(pieceCount);
        }
    }

    boolean contains(int piece) {
        return slot[piece] >= 0;
    }

    /** Fresh pieces of priority {@code level}. */
    int count(int level) {
        return count[level];
    }

    /** One more than the highest availability any fresh piece of the level ever had. */
    int bucketCount(int level) {
        return buckets[level].size();
    }

    int bucketSize(int level, int availability) {
        List<Bucket> list = buckets[level];
        return availability < list.size() ? list.get(availability).size : 0;
    }

    int pieceAt(int level, int availability, int index) {
        return buckets[level].get(availability).pieces[index];
    }

    void add(int piece, int level, int availability) {
        List<Bucket> list = buckets[level];
        while (list.size() <= availability) {
            list.add(new Bucket());
        }
        Bucket b = list.get(availability);
        int n = b.size;
        b.append(piece);
        int j = random.nextInt(n + 1);
        if (j != n) {
            int other = b.pieces[j];
            b.pieces[j] = piece;
            b.pieces[n] = other;
            slot[other] = n;
        }
        slot[piece] = j;
        bits[level].set(piece);
        if (piece < cursor[level]) {
            cursor[level] = piece;
        }
        count[level]++;
    }

    void remove(int piece, int level, int availability) {
        Bucket b = buckets[level].get(availability);
        int i = slot[piece];
        int last = b.pieces[--b.size];
        if (last != piece) {
            b.pieces[i] = last;
            slot[last] = i;
        }
        slot[piece] = -1;
        bits[level].clear(piece);
        count[level]--;
    }

    void move(int piece, int level, int fromAvailability, int toAvailability) {
        remove(piece, level, fromAvailability);
        add(piece, level, toAvailability);
    }

    /** Lowest fresh piece of the level, or -1. Advances the cursor past had and started pieces. */
    int first(int level) {
        int i = bits[level].nextSetBit(cursor[level]);
        cursor[level] = i < 0 ? pieceCount : i;
        return i;
    }

    /** Next fresh piece of the level at or after {@code from}, or -1. */
    int next(int level, int from) {
        return from >= pieceCount ? -1 : bits[level].nextSetBit(from);
    }

    /** Highest fresh piece of the level at or before {@code from}, or -1. */
    int previous(int level, int from) {
        return from < 0 ? -1 : bits[level].previousSetBit(Math.min(from, pieceCount - 1));
    }

    /** A growable array of piece indexes. */
    private static final class Bucket {
        int[] pieces = new int[8];
        int size;

        void append(int piece) {
            if (size == pieces.length) {
                pieces = Arrays.copyOf(pieces, size * 2);
            }
            pieces[size++] = piece;
        }
    }
}
