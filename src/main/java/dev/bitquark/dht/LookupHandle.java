package dev.bitquark.dht;

import dev.bitquark.dht.krpc.KrpcMessage.Method;
import dev.bitquark.dht.krpc.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * A torrent's {@link DhtLookup}: one get_peers lookup (and announce) at a time, repeated. A run that
 * found no peers is retried after 10 s, 20 s, 40 s ... up to 5 minutes; otherwise every 2 minutes
 * while the torrent wants more peers, else every 15 minutes, which renews our announce well within
 * the 30 minutes other nodes keep it. Methods run on the node's owner thread.
 */
final class LookupHandle implements DhtLookup {
    static final long FIRST_RETRY_MILLIS = 10_000;
    static final long MAX_RETRY_MILLIS = 5 * 60_000L;
    static final long WANT_MORE_MILLIS = 2 * 60_000L;
    static final long KEEP_ALIVE_MILLIS = 15 * 60_000L;
    /** How long a run waits for nodes when the table is empty before counting as finding nothing. */
    static final long MAX_STARVED_MILLIS = 30_000;

    private final DhtNode node;
    private final NodeId infoHash;
    private final int announcePort;
    private final boolean impliedPort;
    private final Consumer<List<InetSocketAddress>> found;
    private LookupRun current;
    private long nextAt;
    private int emptyRuns;
    private boolean wantMore;
    private boolean stopped;
    private int runs;

    LookupHandle(DhtNode node, NodeId infoHash, int announcePort, boolean impliedPort,
                 Consumer<List<InetSocketAddress>> found, long now) {
        this.node = node;
        this.infoHash = infoHash;
        this.announcePort = announcePort;
        this.impliedPort = impliedPort;
        this.found = found;
        this.nextAt = now;
    }

    /** Starts a run when one is due. */
    void tick(long now) {
        if (stopped || current != null || now < nextAt) {
            return;
        }
        runs++;
        current = new LookupRun(node, Method.GET_PEERS, infoHash, this::deliver, this::done, null, null,
                MAX_STARVED_MILLIS).announcing(announcePort, impliedPort);
        node.startRun(current, now);
    }

    private void deliver(List<InetSocketAddress> peers) {
        if (!stopped) {
            found.accept(peers);
        }
    }

    private void done(LookupRun run) {
        if (run != current) {
            return;
        }
        current = null;
        long now = node.now();
        if (run.peersFound() == 0) {
            emptyRuns++;
            nextAt = now + Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(10, emptyRuns - 1));
        } else {
            emptyRuns = 0;
            nextAt = now + (wantMore ? WANT_MORE_MILLIS : KEEP_ALIVE_MILLIS);
        }
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (current != null) {
            node.cancelRun(current);
            current = null;
        }
        node.removeHandle(this);
    }

    @Override
    public void wantMore(boolean fewPeers) {
        wantMore = fewPeers;
        if (fewPeers && current == null && emptyRuns == 0) {
            nextAt = Math.min(nextAt, node.now() + WANT_MORE_MILLIS);
        }
    }

    NodeId infoHash() {
        return infoHash;
    }

    long nextAt() {
        return nextAt;
    }

    boolean running() {
        return current != null;
    }

    int runs() {
        return runs;
    }

    boolean stopped() {
        return stopped;
    }
}
