package dev.bitquark.lsd;

import java.util.Map;

/**
 * Counters of an {@link LsdService} since it started.
 *
 * @param announcesSent packets sent to the group
 * @param infoHashesSent info-hashes in those packets (several per packet when torrents are due together)
 * @param sendFailures packets the socket failed to send
 * @param announcesReceived packets decoded and from someone else
 * @param peersReported peer addresses handed to consumers
 * @param unwantedInfoHashes info-hashes heard that we do not announce (ignored)
 * @param dropped packets dropped, by reason; every reason is present
 * @param torrents distinct info-hashes being announced now
 */
public record LsdStats(long announcesSent, long infoHashesSent, long sendFailures,
                       long announcesReceived, long peersReported,
                       long unwantedInfoHashes, Map<LsdDropReason, Long> dropped, int torrents) {
    public LsdStats {
        dropped = Map.copyOf(dropped);
    }

    /** Drops under {@code reason}. */
    public long dropped(LsdDropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** Drops under every reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
