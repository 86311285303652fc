package dev.bitquark.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which connections go when a connection limit is lowered at run time: the least useful first, so
 * that a lower limit costs as little speed as it can. Least useful: a peer we are not interested in
 * and that is not interested in us, then the slowest to us, then the slowest from us, then the
 * newest (whose worth is least known). Runs on the engine context.
 */
public final class ConnectionTrim {
    static final Comparator<PeerConnection> LEAST_USEFUL_FIRST = Comparator
            .comparing((PeerConnection c) -> c.amInterested() || c.isInterested())
            .thenComparingLong(PeerConnection::downloadRate)
            .thenComparingLong(PeerConnection::uploadRate)
            .thenComparing(Comparator.comparingLong(PeerConnection::connectedAtMillis).reversed());

    private ConnectionTrim() {
    }

    /** {@code max} if it is a valid connection limit (at least 1). */
    static int positive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + max);
        }
        return max;
    }

    /** Closes the {@code count} least useful of {@code peers} with {@code reason}; returns how many closed. */
    static int closeLeastUseful(Collection<PeerConnection> peers, int count, String reason) {
        if (count <= 0) {
            return 0;
        }
        List<PeerConnection> ranked = new ArrayList<>(peers); // closing removes from the torrent's map
        ranked.sort(LEAST_USEFUL_FIRST);
        int closed = 0;
        for (PeerConnection c : ranked) {
            if (closed == count) {
                break;
            }
            if (!c.isClosed()) {
                c.close(reason);
                closed++;
            }
        }
        return closed;
    }

    /**
     * The session-wide limit was lowered to {@code max}: closes the least useful connections of all
     * torrents until at most {@code max} are open. Dials in progress are left alone: with the limit
     * reached, they are refused when they connect. Returns how many closed.
     */
    public static int toSessionLimit(Collection<TorrentSlot> slots, int max) {
        // Magnets fetching metadata count against the session limit too (Dialer, attach).
        List<PeerConnection> all = new ArrayList<>();
        for (TorrentSlot s : slots) {
            all.addAll(s.connections());
        }
        return closeLeastUseful(all, all.size() - max, "session connection limit lowered to " + max);
    }
}
