package dev.bitquark.app.api;

import dev.bitquark.engine.PeerStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One connection of a torrent as the API shows it ({@code GET /api/v1/torrents/{id}/peers} and the
 * {@code peers} frames of {@code /api/v1/events}). Flags are named from our side: {@code amChoking}
 * means we choke the peer.
 *
 * @param address {@code ip:port}
 * @param client the peer's client (BEP 10 {@code v}), sanitized; null if it did not say
 * @param outgoing we dialed it (else it dialed us)
 * @param seed it has every piece
 * @param snubbed it sent nothing for a while although it unchoked us
 * @param downloadRate bytes/s from it
 * @param uploadRate bytes/s to it
 * @param progress the fraction of the pieces it has
 * @param source where we learned the peer: tracker, dht, pex, lsd, user, saved, or incoming (it dialed us)
 */
@Schema(description = "A connection to a peer")
public record PeerDto(
        String address,
        @Schema(nullable = true) String client,
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
        @Schema(enumeration = {"tracker", "user", "incoming", "pex", "dht", "lsd", "saved"}) String source) {

    public static PeerDto of(PeerStats p) {
        return new PeerDto(p.address(), p.client(), p.outgoing(), p.amChoking(), p.amInterested(), p.peerChoking(),
                p.peerInterested(), p.seed(), p.snubbed(), p.downloadRate(), p.uploadRate(), p.downloadedTotal(),
                p.uploadedTotal(), p.requestsInFlight(), p.hashFailures(), p.progress(), p.connectedForMillis(),
                p.source().name().toLowerCase(java.util.Locale.ROOT));
    }
}
