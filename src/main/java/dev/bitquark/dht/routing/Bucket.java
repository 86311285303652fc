package dev.bitquark.dht.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One k-bucket: up to {@link RoutingTable#K} nodes and a replacement cache of up to
 * {@link RoutingTable#MAX_REPLACEMENTS} nodes that answered us while the bucket was full (most recent
 * last). {@code lastChanged} is BEP 5's "last changed" property: set when a member answers, is added
 * or replaced.
 */
final class Bucket {
    final List<NodeEntry> nodes = new ArrayList<>(RoutingTable.K);
    final ArrayDeque<NodeEntry> replacements = new ArrayDeque<>(RoutingTable.MAX_REPLACEMENTS);
    long lastChanged;

    Bucket(long now) {
        this.lastChanged = now;
    }

    boolean isFull() {
        return nodes.size() >= RoutingTable.K;
    }

    /** Keeps the most recent replacements: a newcomer pushes out the oldest. */
    void addReplacement(NodeEntry e) {
        replacements.removeIf(r -> r.id().equals(e.id()));
        if (replacements.size() >= RoutingTable.MAX_REPLACEMENTS) {
            replacements.pollFirst();
        }
        replacements.addLast(e);
    }
}
