package dev.bitquark.engine;

/**
 * One connection of a torrent. Immutable snapshot; names are from our side ("amChoking": we choke
 * them). {@code client} is the peer's BEP 10 {@code v}, sanitized, or null; {@code source}: where we learned the
 * peer (for a peer that dialed us, {@link PeerOrigin#INCOMING}).
 */
public record PeerStats(
        String address,
        String client,
        boolean outgoing,
        boolean amChoking,
        boolean amInterested,
        boolean peerChoking,
        boolean peerInterested,
        boolean seed,
        boolean snubbed,
        long downloadRate,
        long uploadRate,
        long downloadedTotal,
        long uploadedTotal,
        int requestsInFlight,
        int hashFailures,
        double progress,
        long connectedForMillis,
        PeerOrigin source) {
}
