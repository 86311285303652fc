package dev.bitquark.engine;

/**
 * Where the swarm learned a peer's address. {@code USER}: given by the user or the magnet link's {@code x.pe};
 * {@code INCOMING}: the peer dialed us (BEP 10 {@code p} gives its listen port); {@code SAVED}: kept with the
 * torrent from an earlier run; {@code DHT}, {@code PEX}, {@code LSD}: BEP 5, BEP 11 and BEP 14 peer sources.
 */
public enum PeerOrigin { TRACKER, USER, INCOMING, PEX, DHT, LSD, SAVED }
