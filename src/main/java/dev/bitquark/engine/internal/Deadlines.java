package dev.bitquark.engine.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pieces with a streaming deadline, iterated lowest rank first (ties: lowest index). Usually a handful of pieces
 * (a playback buffer), so a sorted set is enough. Owned by one {@link PiecePicker}; not thread-safe.
 */
final class Deadlines implements Iterable<Integer> {
    private final Map<Integer, Integer> rankOf = new HashMap<>();
    /** (rank << 32 | piece): sorts by rank, then piece. */
    private final TreeSet<Long> ordered = new TreeSet<>();

    void set(int piece, int rank) {
        clear(piece);
        rankOf.put(piece, rank);
        ordered.add(key(piece, rank));
    }

    void clear(int piece) {
        Integer rank = rankOf.remove(piece);
        if (rank != null) {
            ordered.remove(key(piece, rank));
        }
    }

    /** The piece's rank, or -1 without a deadline. */
    int rank(int piece) {
        Integer rank = rankOf.get(piece);
        return rank == null ? -1 : rank;
    }

    void clearAll() {
        rankOf.clear();
        ordered.clear();
    }

    boolean isEmpty() {
        return ordered.isEmpty();
    }

    @Override
    public Iterator<Integer> iterator() {
        Iterator<Long> it = ordered.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Integer next() {
                return (int) (long) it.next();
            }
        };
    }

    private static long key(int piece, int rank) {
        return ((long) rank << 32) | piece;
    }
}
