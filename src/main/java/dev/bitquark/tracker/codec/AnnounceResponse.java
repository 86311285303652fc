package dev.bitquark.tracker.codec;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tracker's answer to an announce, already checked and clamped (see {@link AnnounceIntervals}).
 * Immutable.
 *
 * @param interval when to announce again; already at least {@code minInterval} and within the
 *                 {@link AnnounceIntervals} floor and ceiling
 * @param minInterval earliest allowed re-announce ({@code min interval}, BEP 3 extension), zero if absent
 * @param peers peer addresses, at most {@link PeerAddresses#MAX_PEERS}
 * @param seeders {@code complete} count, or -1 if the tracker did not say
 * @param leechers {@code incomplete} count, or -1 if the tracker did not say
 * @param trackerId the {@code tracker id} to send back next time (ISO-8859-1 characters), or null
 * @param warning the tracker's {@code warning message}, sanitized, or null
 */
public record AnnounceResponse(Duration interval, Duration minInterval, List<InetSocketAddress> peers, int seeders,
                               int leechers, String trackerId, String warning) {
    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        peers = List.copyOf(peers);
    }
}
