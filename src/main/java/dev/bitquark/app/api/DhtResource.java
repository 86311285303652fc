package dev.bitquark.app.api;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.dht.DhtService;
import dev.bitquark.dht.DhtStats;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/dht/stats}: the DHT node (BEP 5) — its routing table by node state, queries per
 * second each way, stored peers, bootstrap state — and whether peer exchange (BEP 11) and local
 * service discovery (BEP 14) are on. Stateless.
 */
@Path("/api/v1/dht")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dht")
public class DhtResource {
    private final EngineService engines;

    DhtResource(EngineService engines) {
        this.engines = engines;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "DHT node (BEP 5): routing table, queries in/out per second, stored peers, bootstrap state; "
            + "and whether PEX (BEP 11) and LSD (BEP 14) are on")
    public Uni<DhtStatsDto> stats() {
        Discovery d = engines.discovery();
        if (d == null) {
            throw new ApiException(503, "starting", "the engine is not running yet");
        }
        DhtService dht = d.dht();
        boolean pex = d.settings().pex();
        boolean lsd = d.lsd() != null;
        if (dht == null) {
            String why = !d.settings().dht() ? "the DHT is switched off (bitquark.dht.enabled=false or --no-dht)"
                    : String.join("; ", d.problems());
            return Uni.createFrom().item(DhtStatsDto.off(why, pex, lsd));
        }
        return Uni.createFrom().completionStage(dht.stats().toCompletionStage())
                .map(s -> DhtStatsDto.of(s, dht.port(), pex, lsd));
    }

    /**
     * @param enabled a DHT node runs
     * @param state {@code off}, or the bootstrap state: {@code bootstrapping}, {@code ready} (the routing table is
     *     healthy), {@code no-nodes} (nothing to start from: no router resolved and no saved node)
     * @param port the node's UDP port, 0 when off
     * @param nodes good nodes in the routing table (answered within 15 minutes; BEP 5)
     * @param questionableNodes nodes idle for 15 minutes, pinged before they are replaced
     * @param badNodes nodes that failed twice in a row, never queried again
     * @param replacementNodes nodes waiting in the buckets' replacement caches
     * @param buckets k-buckets of the routing table
     * @param torrents torrents looking up peers and announcing on the DHT
     * @param lookups iterative lookups running now
     * @param storedInfoHashes info-hashes other nodes announced to us
     * @param storedPeers peers stored for them (expire 30 minutes after their last announce)
     * @param droppedByReason packets dropped or answered with an error, by reason
     * @param unresolvedRouters bootstrap routers whose names did not resolve (retried while bootstrapping)
     * @param pex peer exchange (BEP 11) is on
     * @param lsd local service discovery (BEP 14) runs
     * @param message why the DHT is off, or null
     */
    public record DhtStatsDto(boolean enabled, String state, int port, int nodes, int questionableNodes, int badNodes,
                              int replacementNodes, int buckets, int torrents, int lookups, double queriesInPerSecond,
                              double queriesOutPerSecond, long packetsIn, long packetsOut, long malformed,
                              long rateLimitedIn, long rateLimitedOut, int storedInfoHashes, int storedPeers,
                              Map<String, Long> droppedByReason, List<String> unresolvedRouters, boolean pex,
                              boolean lsd, @Schema(nullable = true) String message) {
        static DhtStatsDto off(String why, boolean pex, boolean lsd) {
            return new DhtStatsDto(false, "off", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(),
                    List.of(), pex, lsd, why);
        }

        static DhtStatsDto of(DhtStats s, int port, boolean pex, boolean lsd) {
            return new DhtStatsDto(true, s.bootstrap(), port, s.goodNodes(), s.questionableNodes(), s.badNodes(),
                    s.replacementNodes(), s.buckets(), s.torrents(), s.activeLookups(), s.queriesInPerSecond(),
                    s.queriesOutPerSecond(), s.packetsIn(), s.packetsOut(), s.malformed(), s.rateLimitedIn(),
                    s.rateLimitedOut(), s.storedInfoHashes(), s.storedPeers(), new java.util.TreeMap<>(s.droppedByReason()),
                    s.unresolvedRouters(), pex, lsd, null);
        }
    }
}
