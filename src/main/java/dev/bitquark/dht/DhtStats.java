package dev.bitquark.dht;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a DHT node for the UI and metrics. Immutable.
 *
 * @param bootstrap         "bootstrapping", "ready" (the table is healthy: 8 good nodes, or a tiny
 *                          network fully known) or "no-nodes" (nothing to start from: no router
 *                          resolved, no saved node, empty table; retried while routers resolve)
 * @param unresolvedRouters router names that could not be resolved (the service keeps retrying)
 * @param activeLookups     iterative lookups running now (torrents', bootstrap's and refresh's)
 * @param torrents          live {@link DhtLookup}s
 * @param droppedByReason   packets dropped or answered with a KRPC error, by reason ("too-large",
 *                          "not-bencode", "bad-id", "unknown-transaction", "rate-limited", "bad-token" ...);
 *                          also our queries that failed ("timeout", "error-203" ...) and pings not
 *                          sent over the outgoing limit ("ping-over-limit")
 */
public record DhtStats(String bootstrap, int goodNodes, int questionableNodes, int badNodes, int replacementNodes,
                       int buckets, double queriesInPerSecond, double queriesOutPerSecond, long packetsIn,
                       long packetsOut, long malformed, long rateLimitedIn, long rateLimitedOut,
                       int storedInfoHashes, int storedPeers, int activeLookups, int torrents,
                       int pendingQueries, int queuedQueries, Map<String, Long> droppedByReason,
                       List<String> unresolvedRouters) {
    public DhtStats {
        droppedByReason = Map.copyOf(droppedByReason);
        unresolvedRouters = List.copyOf(unresolvedRouters);
    }

    /** The same stats naming {@code unresolved} router names. */
    public DhtStats withUnresolvedRouters(List<String> unresolved) {
        return new DhtStats(bootstrap, goodNodes, questionableNodes, badNodes, replacementNodes, buckets,
                queriesInPerSecond, queriesOutPerSecond, packetsIn, packetsOut, malformed, rateLimitedIn,
                rateLimitedOut, storedInfoHashes, storedPeers, activeLookups, torrents, pendingQueries,
                queuedQueries, droppedByReason, unresolved);
    }
}
