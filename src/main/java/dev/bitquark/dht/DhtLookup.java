package dev.bitquark.dht;

/**
 * A torrent's standing search for peers in the DHT, returned by {@code getPeers}: it looks up the
 * info-hash, announces to the closest nodes, and repeats on a schedule until stopped. Each run
 * hands a peer to the consumer at most once; a later run may hand it again (it is still there).
 */
public interface DhtLookup {
    /** Ends the search: pending answers are ignored, no more lookups or announces are sent. */
    void stop();

    /** With {@code true}, look again every ~2 minutes (the swarm needs peers); with false every 15 minutes. */
    void wantMore(boolean fewPeers);
}
